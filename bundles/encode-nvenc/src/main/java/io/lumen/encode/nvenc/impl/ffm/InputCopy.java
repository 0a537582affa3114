package io.lumen.encode.nvenc.impl.ffm;

import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;

/**
 * The one copy between a captured frame and NVENC's locked input buffer, row by row because the two pitches
 * differ. Packed 8-bit frames go as they are (BGRx is NVENC's ARGB word, RGBx its ABGR); for 10-bit each channel is
 * widened to 10 bits during the same copy (A2R10G10B10), so HDR output costs no second pass.
 */
public final class InputCopy {

    private InputCopy() {
    }

    /** NVENC's buffer format for frames of {@code format}; -1 when NVENC cannot take it directly. */
    public static int bufferFormat(PixelFormat format, boolean tenBit) {
        return switch (format) {
            case BGRX, BGRA -> tenBit ? NvencConstants.BUFFER_FORMAT_ARGB10 : NvencConstants.BUFFER_FORMAT_ARGB;
            case RGBX, RGBA -> tenBit ? NvencConstants.BUFFER_FORMAT_ABGR10 : NvencConstants.BUFFER_FORMAT_ABGR;
            case NV12 -> tenBit ? -1 : NvencConstants.BUFFER_FORMAT_NV12;
            default -> -1;
        };
    }

    /** Copies {@code frame} into a locked buffer of {@code pitch} bytes per row and {@code height} rows per plane. */
    public static void copy(Frame frame, MemorySegment target, int pitch, boolean tenBit) {
        MemorySegment source = frame.data();
        int width = frame.width();
        int height = frame.height();
        int stride = frame.stride();
        if (frame.format() == PixelFormat.NV12) {
            copyRows(source, 0, stride, target, 0, pitch, width, height);
            // NVENC's NV12 chroma plane follows the luma plane at pitch * height
            copyRows(source, (long) stride * height, stride, target, (long) pitch * height, pitch,
                    width + (width & 1), (height + 1) / 2);
        } else if (tenBit) {
            for (int y = 0; y < height; y++) {
                widenRow(source, (long) y * stride, target, (long) y * pitch, width);
            }
        } else {
            copyRows(source, 0, stride, target, 0, pitch, width * 4, height);
        }
    }

    private static void copyRows(MemorySegment source, long sourceOffset, int sourceStride, MemorySegment target,
                                 long targetOffset, int targetPitch, int rowBytes, int rows) {
        for (int y = 0; y < rows; y++) {
            MemorySegment.copy(source, JAVA_BYTE, sourceOffset + (long) y * sourceStride,
                    target, JAVA_BYTE, targetOffset + (long) y * targetPitch, rowBytes);
        }
    }

    /**
     * One row of 8-bit words (byte 0 the low channel) into 2:10:10:10 words with the same channel order: each 8-bit
     * value v becomes (v << 2) | (v >> 6), so 0 stays 0 and 255 becomes 1023; alpha is opaque.
     */
    static void widenRow(MemorySegment source, long sourceOffset, MemorySegment target, long targetOffset, int width) {
        for (int x = 0; x < width; x++) {
            int pixel = source.get(JAVA_INT_UNALIGNED, sourceOffset + 4L * x);
            int low = widen(pixel & 0xFF);
            int mid = widen((pixel >>> 8) & 0xFF);
            int high = widen((pixel >>> 16) & 0xFF);
            target.set(JAVA_INT_UNALIGNED, targetOffset + 4L * x, (3 << 30) | (high << 20) | (mid << 10) | low);
        }
    }

    static int widen(int v) {
        return (v << 2) | (v >>> 6);
    }
}
