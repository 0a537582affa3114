package io.lumen.session.impl.pipeline;

import io.lumen.api.encode.Letterbox;
import io.lumen.api.media.Frame;
import io.lumen.api.media.VideoMode;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Fits pictures of another size into the client's, for an encoder that cannot do it itself (encode-java, direct
 * NVENC; see {@code EncoderBackend.scalesInput()}): a capture that cannot resize (a window, an existing output)
 * delivers its own size, but a Moonlight client decodes and presents the size it negotiated (moonlight-embedded's
 * SDL renderer crashes on a smaller one). The picture is scaled into the {@link Letterbox} rectangle on black bars,
 * where a scaling encoder puts it too. Shrinking averages every source pixel a target pixel covers (text stays
 * legible); growing repeats pixels.
 * <p>
 * Packed 32-bit formats only: a copy before the encoder's own, on the encode thread, counted by the session.
 * Planar frames pass unchanged, and the encoder opens at their size as before. Not thread-safe: the encode thread
 * owns it.
 */
final class FrameFitter implements AutoCloseable {

    /** Buffers in flight: the one being encoded and the one being filled; more are made when the encoder holds on. */
    private static final int POOLED = 3;
    private static final int OPAQUE_BLACK = 0xff000000;
    /** Most source pixels one target pixel averages: a 16x shrink on each axis (an 8K output to a 480p client). */
    private static final int MAX_AREA = 256;
    /** 65536 / n, rounded, for n pixels averaged: a multiply instead of a divide, within one of the exact average. */
    private static final long[] RECIPROCALS = new long[MAX_AREA + 1];

    static {
        for (int n = 1; n <= MAX_AREA; n++) {
            RECIPROCALS[n] = (65536L + n / 2) / n;
        }
    }

    private final int width;
    private final int height;
    private final Consumer<String> info;
    private final Arena arena = Arena.ofShared();
    private final BlockingQueue<MemorySegment> pool = new ArrayBlockingQueue<>(POOLED);
    private Geometry geometry;
    private int[] sourceRow = new int[0];
    private int[] columnOuter = new int[0];
    private int[] columnMiddle = new int[0];
    private int[] targetRow = new int[0];

    /** @param info told once per source size what becomes of pictures of that size */
    FrameFitter(VideoMode mode, Consumer<String> info) {
        this.width = mode.width();
        this.height = mode.height();
        this.info = info;
    }

