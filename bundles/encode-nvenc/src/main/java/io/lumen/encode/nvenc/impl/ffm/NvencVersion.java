package io.lumen.encode.nvenc.impl.ffm;

import java.util.Optional;

/**
 * The NVENC API version lumen's layouts are pinned to (nvEncodeAPI.h 11.1, as FFmpeg's nv-codec-headers 11.1 ship it)
 * and the version words every struct carries. A driver older than 11.1 is refused with a reason; a newer one
 * accepts 11.1 structs, which is how NVIDIA keeps old clients working.
 */
public final class NvencVersion {

    public static final int MAJOR = 11;
    public static final int MINOR = 1;
    /** NVENCAPI_VERSION: major in the low byte, minor in the top byte. */
    public static final int API = MAJOR | (MINOR << 24);

    /** The structs that grew large in 11.x carry bit 31 as well (the headers' {@code | (1u<<31)}). */
    private static final int LARGE = 1 << 31;

    public static final int OPEN_ENCODE_SESSION_EX_PARAMS = struct(1);
    public static final int FUNCTION_LIST = struct(2);
    public static final int PRESET_CONFIG = struct(4) | LARGE;
    public static final int CONFIG = struct(7) | LARGE;
    public static final int INITIALIZE_PARAMS = struct(5) | LARGE;
    public static final int RECONFIGURE_PARAMS = struct(1) | LARGE;
    public static final int CREATE_INPUT_BUFFER = struct(1);
    public static final int CREATE_BITSTREAM_BUFFER = struct(1);
    public static final int LOCK_INPUT_BUFFER = struct(1);
    public static final int LOCK_BITSTREAM = struct(1);
    public static final int PIC_PARAMS = struct(4) | LARGE;

    private NvencVersion() {
    }

    /** NVENCAPI_STRUCT_VERSION(ver): the API version, the struct's own version in bits 16..23, 0x7 in the top nibble. */
    public static int struct(int ver) {
        return API | (ver << 16) | (0x7 << 28);
    }

    /**
     * Why a driver whose NvEncodeAPIGetMaxSupportedVersion said {@code maxSupported} cannot run lumen, if it cannot.
     * The driver packs that answer as {@code (major << 4) | minor}.
     */
    public static Optional<String> tooOld(int maxSupported) {
        int major = maxSupported >>> 4;
        int minor = maxSupported & 0xF;
        if (major > MAJOR || (major == MAJOR && minor >= MINOR)) {
            return Optional.empty();
        }
        return Optional.of("NVIDIA driver too old: it offers NVENC API " + major + "." + minor + ", lumen needs "
                + MAJOR + "." + MINOR + " (update the driver)");
    }
}
