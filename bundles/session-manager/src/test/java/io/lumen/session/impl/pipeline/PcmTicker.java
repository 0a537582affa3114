package io.lumen.session.impl.pipeline;

import io.lumen.api.audio.AudioCaptureBackend;
import io.lumen.api.audio.AudioCaptureRequest;
import io.lumen.api.audio.AudioCaptureSession;
import io.lumen.api.audio.AudioPeriod;
import io.lumen.api.audio.PcmSink;
import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An audio capture for pipeline tests: periods of {@link #periodFrames} on its own real-time schedule, every sample
 * holding {@link #level}, so a test tells which capture a packet's sound came from.
 */
final class PcmTicker implements AudioCaptureBackend {

    final String id;
    final short level;
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    volatile int periodFrames = 100;
    /** When set, each opened session delivers this many periods, then says it ended. */
    volatile int endAfterPeriods = -1;

    PcmTicker(String id, int level) {
        this.id = id;
        this.level = (short) level;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Probe probe() {
        return Probe.ok();
    }

    @Override
    public AudioCaptureSession open(AudioCaptureRequest request, PcmSink sink) throws BackendException {
        opened.incrementAndGet();
        int frames = periodFrames;
        int channels = request.format().channels();
        Thread thread = new Thread(() -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment samples = arena.allocate((long) frames * channels * Short.BYTES, Short.BYTES);
                for (long i = 0; i < (long) frames * channels; i++) {
                    samples.setAtIndex(ValueLayout.JAVA_SHORT, i, level);
                }
                long periodNanos = frames * 1_000_000_000L / 48_000;
                long start = System.nanoTime();
                for (long n = 0; !Thread.currentThread().isInterrupted(); n++) {
                    if (n == endAfterPeriods) {
                        sink.ended(id + " ran dry");
                        return;
                    }
                    long due = start + (n + 1) * periodNanos;
                    while (System.nanoTime() < due && !Thread.currentThread().isInterrupted()) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                    sink.accept(new AudioPeriod(samples, frames, n, start + n * periodNanos));
                }
            }
        }, "test-audio-" + id);
        thread.start();
        return new AudioCaptureSession() {
            @Override
            public Map<String, Object> stats() {
                return Map.of("ticker", id);
            }

            @Override
            public void close() {
                thread.interrupt();
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                closed.incrementAndGet();
            }
        };
    }
}
