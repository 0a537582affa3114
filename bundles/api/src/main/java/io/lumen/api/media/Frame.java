package io.lumen.api.media;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One captured picture in off-heap memory. Ownership travels with the frame: whoever holds it last calls
 * {@link #release()} exactly once, which hands the memory back to the producer (a buffer pool, a PipeWire
 * buffer to re-queue). After release the pixels are gone: {@link #data()} throws, so a late reader fails
 * loudly instead of reading a recycled buffer.
 */
public final class Frame {

    private final MemorySegment data;
    private final PixelFormat format;
    private final int width;
    private final int height;
    private final int stride;
    private final long sequence;
    private final long captureNanos;
    private final Runnable onRelease;
    private final AtomicBoolean released = new AtomicBoolean();

    /**
     * @param data         the pixels, {@link PixelFormat#frameBytes(int, int)} bytes at least
     * @param stride       bytes from one row of the first plane to the next
     * @param sequence     the capture's frame counter (continuous for a session, also across capture swaps)
     * @param captureNanos {@link System#nanoTime()} when the picture was taken
     * @param onRelease    run once on release; may be null when the memory needs no recycling
     */
    public Frame(MemorySegment data, PixelFormat format, int width, int height, int stride,
                 long sequence, long captureNanos, Runnable onRelease) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size out of range: " + width + "x" + height);
        }
        if (stride < width * format.bytesPerPixel()) {
            throw new IllegalArgumentException("stride " + stride + " is shorter than a row of " + width + " " + format);
        }
        if (data.byteSize() < format.frameBytes(stride, height)) {
            throw new IllegalArgumentException("frame memory holds " + data.byteSize() + " bytes, "
                    + format + " " + width + "x" + height + " needs " + format.frameBytes(stride, height));
        }
        this.data = data;
        this.format = format;
        this.width = width;
        this.height = height;
        this.stride = stride;
        this.sequence = sequence;
        this.captureNanos = captureNanos;
        this.onRelease = onRelease;
    }

    /** The pixels; throws {@link IllegalStateException} once the frame was released. */
    public MemorySegment data() {
        if (released.get()) {
            throw new IllegalStateException("frame " + sequence + " was already released");
        }
        return data;
    }

    public PixelFormat format() { return format; }

    public int width() { return width; }

    public int height() { return height; }

    public int stride() { return stride; }

    public long sequence() { return sequence; }

    public long captureNanos() { return captureNanos; }

    public boolean isReleased() { return released.get(); }

    /** Gives the memory back to its producer. Idempotent: only the first call has an effect. */
    public void release() {
        if (released.compareAndSet(false, true) && onRelease != null) {
            onRelease.run();
        }
    }

    @Override
    public String toString() {
        return "Frame[" + sequence + " " + width + "x" + height + " " + format + (isReleased() ? " released" : "") + "]";
    }
}
