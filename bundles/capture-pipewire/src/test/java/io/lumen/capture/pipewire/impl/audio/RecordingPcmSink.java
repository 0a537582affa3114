package io.lumen.capture.pipewire.impl.audio;

import io.lumen.api.audio.AudioPeriod;
import io.lumen.api.audio.PcmSink;

import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the last seconds of delivered samples (a copy: a period is valid only during the call) and every end. */
final class RecordingPcmSink implements PcmSink {

    private final int channels;
    private final short[] ring;
    private long written; // samples ever, all channels; the ring holds whole frames, so it stays aligned
    final List<String> ended = new CopyOnWriteArrayList<>();
    final List<Long> sequences = new CopyOnWriteArrayList<>();
    volatile long lastCaptureNanos;

    RecordingPcmSink(int channels, int seconds) {
        this.channels = channels;
        this.ring = new short[channels * 48_000 * seconds];
    }

    @Override
    public synchronized void accept(AudioPeriod period) {
        short[] samples = period.samples().toArray(ValueLayout.JAVA_SHORT);
        if (samples.length != period.frames() * channels) {
            throw new AssertionError(samples.length + " samples in a period of " + period.frames() + " frames");
        }
        for (short sample : samples) {
            ring[(int) (written % ring.length)] = sample;
            written++;
        }
        sequences.add(period.sequence());
        lastCaptureNanos = period.captureNanos();
    }

    @Override
    public void ended(String reason) {
        ended.add(reason);
    }

    /** Every sample delivered so far (at most the ring's length), oldest first, interleaved. */
    synchronized short[] recent() {
        int total = (int) Math.min(written, ring.length);
        short[] copy = new short[total];
        long first = written - total;
        for (int i = 0; i < total; i++) {
            copy[i] = ring[(int) ((first + i) % ring.length)];
        }
        return copy;
    }

    synchronized long frames() {
        return written / channels;
    }
}
