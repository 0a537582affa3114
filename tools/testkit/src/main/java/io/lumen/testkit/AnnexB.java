package io.lumen.testkit;

import java.util.ArrayList;
import java.util.List;

/** Annex-B byte streams: NAL units between start codes (00 00 01 or 00 00 00 01). */
public final class AnnexB {

    public static final int H264_IDR = 5;
    public static final int H264_SPS = 7;
    public static final int H264_PPS = 8;

    private AnnexB() {
    }

    /** The NAL units of {@code stream}, start codes removed, in order. */
    public static List<byte[]> nalUnits(byte[] stream) {
        List<byte[]> units = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i + 2 < stream.length) {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1) {
                if (start >= 0) {
                    units.add(java.util.Arrays.copyOfRange(stream, start, trimZeros(stream, start, i)));
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0 && start < stream.length) {
            units.add(java.util.Arrays.copyOfRange(stream, start, stream.length));
        }
        return units;
    }

    /**
     * Where the header byte of the first IDR slice (H.264 type 5, HEVC types 16 to 21) sits in an access unit, or
     * -1 when it has none: a Moonlight client looks for it in the frame's first packet only.
     */
    public static int idrSliceOffset(byte[] accessUnit, boolean hevc) {
        for (int i = 0; i + 3 < accessUnit.length; i++) {
            if (accessUnit[i] == 0 && accessUnit[i + 1] == 0 && accessUnit[i + 2] == 1) {
                int header = accessUnit[i + 3];
                int type = hevc ? (header >> 1) & 0x3F : header & 0x1F;
                if (hevc ? type >= 16 && type <= 21 : type == H264_IDR) {
                    return i + 3;
                }
                i += 2;
            }
        }
        return -1;
    }

    /** A 4-byte start code's leading zero belongs to the start code, not to the NAL before it. */
    private static int trimZeros(byte[] stream, int start, int end) {
        while (end > start && stream[end - 1] == 0) {
            end--;
        }
        return end;
    }

    /** H.264 nal_unit_type of a unit without its start code. */
    public static int h264Type(byte[] nal) {
        return nal[0] & 0x1F;
    }

    /** HEVC nal_unit_type of a unit without its start code. */
    public static int hevcType(byte[] nal) {
        return (nal[0] >> 1) & 0x3F;
    }

    /** The H.264 NAL types of an access unit, in order; reads only the header byte after each start code. */
    public static List<Integer> h264Types(byte[] accessUnit) {
        return types(accessUnit, false);
    }

    /** The HEVC NAL types of an access unit, in order. */
    public static List<Integer> hevcTypes(byte[] accessUnit) {
        return types(accessUnit, true);
    }

    private static List<Integer> types(byte[] accessUnit, boolean hevc) {
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i + 3 < accessUnit.length; i++) {
            if (accessUnit[i] == 0 && accessUnit[i + 1] == 0 && accessUnit[i + 2] == 1) {
                types.add(hevc ? (accessUnit[i + 3] >> 1) & 0x3F : accessUnit[i + 3] & 0x1F);
                i += 3;
            }
        }
        return types;
    }

    /** HEVC IDR slice types (IDR_W_RADL, IDR_N_LP). */
    public static final int HEVC_IDR_W_RADL = 19;
    public static final int HEVC_IDR_N_LP = 20;

    /** Whether an HEVC access unit holds an IDR slice. */
    public static boolean isHevcIdr(byte[] accessUnit) {
        List<Integer> types = hevcTypes(accessUnit);
        return types.contains(HEVC_IDR_W_RADL) || types.contains(HEVC_IDR_N_LP);
    }

    /** Whether an H.264 access unit holds an IDR slice. */
    public static boolean isH264Idr(byte[] accessUnit) {
        return h264Types(accessUnit).contains(H264_IDR);
    }
}
