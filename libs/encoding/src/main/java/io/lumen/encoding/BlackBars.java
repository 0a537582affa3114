package io.lumen.encoding;

import io.lumen.api.encode.Letterbox;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Paints black what a fitted picture leaves uncovered in the encoder's input frame, in the YUV the encoder takes
 * (limited range, as libswscale converts RGB black: luma 16, chroma 128, or 64 and 512 in 10-bit). Painted for every
 * picture, because the encoder may hand back a new input buffer whenever it still holds the previous one; it costs
 * only the bars. Chroma is subsampled 2x2, so its rectangle starts on the even row and column at or before the
 * picture's, where libswscale writes it.
 */
final class BlackBars implements AutoCloseable {

    private final Arena arena = Arena.ofShared();
    /** Per plane: its size in samples and bytes, the picture's rectangle in it, and one black row to copy from. */
    private final Plane[] planes;

    private record Plane(int rows, long rowBytes, int top, int bottom, long left, long right, MemorySegment black) {
    }

    BlackBars(int width, int height, Letterbox box, int targetFormat) {
        boolean tenBit = targetFormat == AvPixelFormat.YUV420P10LE;
        int sample = tenBit ? 2 : 1;
        int chromaWidth = (width + 1) / 2;
        int chromaHeight = (height + 1) / 2;
        int chromaLeft = box.left() / 2;
        int chromaTop = box.top() / 2;
        int chromaRight = chromaLeft + (box.width() + 1) / 2;
        int chromaBottom = chromaTop + (box.height() + 1) / 2;
        Plane luma = plane(height, (long) width * sample, box.top(), box.top() + box.height(),
                (long) box.left() * sample, (long) (box.left() + box.width()) * sample, tenBit ? 64 : 16, sample);
        if (targetFormat == AvPixelFormat.NV12) {
            planes = new Plane[] {luma, plane(chromaHeight, chromaWidth * 2L, chromaTop, chromaBottom,
                    chromaLeft * 2L, chromaRight * 2L, 128, 1)};
        } else {
            Plane chroma = plane(chromaHeight, (long) chromaWidth * sample, chromaTop, chromaBottom,
                    (long) chromaLeft * sample, (long) chromaRight * sample, tenBit ? 512 : 128, sample);
            planes = new Plane[] {luma, chroma, chroma};
        }
    }

    private Plane plane(int rows, long rowBytes, int top, int bottom, long left, long right, int black, int sample) {
        MemorySegment row = arena.allocate(rowBytes, 8);
        for (long at = 0; at < rowBytes; at += sample) {
            if (sample == 2) {
                row.set(ValueLayout.JAVA_SHORT_UNALIGNED, at, (short) black);
            } else {
                row.set(ValueLayout.JAVA_BYTE, at, (byte) black);
            }
        }
        return new Plane(rows, rowBytes, top, bottom, left, right, row);
    }

    void paint(EncoderPicture encoder) {
        for (int p = 0; p < planes.length; p++) {
            Plane plane = planes[p];
            MemorySegment target = encoder.plane(p, 0);
            long stride = encoder.linesize(p);
            for (int y = 0; y < plane.rows(); y++) {
                long row = y * stride;
                if (y < plane.top() || y >= plane.bottom()) {
                    MemorySegment.copy(plane.black(), 0, target, row, plane.rowBytes());
                } else {
                    MemorySegment.copy(plane.black(), 0, target, row, plane.left());
                    MemorySegment.copy(plane.black(), 0, target, row + plane.right(),
                            plane.rowBytes() - plane.right());
                }
            }
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
