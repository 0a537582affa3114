package io.lumen.encode.java.impl;

import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import org.jcodec.common.model.Picture;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Frame → JCodec picture (4:2:0, BT.601 limited range, the matrix decoders assume for an untagged stream). Rows
 * are copied out of the off-heap frame in bulk into reused arrays; JCodec keeps samples as signed bytes offset by
 * -128. The picture is padded to whole macroblocks; the padding stays as it was and is cropped away by the SPS.
 */
final class YuvConverter {

    private final int width;
    private final int height;
    private final byte[] rowA;
    private final byte[] rowB;

    YuvConverter(int width, int height) {
        this.width = width;
        this.height = height;
        this.rowA = new byte[width * 4];
        this.rowB = new byte[width * 4];
    }

    void convert(Frame frame, Picture picture) {
        if (frame.width() != width || frame.height() != height) {
            throw new IllegalArgumentException("frame is " + frame.width() + "x" + frame.height() + ", encoder opened for "
                    + width + "x" + height);
        }
        if (frame.format() == PixelFormat.I420) {
            copyI420(frame, picture);
        } else if (frame.format().isPacked()) {
            convertPacked(frame, picture);
        } else {
            throw new IllegalArgumentException("java-h264 does not take " + frame.format());
        }
    }

    private void convertPacked(Frame frame, Picture picture) {
        boolean bgr = frame.format() == PixelFormat.BGRX || frame.format() == PixelFormat.BGRA;
        int rAt = bgr ? 2 : 0;
        int bAt = bgr ? 0 : 2;
        MemorySegment pixels = frame.data();
        int stride = frame.stride();
        byte[] luma = picture.getPlaneData(0);
        byte[] cb = picture.getPlaneData(1);
        byte[] cr = picture.getPlaneData(2);
        int lumaStride = picture.getPlaneWidth(0);
        int chromaStride = picture.getPlaneWidth(1);
        for (int y = 0; y < height; y += 2) {
            boolean pair = y + 1 < height;
            MemorySegment.copy(pixels, ValueLayout.JAVA_BYTE, (long) y * stride, rowA, 0, width * 4);
            byte[] second = pair ? rowB : rowA;
            if (pair) {
                MemorySegment.copy(pixels, ValueLayout.JAVA_BYTE, (long) (y + 1) * stride, rowB, 0, width * 4);
            }
            int lumaRow = y * lumaStride;
            int chromaRow = (y >> 1) * chromaStride;
            for (int x = 0; x < width; x += 2) {
                boolean right = x + 1 < width;
                int p = x * 4;
                int q = right ? p + 4 : p;
                int r0 = rowA[p + rAt] & 0xFF, g0 = rowA[p + 1] & 0xFF, b0 = rowA[p + bAt] & 0xFF;
                int r1 = rowA[q + rAt] & 0xFF, g1 = rowA[q + 1] & 0xFF, b1 = rowA[q + bAt] & 0xFF;
                int r2 = second[p + rAt] & 0xFF, g2 = second[p + 1] & 0xFF, b2 = second[p + bAt] & 0xFF;
                int r3 = second[q + rAt] & 0xFF, g3 = second[q + 1] & 0xFF, b3 = second[q + bAt] & 0xFF;
                luma[lumaRow + x] = luma(r0, g0, b0);
                if (right) {
                    luma[lumaRow + x + 1] = luma(r1, g1, b1);
                }
                if (pair) {
                    luma[lumaRow + lumaStride + x] = luma(r2, g2, b2);
                    if (right) {
                        luma[lumaRow + lumaStride + x + 1] = luma(r3, g3, b3);
                    }
                }
                int r = (r0 + r1 + r2 + r3 + 2) >> 2, g = (g0 + g1 + g2 + g3 + 2) >> 2, b = (b0 + b1 + b2 + b3 + 2) >> 2;
                cb[chromaRow + (x >> 1)] = (byte) (((-38 * r - 74 * g + 112 * b + 128) >> 8));
                cr[chromaRow + (x >> 1)] = (byte) (((112 * r - 94 * g - 18 * b + 128) >> 8));
            }
        }
    }

    /** Limited-range luma, shifted into JCodec's signed sample range. */
    private static byte luma(int r, int g, int b) {
        return (byte) (((66 * r + 129 * g + 25 * b + 128) >> 8) + 16 - 128);
    }

    private void copyI420(Frame frame, Picture picture) {
        MemorySegment pixels = frame.data();
        int stride = frame.stride();
        int chromaStride = (stride + 1) / 2;
        int chromaWidth = (width + 1) / 2;
        int chromaHeight = (height + 1) / 2;
        long uPlane = (long) stride * height;
        long vPlane = uPlane + (long) chromaStride * chromaHeight;
        copyPlane(pixels, 0, stride, width, height, picture.getPlaneData(0), picture.getPlaneWidth(0));
        copyPlane(pixels, uPlane, chromaStride, chromaWidth, chromaHeight, picture.getPlaneData(1), picture.getPlaneWidth(1));
        copyPlane(pixels, vPlane, chromaStride, chromaWidth, chromaHeight, picture.getPlaneData(2), picture.getPlaneWidth(2));
    }

    private void copyPlane(MemorySegment source, long offset, int sourceStride, int planeWidth, int planeHeight,
                           byte[] target, int targetStride) {
        for (int y = 0; y < planeHeight; y++) {
            int at = y * targetStride;
            MemorySegment.copy(source, ValueLayout.JAVA_BYTE, offset + (long) y * sourceStride, target, at, planeWidth);
            for (int x = at; x < at + planeWidth; x++) {
                target[x] = (byte) (target[x] - 128);
            }
        }
    }
}
