package io.lumen.capture.pipewire.impl.audio;

import io.lumen.api.audio.AudioFormat;
import io.lumen.api.audio.AudioPeriod;
import io.lumen.api.audio.PcmSink;
import io.lumen.capture.pipewire.impl.ffm.BufferData;
import io.lumen.capture.pipewire.impl.ffm.PipeWireException;
import io.lumen.capture.pipewire.impl.ffm.PwBuffer;
import io.lumen.capture.pipewire.impl.ffm.PwStream;
import io.lumen.capture.pipewire.impl.spa.AudioFormatParams;
import io.lumen.log.WarnOnce;

import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hands each captured buffer to the session's {@link PcmSink} as one {@link AudioPeriod}, on the PipeWire thread.
 * No copy: the period's samples are the mapped buffer itself, valid during the call, and the buffer is queued back
 * as soon as the sink returns (the sink copies what it keeps). The stream negotiated exactly the session's format,
 * so the bytes need no conversion here. Every drop is counted by reason and logged once.
 */
final class PcmDelivery {

    private static final System.Logger LOG = System.getLogger("lumen.capture.pipewire.audio");

    private final AudioFormat format;
    private final PcmSink sink;
    private final String what;
    private final WarnOnce drops = new WarnOnce(LOG);
    private final LongAdder frames = new LongAdder();
    private volatile AudioFormatParams.NegotiatedAudioFormat negotiated;
    private volatile boolean stopped;
    private volatile int lastPeriod;
    private volatile long sequence; // written by the loop thread only; stats() reads it

    PcmDelivery(AudioFormat format, PcmSink sink, String what) {
        this.format = format;
        this.sink = sink;
        this.what = what;
    }

    /** The format PipeWire agreed to; a format other than the one offered is dropped, with the reason. */
    void negotiated(AudioFormatParams.NegotiatedAudioFormat agreed) {
        negotiated = agreed;
        LOG.log(System.Logger.Level.INFO, "pipewire audio capture of " + what + " negotiated " + agreed);
    }

    AudioFormatParams.NegotiatedAudioFormat negotiated() {
        return negotiated;
    }

    /** From now on no period reaches the sink: close() calls it before it takes the stream down. */
    void stop() {
        stopped = true;
    }

    /** The stream's process event: every ready buffer, oldest first. On the loop thread, holding its lock. */
    void process(PwStream stream) throws PipeWireException {
        PwBuffer buffer;
        while ((buffer = stream.dequeue()) != null) {
            try {
                deliver(buffer);
            } finally {
                stream.queue(buffer);
            }
        }
    }

    private void deliver(PwBuffer buffer) {
        long arrival = System.nanoTime();
        AudioFormatParams.NegotiatedAudioFormat agreed = negotiated;
        if (stopped) {
            return;
        }
        if (agreed == null) {
            drop("buffer before a format was negotiated");
            return;
        }
        if (agreed.sampleFormat() != AudioFormatParams.S16_NATIVE || agreed.channels() != format.channels()
                || agreed.rate() != AudioFormat.SAMPLE_RATE) {
            drop("negotiated " + agreed + ", not the S16 " + format + " offered");
            return;
        }
        if (buffer.dataCount() < 1) {
            drop("buffer without data");
            return;
        }
        BufferData data = buffer.data(0);
        if (!data.isMapped()) {
            drop("buffer not mapped");
            return;
        }
        if ((data.chunkFlags() & BufferData.CHUNK_FLAG_CORRUPTED) != 0) {
            drop("buffer marked corrupted");
            return;
        }
        MemorySegment bytes = data.bytes();
        int count = (int) (bytes.byteSize() / format.frameBytes());
        if (count == 0) {
            drop("empty buffer");
            return;
        }
        // the buffer arrives when its last sample is captured: its first one was its duration earlier
        long firstSample = arrival - count * 1_000_000_000L / AudioFormat.SAMPLE_RATE;
        AudioPeriod period = new AudioPeriod(bytes.asSlice(0, (long) count * format.frameBytes()), count,
                sequence, firstSample);
        try {
            sink.accept(period);
        } catch (RuntimeException e) {
            drop("the sink threw " + e);
            return;
        }
        sequence++;
        frames.add(count);
        lastPeriod = count;
    }

    private void drop(String reason) {
        drops.warn(reason, "pipewire audio capture of " + what + " drops a period: " + reason);
    }

    /** The delivery's part of the session's stats. */
    Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("format", negotiated == null ? "not negotiated" : negotiated.toString());
        stats.put("periods delivered", sequence);
        stats.put("frames delivered", frames.sum());
        // the graph's quantum: the lowest node.latency rounded down to a power of two (240 -> 128) by default
        stats.put("frames per period", lastPeriod);
        Map<String, Long> dropped = drops.counts();
        stats.put("periods dropped", dropped.values().stream().mapToLong(Long::longValue).sum()
                + (dropped.isEmpty() ? "" : " " + dropped));
        return stats;
    }
}
