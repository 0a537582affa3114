package io.lumen.session.impl.pipeline;

import io.lumen.api.media.Frame;
import io.lumen.api.media.VideoMode;

import java.util.concurrent.TimeUnit;

/**
 * Keeps the client's frame rate while the capture is idle. Damage-driven producers (Mutter, KWin, any PipeWire
 * screencast) send no frame while nothing on screen changes, and a client whose decoder sees no picture for a while
 * shows a stall or counts the stream as broken; so the last picture encoded is held, and when no new frame came for
 * an interval and a half of the client's rate it is sent again, then once per interval, until a new frame comes.
 * Nothing repeats before the first frame, a new frame is always taken before a repeat that is due at the same time,
 * and a repeat that is late starts a new grid rather than owing a burst. Only the encode thread calls in, except
 * {@link #forget(long)}.
 */
final class FrameRepeater {

    /** The encode thread's time; a test steps it. */
    interface Clock {
        Clock SYSTEM = System::nanoTime;

        long nanoTime();
    }

    /** What the encode thread does next: encode a new frame, or send the held one again. */
    sealed interface Next {
    }

    /** A new frame from the capture; the caller owns it until it hands it back through {@link #hold}. */
    record NewFrame(Frame frame) implements Next {
    }

    /** The held frame again, stamped {@code nowNanos}; the repeater keeps owning {@code last}. */
    record Repeat(Frame last, long nowNanos) implements Next {
    }

    private final LatestFrameSlot slot;
    private final Clock clock;
    private final boolean enabled;
    private final long intervalNanos;
    private final long graceNanos;
    /** Frames numbered below this came from a capture that was replaced; any thread raises it. */
    private volatile long forgetBelow = Long.MIN_VALUE;
    private Frame held;
    private long nextDueNanos;

    /** @param enabled false: frames pass through and nothing is held or repeated */
    FrameRepeater(LatestFrameSlot slot, VideoMode mode, boolean enabled, Clock clock) {
        this.slot = slot;
        this.clock = clock;
        this.enabled = enabled;
        this.intervalNanos = mode.frameIntervalNanos();
        this.graceNanos = intervalNanos / 2;
    }

    /**
     * A new frame when one is waiting or arrives within {@code maxWaitNanos} (cut short when a repeat falls due
     * sooner), else a repeat when one is due, else null.
     */
    Next next(long maxWaitNanos) throws InterruptedException {
        dropIfReplaced();
        long wait = held == null ? maxWaitNanos : Math.min(maxWaitNanos, Math.max(0, nextDueNanos - clock.nanoTime()));
        Frame frame = slot.take(wait, TimeUnit.NANOSECONDS);
        if (frame != null) {
            return new NewFrame(frame);
        }
        dropIfReplaced(); // the capture may have been replaced while this thread waited
        if (held == null) {
            return null;
        }
        long now = clock.nanoTime();
        long late = now - nextDueNanos;
        if (late < 0) {
            return null;
        }
        nextDueNanos = late > intervalNanos ? now + intervalNanos : nextDueNanos + intervalNanos;
        return new Repeat(held, now);
    }

    /**
     * Keeps {@code frame}, just encoded, for repeats (releasing the one held before); when repeating is off it is
     * released at once. The repeater owns it from here.
     */
    void hold(Frame frame) {
        if (!enabled) {
            frame.release();
            return;
        }
        if (held != null && held != frame) {
            held.release();
        }
        held = frame;
        nextDueNanos = clock.nanoTime() + intervalNanos + graceNanos;
    }

    /**
     * The capture was closed: its pictures, numbered below {@code firstNewSequence} (the next capture numbers on
     * from there), are not repeated, and the one held goes back to its producer at the encode thread's next step,
     * so nothing of a departed backend stays referenced. Any thread.
     */
    void forget(long firstNewSequence) {
        forgetBelow = Math.max(forgetBelow, firstNewSequence);
    }

    private void dropIfReplaced() {
        if (held != null && held.sequence() < forgetBelow) {
            drop();
        }
    }

    /** Releases the held frame; the encode thread, when it ends. */
    void drop() {
        if (held != null) {
            held.release();
            held = null;
        }
    }
}
