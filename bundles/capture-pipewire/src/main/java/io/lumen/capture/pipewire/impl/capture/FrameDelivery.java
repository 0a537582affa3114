package io.lumen.capture.pipewire.impl.capture;

import io.lumen.api.capture.FrameSink;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.capture.pipewire.impl.ffm.BufferData;
import io.lumen.capture.pipewire.impl.ffm.PwBuffer;
import io.lumen.capture.pipewire.impl.spa.NegotiatedVideoFormat;
import io.lumen.log.WarnOnce;

import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns the buffers of a session's streams (one, or its successor after a reconnect) into frames: one copy into a
 * pooled frame, numbered on from the session's first sequence, timed by the producer's header when it can be.
 * Every drop is counted by reason and logged once.
 */
final class FrameDelivery {

    private static final System.Logger LOG = System.getLogger("lumen.capture.pipewire");
    /** A header time further back than this is on another clock (a producer's stream time, not monotonic). */
    private static final long STAMP_PLAUSIBLE_NANOS = 1_000_000_000L;

    private final String target;
    private final FrameSink sink;
    private final long firstSequence;
    private final FramePool pool = new FramePool();
    private final WarnOnce drops = new WarnOnce(LOG);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong pictureCopies = new AtomicLong();
    private volatile String bufferType = "none yet";
    private volatile String timestamps = "none yet";
    private volatile String mappedBy = "none yet";

    FrameDelivery(String target, FrameSink sink, long firstSequence) {
        this.target = target;
        this.sink = sink;
        this.firstSequence = firstSequence;
    }

    long received() {
        return received.get();
    }

    long delivered() {
        return delivered.get();
    }

    /** A buffer handed back unread because a newer one was already waiting. */
    void superseded() {
        received.incrementAndGet();
        drop("a newer buffer was already waiting (the PipeWire loop ran late)");
    }

    /** Copies {@code buffer}'s picture, negotiated as {@code format}, into a frame and hands it on. */
    void take(PwBuffer buffer, NegotiatedVideoFormat format, BufferImport memory) {
        received.incrementAndGet();
        if (format == null) {
            drop("buffer before a format was negotiated");
            return;
        }
        if (buffer.dataCount() < 1) {
            drop("buffer without data");
            return;
        }
        PixelFormat pixels = format.pixelFormat().orElseThrow();
        BufferData data = buffer.data(0);
        bufferType = BufferParams.typeName(data.type());
        BufferImport.Picture picture = memory.picture(data, pixels, format.width(), format.height());
        if (picture.isDropped()) {
            drop(picture.dropReason());
            return;
        }
        mappedBy = picture.mappedHere() ? "lumen (mmap of the buffer's fd)" : "PipeWire";
        int packed = format.width() * pixels.bytesPerPixel();
        MemorySegment copy = pool.take(pixels.frameBytes(packed, format.height()));
        if (copy == null) {
            drop("the encoder still holds every frame");
            return;
        }
        Rows.copy(picture.pixels(), picture.stride(), copy, packed, packed, format.height(), pixels);
        pictureCopies.incrementAndGet();
        long sequence = firstSequence + delivered.getAndIncrement();
        sink.accept(new Frame(copy, pixels, format.width(), format.height(), packed, sequence, captureTime(buffer),
                () -> pool.give(copy)));
    }

    /**
     * When the producer stamped the buffer (its spa_meta_header, on PipeWire's monotonic clock, the clock of
     * {@link System#nanoTime()}), that time, so the session's latency counts from the producer; else the arrival.
     */
    private long captureTime(PwBuffer buffer) {
        long now = System.nanoTime();
        OptionalLong pts = buffer.pts();
        boolean stamped = pts.isPresent() && pts.getAsLong() > 0 && pts.getAsLong() <= now
                && now - pts.getAsLong() < STAMP_PLAUSIBLE_NANOS;
        String source = stamped ? "the producer's (buffer header)" : pts.isPresent()
                ? "arrival (the producer's header time is not on the monotonic clock)" : "arrival (no buffer header)";
        if (!source.equals(timestamps)) {
            timestamps = source;
            LOG.log(System.Logger.Level.INFO, "pipewire capture " + target + ": frame times are " + source);
        }
        return stamped ? pts.getAsLong() : now;
    }

    void drop(String reason) {
        drops.warn(reason, "pipewire capture " + target + " drops a frame: " + reason + " (logged once, counted)");
    }

    /** The delivery's part of the session's stats. */
    Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("buffer type", bufferType);
        stats.put("mapped by", mappedBy);
        stats.put("frames received", received.get());
        stats.put("frames delivered", delivered.get());
        long frames = delivered.get();
        stats.put("copies per frame", frames == 0 ? "no frame yet"
                : String.format(java.util.Locale.ROOT, "%.2f", pictureCopies.get() / (double) frames));
        stats.put("frame times", timestamps);
        Map<String, Long> dropped = drops.counts();
        stats.put("frames dropped", dropped.values().stream().mapToLong(Long::longValue).sum()
                + (dropped.isEmpty() ? "" : " " + dropped));
        return stats;
    }
}
