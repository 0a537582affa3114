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
 * The few CUDA driver calls NVENC needs: a context on device 0 that the encode session is opened on. NVENC pushes
 * and pops that context itself around every call, so the context is popped off the creating thread right away and
 * any thread may encode.
 */
public final class Cuda {

    static final int CUDA_SUCCESS = 0;
    static final int CUDA_ERROR_NO_DEVICE = 100;

    private final MethodHandle init;
    private final MethodHandle deviceGetCount;
    private final MethodHandle deviceGet;
    private final MethodHandle ctxCreate;
    private final MethodHandle ctxPopCurrent;
    private final MethodHandle ctxDestroy;

    Cuda(NativeLibrary cuda) {
        init = cuda.downcall("cuInit", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        deviceGetCount = cuda.downcall("cuDeviceGetCount", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        deviceGet = cuda.downcall("cuDeviceGet", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        ctxCreate = cuda.downcall("cuCtxCreate_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        ctxPopCurrent = cuda.downcall("cuCtxPopCurrent_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        ctxDestroy = cuda.downcall("cuCtxDestroy_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    /** cuInit and a device count: why this machine has no usable CUDA device, if it has none. */
    Optional<String> noDevice() throws Throwable {
        int status = (int) init.invokeExact(0);
        if (status != CUDA_SUCCESS) {
            return Optional.of(initFailure(status));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(JAVA_INT);
            status = (int) deviceGetCount.invokeExact(count);
            if (status != CUDA_SUCCESS || count.get(JAVA_INT, 0) == 0) {
                return Optional.of("no CUDA device");
            }
        }
        return Optional.empty();
    }

    /** The probe's words for a failed cuInit: a driver without a GPU answers CUDA_ERROR_NO_DEVICE. */
    static String initFailure(int status) {
        return status == CUDA_ERROR_NO_DEVICE ? "no CUDA device" : "cuInit failed (CUresult " + status + ")";
    }

    /** A new context on device {@code ordinal}, not left current on this thread; destroy it with {@link #destroy}. */
    public MemorySegment createContext(int ordinal) throws NvencException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment device = arena.allocate(JAVA_INT);
            check("cuDeviceGet", (int) deviceGet.invokeExact(device, ordinal));
            MemorySegment context = arena.allocate(ADDRESS);
            check("cuCtxCreate_v2", (int) ctxCreate.invokeExact(context, 0, device.get(JAVA_INT, 0)));
            MemorySegment created = context.get(ADDRESS, 0);
            MemorySegment popped = arena.allocate(ADDRESS);
            int status = (int) ctxPopCurrent.invokeExact(popped);
            if (status != CUDA_SUCCESS) {
                int ignored = (int) ctxDestroy.invokeExact(created);
                check("cuCtxPopCurrent_v2", status);
            }
            return created;
        } catch (NvencException e) {
            throw e;
        } catch (Throwable t) {
            throw new NvencException("CUDA context creation failed: " + t);
        }
    }

    public void destroy(MemorySegment context) {
        try {
            int ignored = (int) ctxDestroy.invokeExact(context);
        } catch (Throwable t) {
            throw new IllegalStateException("cuCtxDestroy_v2 failed", t);
        }
    }

    private static void check(String call, int status) throws NvencException {
        if (status != CUDA_SUCCESS) {
            throw new NvencException(call + " failed (CUresult " + status + ")");
        }
    }
}