    /** Where a source of one size lands in the target, and which source columns each target column averages. */
    private record Geometry(int sourceWidth, int sourceHeight, int left, int top, int contentWidth,
                            int contentHeight, int[] columnStart, int[] columnEnd, boolean nearest,
                            int largestArea) {

        static Geometry of(int sourceWidth, int sourceHeight, int width, int height) {
            Letterbox box = Letterbox.of(sourceWidth, sourceHeight, width, height);
            int contentWidth = box.width();
            int contentHeight = box.height();
            int[] start = new int[contentWidth];
            int[] end = new int[contentWidth];
            int widest = 0;
            for (int x = 0; x < contentWidth; x++) {
                start[x] = spanStart(x, sourceWidth, contentWidth);
                end[x] = spanEnd(x, sourceWidth, contentWidth);
                widest = Math.max(widest, end[x] - start[x]);
            }
            int tallest = 0;
            for (int y = 0; y < contentHeight; y++) {
                tallest = Math.max(tallest, spanEnd(y, sourceHeight, contentHeight) - spanStart(y, sourceHeight,
                        contentHeight));
            }
            return new Geometry(sourceWidth, sourceHeight, box.left(), box.top(), contentWidth, contentHeight, start, end, sourceWidth <= contentWidth, widest * tallest);
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

    /**
     * Whether {@code frame} goes to the encoder as it is: the client's size, a format this cannot scale, or a
     * source so much larger that one target pixel would average more than {@value #MAX_AREA} of its pixels.
     */
    boolean fits(Frame frame) {
        return frame.width() == width && frame.height() == height || !frame.format().isPacked()
                || geometryFor(frame).largestArea() > MAX_AREA;
    }

    private Geometry geometryFor(Frame frame) {
        if (geometry == null || geometry.sourceWidth() != frame.width() || geometry.sourceHeight() != frame.height()) {
            geometry = Geometry.of(frame.width(), frame.height(), width, height);
            String client = width + "x" + height;
            info.accept("capture delivers " + frame.width() + "x" + frame.height() + (geometry.largestArea() > MAX_AREA
                    ? ": too large to average into the client's " + client + " (over " + MAX_AREA
                    + " pixels to a pixel), encoded at its own size"
                    : ": scaled to the client's " + client + " in Java for an encoder that cannot scale (aspect kept,"
                    + " black bars)"));
            sourceRow = new int[frame.width()];
            columnOuter = new int[frame.width()];
            columnMiddle = new int[frame.width()];
            targetRow = new int[width];
        }
        return geometry;
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
        Arrays.fill(targetRow, OPAQUE_BLACK);
        for (int y = 0; y < g.top(); y++) {
            writeRow(target, y);
        }
        for (int y = g.top() + g.contentHeight(); y < height; y++) {
            writeRow(target, y);
        }
        int previousStart = -1;
        for (int y = 0; y < g.contentHeight(); y++) {
            int rowStart = Geometry.spanStart(y, g.sourceHeight(), g.contentHeight());
            int rowEnd = Geometry.spanEnd(y, g.sourceHeight(), g.contentHeight());
            // growing: consecutive target rows of one source row are the same row
            if (rowStart != previousStart) {
                previousStart = rowStart;
                if (g.nearest() && rowEnd - rowStart == 1) {
                    readRow(frame, source, rowStart);
                    pick(g);
                } else {
                    Arrays.fill(columnOuter, 0);
                    Arrays.fill(columnMiddle, 0);
                    for (int sy = rowStart; sy < rowEnd; sy++) {
                        readRow(frame, source, sy);
                        addRow();
                    }
                    average(g, rowEnd - rowStart);
                }
            }
            writeRow(target, g.top() + y);
        }
    }

    private void readRow(Frame frame, MemorySegment source, int sy) {
        MemorySegment.copy(source, ValueLayout.JAVA_INT_UNALIGNED, (long) sy * frame.stride(), sourceRow, 0,
                geometry.sourceWidth());
    }

    /** Each target column takes its one source pixel (the source is no wider than the content). */
    private void pick(Geometry g) {
        int[] start = g.columnStart();
        int left = g.left();
        for (int x = 0; x < start.length; x++) {
            targetRow[left + x] = sourceRow[start[x]] | OPAQUE_BLACK;
        }
    }

    /**
     * Adds one source row to the column sums, two channels to an int: bytes 0 and 2 in one (16-bit lanes, room for
     * 257 pixels of 255), byte 1 in the other. Byte order does not matter. The loop is regular, so the JIT
     * vectorises it: the rows are summed first, and the uneven spans of columns are walked once per target row.
     */
    private void addRow() {
        int[] row = sourceRow;
        int[] outer = columnOuter;
        int[] middle = columnMiddle;
        for (int sx = 0; sx < row.length; sx++) {
            int pixel = row[sx];
            outer[sx] += pixel & 0x00ff00ff;
            middle[sx] += (pixel >>> 8) & 0xff;
        }
    }

    /**
     * Each target column's average over its span of the column sums of {@code rows} source rows, by multiplying
     * with a 16-bit reciprocal of the count.
     */
    private void average(Geometry g, int rows) {
        int[] start = g.columnStart();
        int[] end = g.columnEnd();
        int left = g.left();
        for (int x = 0; x < start.length; x++) {
            int outer = 0;
            int middleSum = 0;
            for (int sx = start[x]; sx < end[x]; sx++) {
                outer += columnOuter[sx];
                middleSum += columnMiddle[sx];
            }
            long reciprocal = RECIPROCALS[rows * (end[x] - start[x])];
            long low = ((outer & 0xffff) * reciprocal + 0x8000) >>> 16;
            long high = ((outer >>> 16) * reciprocal + 0x8000) >>> 16;
            long middle = (middleSum * reciprocal + 0x8000) >>> 16;
            targetRow[left + x] = OPAQUE_BLACK | (int) (low | middle << 8 | high << 16);
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
