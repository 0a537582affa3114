package io.lumen.encode.nvenc.impl.ffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The entry points NvEncodeAPICreateInstance writes into NV_ENCODE_API_FUNCTION_LIST, bound as downcalls. A slot is
 * the pointer's index in the struct (offset / 8; version and reserved share slot 0), pinned to the 11.1 order.
 */
public final class NvencFunctions {

    public static final int SLOT_GET_ENCODE_GUID_COUNT = 2;
    public static final int SLOT_GET_ENCODE_GUIDS = 5;
    public static final int SLOT_INITIALIZE_ENCODER = 12;
    public static final int SLOT_CREATE_INPUT_BUFFER = 13;
    public static final int SLOT_DESTROY_INPUT_BUFFER = 14;
    public static final int SLOT_CREATE_BITSTREAM_BUFFER = 15;
    public static final int SLOT_DESTROY_BITSTREAM_BUFFER = 16;
    public static final int SLOT_ENCODE_PICTURE = 17;
    public static final int SLOT_LOCK_BITSTREAM = 18;
    public static final int SLOT_UNLOCK_BITSTREAM = 19;
    public static final int SLOT_LOCK_INPUT_BUFFER = 20;
    public static final int SLOT_UNLOCK_INPUT_BUFFER = 21;
    public static final int SLOT_DESTROY_ENCODER = 28;
    public static final int SLOT_INVALIDATE_REF_FRAMES = 29;
    public static final int SLOT_OPEN_ENCODE_SESSION_EX = 30;
    /** Not bound yet: the zero-copy CUDA/dmabuf input path would register its device pointers here (README). */
    public static final int SLOT_REGISTER_RESOURCE = 31;
    public static final int SLOT_RECONFIGURE_ENCODER = 33;
    public static final int SLOT_GET_LAST_ERROR_STRING = 38;
    public static final int SLOT_GET_ENCODE_PRESET_CONFIG_EX = 40;

    private static final FunctionDescriptor ENCODER_AND_STRUCT = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);

    final MethodHandle getEncodeGuidCount;
    final MethodHandle getEncodeGuids;
    final MethodHandle initializeEncoder;
    final MethodHandle createInputBuffer;
    final MethodHandle destroyInputBuffer;
    final MethodHandle createBitstreamBuffer;
    final MethodHandle destroyBitstreamBuffer;
    final MethodHandle encodePicture;
    final MethodHandle lockBitstream;
    final MethodHandle unlockBitstream;
    final MethodHandle lockInputBuffer;
    final MethodHandle unlockInputBuffer;
    final MethodHandle destroyEncoder;
    /** NVENCSTATUS (void *encoder, uint64_t invalidRefFrameTimeStamp). */
    final MethodHandle invalidateRefFrames;
    final MethodHandle openEncodeSessionEx;
    final MethodHandle reconfigureEncoder;
    final MethodHandle getLastErrorString;
    final MethodHandle getEncodePresetConfigEx;

    /** Binds the pointers of a function list the driver filled. */
    NvencFunctions(MemorySegment list) throws NvencException {
        getEncodeGuidCount = bind(list, SLOT_GET_ENCODE_GUID_COUNT, ENCODER_AND_STRUCT);
        getEncodeGuids = bind(list, SLOT_GET_ENCODE_GUIDS,
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
        initializeEncoder = bind(list, SLOT_INITIALIZE_ENCODER, ENCODER_AND_STRUCT);
        createInputBuffer = bind(list, SLOT_CREATE_INPUT_BUFFER, ENCODER_AND_STRUCT);
        destroyInputBuffer = bind(list, SLOT_DESTROY_INPUT_BUFFER, ENCODER_AND_STRUCT);
        createBitstreamBuffer = bind(list, SLOT_CREATE_BITSTREAM_BUFFER, ENCODER_AND_STRUCT);
        destroyBitstreamBuffer = bind(list, SLOT_DESTROY_BITSTREAM_BUFFER, ENCODER_AND_STRUCT);
        encodePicture = bind(list, SLOT_ENCODE_PICTURE, ENCODER_AND_STRUCT);
        lockBitstream = bind(list, SLOT_LOCK_BITSTREAM, ENCODER_AND_STRUCT);
        unlockBitstream = bind(list, SLOT_UNLOCK_BITSTREAM, ENCODER_AND_STRUCT);
        lockInputBuffer = bind(list, SLOT_LOCK_INPUT_BUFFER, ENCODER_AND_STRUCT);
        unlockInputBuffer = bind(list, SLOT_UNLOCK_INPUT_BUFFER, ENCODER_AND_STRUCT);
        destroyEncoder = bind(list, SLOT_DESTROY_ENCODER, FunctionDescriptor.of(JAVA_INT, ADDRESS));
        invalidateRefFrames = bind(list, SLOT_INVALIDATE_REF_FRAMES, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        openEncodeSessionEx = bind(list, SLOT_OPEN_ENCODE_SESSION_EX, ENCODER_AND_STRUCT);
        reconfigureEncoder = bind(list, SLOT_RECONFIGURE_ENCODER, ENCODER_AND_STRUCT);
        getLastErrorString = bind(list, SLOT_GET_LAST_ERROR_STRING, FunctionDescriptor.of(ADDRESS, ADDRESS));
        getEncodePresetConfigEx = bind(list, SLOT_GET_ENCODE_PRESET_CONFIG_EX, FunctionDescriptor.of(JAVA_INT,
                ADDRESS, NvencGuid.LAYOUT, NvencGuid.LAYOUT, JAVA_INT, ADDRESS));
    }

    private static MethodHandle bind(MemorySegment list, int slot, FunctionDescriptor descriptor) throws NvencException {
        MemorySegment pointer = list.getAtIndex(ADDRESS, slot);
        if (pointer.equals(MemorySegment.NULL)) {
            throw new NvencException("the driver's NVENC function list has no entry in slot " + slot);
        }
        return Linker.nativeLinker().downcallHandle(pointer, descriptor);
    }
}
