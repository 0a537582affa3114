package io.lumen.encode.nvenc.impl.ffm;

import java.lang.foreign.MemorySegment;

import static io.lumen.encode.nvenc.impl.ffm.NvencLayouts.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Fills one NV_ENC_PIC_PARAMS. Kept apart from the encoder so the per-picture fields, and above all the timestamp
 * that nvEncInvalidateRefFrames later names the picture by, can be checked without a driver.
 */
public final class PictureParams {

    /**
     * What one picture asks for.
     *
     * @param timestamp         inputTimeStamp: the number the session gave the picture's access unit, so a lost
     *                          picture is invalidated by that same number
     * @param idr               an IDR with parameter sets
     * @param intraRefreshCount 0, or the length of an intra refresh wave that starts with this picture
     */
    public record Picture(long timestamp, boolean idr, int intraRefreshCount) {
    }

    private PictureParams() {
    }

    /** Writes {@code picture} into {@code pic} (PIC_SIZE zeroed bytes) for an input of {@code pitch} bytes. */
    public static void fill(MemorySegment pic, Picture picture, boolean hevc, int width, int height, int pitch,
                            int bufferFormat, MemorySegment input, MemorySegment output) {
        pic.set(JAVA_INT, 0, NvencVersion.PIC_PARAMS);
        pic.set(JAVA_INT, PIC_WIDTH, width);
        pic.set(JAVA_INT, PIC_HEIGHT, height);
        pic.set(JAVA_INT, PIC_PITCH, pitch);
        pic.set(JAVA_INT, PIC_FLAGS, picture.idr() ? NvencConstants.PIC_FLAG_FORCEIDR | NvencConstants.PIC_FLAG_OUTPUT_SPSPPS : 0);
        pic.set(JAVA_INT, PIC_FRAME_IDX, (int) picture.timestamp());
        pic.set(JAVA_LONG, PIC_TIMESTAMP, picture.timestamp());
        pic.set(ADDRESS, PIC_INPUT, input);
        pic.set(ADDRESS, PIC_OUTPUT, output);
        pic.set(JAVA_INT, PIC_FORMAT, bufferFormat);
        pic.set(JAVA_INT, PIC_STRUCT, NvencConstants.PIC_STRUCT_FRAME);
        if (picture.intraRefreshCount() > 0 && !picture.idr()) {
            long at = PIC_CODEC + (hevc ? PIC_HEVC_FORCE_INTRA_REFRESH_CNT : PIC_H264_FORCE_INTRA_REFRESH_CNT);
            pic.set(JAVA_INT, at, picture.intraRefreshCount());
        }
    }
}
