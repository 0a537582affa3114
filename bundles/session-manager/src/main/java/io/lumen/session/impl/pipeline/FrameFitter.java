package io.lumen.session.impl.pipeline;

import io.lumen.api.media.Frame;
import io.lumen.api.media.VideoMode;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Fits pictures of another size into the client's: a capture that cannot resize (a window, an existing output)
 * delivers its own size, but a Moonlight client decodes and presents the size it negotiated (moonlight-embedded's
 * SDL renderer crashes on a smaller one). The picture is scaled with its aspect ratio kept and centred on black
 * bars. Shrinking averages every source pixel a target pixel covers (text stays legible); growing repeats pixels.
 * <p>
 * Packed 32-bit formats only: the copy is what any capture of another size costs, done once, on the encode thread.
 * Planar frames pass unchanged, and the encoder opens at their size as before. Not thread-safe: the encode thread
 * owns it.
 */
final class FrameFitter implements AutoCloseable {

    /** Buffers in flight: the one being encoded and the one being filled; more are made when the encoder holds on. */
    private static final int POOLED = 3;
    private static final int OPAQUE_BLACK = 0xff000000;

    private final int width;
    private final int height;
    private final Arena arena = Arena.ofShared();
    private final BlockingQueue<MemorySegment> pool = new ArrayBlockingQueue<>(POOLED);
    private Geometry geometry;
    private int[] sourceRow = new int[0];
    private int[] sums = new int[0];
    private int[] targetRow = new int[0];

    FrameFitter(VideoMode mode) {
        this.width = mode.width();
        this.height = mode.height();
    }

    /** Where a source of one size lands in the target, and which source columns each target column averages. */
    private record Geometry(int sourceWidth, int sourceHeight, int left, int top, int contentWidth,
                            int contentHeight, int[] columnStart, int[] columnEnd) {

        static Geometry of(int sourceWidth, int sourceHeight, int width, int height) {
            double scale = Math.min((double) width / sourceWidth, (double) height / sourceHeight);
            int contentWidth = Math.clamp(Math.round(sourceWidth * scale), 1, width);
            int contentHeight = Math.clamp(Math.round(sourceHeight * scale), 1, height);
            int[] start = new int[contentWidth];
            int[] end = new int[contentWidth];
            for (int x = 0; x < contentWidth; x++) {
                start[x] = spanStart(x, sourceWidth, contentWidth);
                end[x] = spanEnd(x, sourceWidth, contentWidth);
            }
            return new Geometry(sourceWidth, sourceHeight, (width - contentWidth) / 2, (height - contentHeight) / 2,
                    contentWidth, contentHeight, start, end);
        }

        /** The first source index target index {@code i} of {@code target} covers. */
        static int spanStart(int i, int source, int target) {
            return (int) ((long) i * source / target);
        }

        /** One past the last; at least one past the start, so growing repeats the nearest pixel. */
        static int spanEnd(int i, int source, int target) {
            return Math.max(spanStart(i, source, target) + 1, (int) (((long) i + 1) * source / target));
        }
    }

    /** Whether {@code frame} needs fitting: another size than the client's, in a format this can scale. */
    boolean fits(Frame frame) {
        return frame.width() == width && frame.height() == height || !frame.format().isPacked();
    }

    /**
     * {@code frame} at the client's size: itself when it already fits (or cannot be scaled), else a new frame with
     * the same format, sequence and capture time, whose release returns its memory here. The caller still owns
     * and releases {@code frame}.
     */
    Frame fit(Frame frame) {
        if (fits(frame)) {
            return frame;
        }
        if (geometry == null || geometry.sourceWidth() != frame.width() || geometry.sourceHeight() != frame.height()) {
            geometry = Geometry.of(frame.width(), frame.height(), width, height);
            sourceRow = new int[frame.width()];
            sums = new int[geometry.contentWidth() * 3];
            targetRow = new int[width];
        }
        MemorySegment target = pool.poll();
        if (target == null) {
            target = arena.allocate((long) width * height * 4, 64);
        }
        scale(frame, target);
        MemorySegment memory = target;
        return new Frame(memory, frame.format(), width, height, width * 4, frame.sequence(), frame.captureNanos(),
                () -> pool.offer(memory));
    }

    private void scale(Frame frame, MemorySegment target) {
        Geometry g = geometry;
        MemorySegment source = frame.data();
        java.util.Arrays.fill(targetRow, OPAQUE_BLACK);
        for (int y = 0; y < g.top(); y++) {
            writeRow(target, y);
        }
        for (int y = g.top() + g.contentHeight(); y < height; y++) {
            writeRow(target, y);
        }
        for (int y = 0; y < g.contentHeight(); y++) {
            int rowStart = Geometry.spanStart(y, g.sourceHeight(), g.contentHeight());
            int rowEnd = Geometry.spanEnd(y, g.sourceHeight(), g.contentHeight());
            java.util.Arrays.fill(sums, 0);
            for (int sy = rowStart; sy < rowEnd; sy++) {
                MemorySegment.copy(source, ValueLayout.JAVA_INT_UNALIGNED, (long) sy * frame.stride(), sourceRow, 0,
                        g.sourceWidth());
                accumulate(g);
            }
            int rows = rowEnd - rowStart;
            for (int x = 0; x < g.contentWidth(); x++) {
                int count = rows * (g.columnEnd()[x] - g.columnStart()[x]);
                int half = count / 2;
                // channel 3 (X or alpha) is set opaque: the encoders ignore it, and a blended alpha means nothing
                targetRow[g.left() + x] = OPAQUE_BLACK | (sums[3 * x] + half) / count
                        | ((sums[3 * x + 1] + half) / count) << 8 | ((sums[3 * x + 2] + half) / count) << 16;
            }
            writeRow(target, g.top() + y);
        }
    }

    /** Adds one source row to the sums of the target columns its pixels fall in. Byte order does not matter. */
    private void accumulate(Geometry g) {
        int[] start = g.columnStart();
        int[] end = g.columnEnd();
        for (int x = 0; x < start.length; x++) {
            int b0 = 0;
            int b1 = 0;
            int b2 = 0;
            for (int sx = start[x]; sx < end[x]; sx++) {
                int pixel = sourceRow[sx];
                b0 += pixel & 0xff;
                b1 += (pixel >>> 8) & 0xff;
                b2 += (pixel >>> 16) & 0xff;
            }
            sums[3 * x] += b0;
            sums[3 * x + 1] += b1;
            sums[3 * x + 2] += b2;
        }
    }

    private void writeRow(MemorySegment target, int y) {
        MemorySegment.copy(targetRow, 0, target, ValueLayout.JAVA_INT_UNALIGNED, (long) y * width * 4, width);
    }

    /** Frees the buffers; frames still out keep theirs until the arena goes, so only call it once they are back. */
    @Override
    public void close() {
        arena.close();
    }
}
