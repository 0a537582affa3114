package io.lumen.protocol.moonlight.impl;

/** ServerCodecModeSupport bits (moonlight-common-c Limelight.h SCM_*): what serverinfo and DESCRIBE offer. */
public final class CodecModes {

    public static final int H264 = 0x1;
    public static final int HEVC = 0x100;
    public static final int HEVC_MAIN10 = 0x200;
    public static final int AV1_MAIN8 = 0x10000;
    public static final int AV1_MAIN10 = 0x20000;

    private CodecModes() {
    }

    public static boolean hevc(int modes) {
        return (modes & (HEVC | HEVC_MAIN10)) != 0;
    }

    public static boolean av1(int modes) {
        return (modes & (AV1_MAIN8 | AV1_MAIN10)) != 0;
    }
}
