package io.lumen.encode.nvenc.impl.ffm;

import io.lumen.nativeaccess.NativeLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The NVIDIA driver as lumen needs it: libnvidia-encode.so.1 (NVENC 11.1 or newer) with its function list, and
 * libcuda.so.1 with a CUDA device. Each step that fails stops the loading and becomes the probe's reason; nothing
 * after a failed step is looked up, and no exception leaves {@link #load}. Loaded once per bundle class loader.
 */
public final class NvencDriver {

    public static final String ENCODE_LIBRARY = "libnvidia-encode.so.1";
    public static final String CUDA_LIBRARY = "libcuda.so.1";

    private final String unavailable;
    private final NvencFunctions functions;
    private final Cuda cuda;

    private NvencDriver(String unavailable, NvencFunctions functions, Cuda cuda) {
        this.unavailable = unavailable;
        this.functions = functions;
        this.cuda = cuda;
    }

    private static final class Holder {
        static final NvencDriver INSTANCE = load(Arena.ofAuto(), ENCODE_LIBRARY, CUDA_LIBRARY);
    }

    /** The system's driver, loaded on first use (a machine without NVIDIA pays one failed library lookup). */
    public static NvencDriver system() {
        return Holder.INSTANCE;
    }

    /** Loads the driver from the given library names (tests point them at names that do not exist). */
    public static NvencDriver load(Arena arena, String encodeLibrary, String cudaLibrary) {
        NativeLibrary encode = NativeLibrary.load(arena, encodeLibrary);
        if (!encode.isAvailable()) {
            return unavailable("no NVIDIA driver (" + encode.unavailableReason().orElseThrow() + ")");
        }
        NativeLibrary cudaLibraryLoaded = NativeLibrary.load(arena, cudaLibrary);
        if (!cudaLibraryLoaded.isAvailable()) {
            return unavailable("no NVIDIA driver (" + cudaLibraryLoaded.unavailableReason().orElseThrow() + ")");
        }
        try {
            Optional<String> old = NvencVersion.tooOld(maxSupportedVersion(encode));
            if (old.isPresent()) {
                return unavailable(old.get());
            }
            Cuda cuda = new Cuda(cudaLibraryLoaded);
            Optional<String> noDevice = cuda.noDevice();
            if (noDevice.isPresent()) {
                return unavailable(noDevice.get());
            }
            return new NvencDriver(null, createInstance(encode, arena), cuda);
        } catch (UnsatisfiedLinkError e) {
            return unavailable("not an NVIDIA driver library: " + e.getMessage());
        } catch (NvencException e) {
            return unavailable(e.getMessage());
        } catch (Throwable t) {
            return unavailable("NVIDIA driver failed to load: " + t);
        }
    }

    private static NvencDriver unavailable(String reason) {
        return new NvencDriver(reason, null, null);
    }

    private static int maxSupportedVersion(NativeLibrary encode) throws Throwable {
        MethodHandle call = encode.downcall("NvEncodeAPIGetMaxSupportedVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment version = arena.allocate(JAVA_INT);
            int status = (int) call.invokeExact(version);
            if (status != NvencConstants.STATUS_SUCCESS) {
                throw new NvencException("NvEncodeAPIGetMaxSupportedVersion failed: " + NvencStatus.describe(status));
            }
            return version.get(JAVA_INT, 0);
        }
    }

    /** Asks the driver for its 11.1 function list; the list lives as long as the driver (arena). */
    private static NvencFunctions createInstance(NativeLibrary encode, Arena arena) throws Throwable {
        MethodHandle call = encode.downcall("NvEncodeAPICreateInstance", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        MemorySegment list = arena.allocate(NvencLayouts.FUNCTION_LIST_SIZE, 8);
        list.set(JAVA_INT, 0, NvencVersion.FUNCTION_LIST);
        int status = (int) call.invokeExact(list);
        if (status != NvencConstants.STATUS_SUCCESS) {
            throw new NvencException("NvEncodeAPICreateInstance failed: " + NvencStatus.describe(status));
        }
        return new NvencFunctions(list);
    }

    public boolean isAvailable() {
        return unavailable == null;
    }

    /** Why NVENC cannot run here, for probe(); empty when it can. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    NvencFunctions functions() {
        return functions;
    }

    Cuda cuda() {
        return cuda;
    }
}
