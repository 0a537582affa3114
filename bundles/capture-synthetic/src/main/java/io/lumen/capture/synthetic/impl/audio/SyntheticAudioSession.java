package io.lumen.capture.synthetic.impl.audio;

import io.lumen.api.audio.AudioCaptureRequest;
import io.lumen.api.audio.AudioCaptureSession;
import io.lumen.api.audio.AudioFormat;
import io.lumen.api.audio.AudioPeriod;
import io.lumen.api.audio.PcmSink;
import io.lumen.capture.synthetic.tone.BeepSignal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One running beep signal: a platform thread delivers one period of the request's packet duration each packet
 * duration, on a schedule of absolute deadlines (period n's first sample is "captured" at start + n × duration,
 * which it carries as its capture time, and it is delivered once its last sample was, a duration later, as a real
 * capture's would be), so the stream never drifts from the capture clock. A thread that falls behind delivers the
 * periods it owes back to back, as a real capture's buffered audio would arrive; one more than
 * {@value #MAX_CATCH_UP_MILLIS} ms behind (a suspended VM) skips ahead instead of flooding the session.
 */
final class SyntheticAudioSession implements AudioCaptureSession {

    private static final System.Logger LOG = System.getLogger("lumen.capture.synthetic");
    static final int MAX_CATCH_UP_MILLIS = 1_000;

    private final AudioCaptureRequest request;
    private final BeepSignal signal;
    private final PcmSink sink;
    private final int frames;
    private final long periodNanos;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment samples;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder caughtUp = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final Thread thread;
    private volatile boolean closed;

    SyntheticAudioSession(AudioCaptureRequest request, BeepSignal signal, PcmSink sink, String threadName) {
        this.request = request;
        this.signal = signal;
        this.sink = sink;
        this.frames = AudioFormat.samplesIn(request.packetMillis());
        this.periodNanos = request.packetMillis() * 1_000_000L;
        this.samples = arena.allocate((long) frames * request.format().frameBytes(), Short.BYTES);
        this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::run);
        thread.start();
        LOG.log(System.Logger.Level.INFO, "synthetic audio started: " + request.format() + ", "
                + request.packetMillis() + " ms periods, " + signal);
    }

    private void run() {
        try {
            deliverUntilClosed();
        } finally {
            arena.close(); // the thread is the memory's only user: it frees it on its way out
        }
    }

    private void deliverUntilClosed() {
        long start = System.nanoTime();
        long period = 0;
        long maxBehind = MAX_CATCH_UP_MILLIS * 1_000_000L;
        while (!closed) {
            long first = start + period * periodNanos;
            long due = first + periodNanos;
            long now = System.nanoTime();
            if (due > now) {
                LockSupport.parkNanos(due - now);
                continue;
            }
            if (now - due > maxBehind) {
                long resume = (now - start) / periodNanos;
                skipped.add(resume - period);
                period = resume;
                continue;
            }
            if (now - due >= periodNanos) {
                caughtUp.increment();
            }
            signal.fill(samples, frames, first);
            delivered.increment(); // before the call: a sink reading stats() sees its own period counted
            try {
                sink.accept(new AudioPeriod(samples, frames, period, first));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "synthetic audio: sink failed: " + e);
            }
            period++;
        }
    }

    @Override
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("signal", signal.toString());
        stats.put("format", request.format().layoutName() + ", " + frames + " frames per period");
        stats.put("periods delivered", delivered.sum());
        stats.put("late periods caught up", caughtUp.sum());
        stats.put("periods skipped: more than " + MAX_CATCH_UP_MILLIS + " ms behind", skipped.sum());
        return stats;
    }

    /** Whether the delivering thread still runs; false once {@link #close()} returned. */
    boolean delivering() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LockSupport.unpark(thread);
        if (Thread.currentThread() == thread) {
            return; // closed from inside the sink: the loop ends after this period
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // "stopped before close returns" holds even so: wait on, then restore the flag
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        LOG.log(System.Logger.Level.INFO, "synthetic audio stopped after " + delivered.sum() + " periods");
    }
}
