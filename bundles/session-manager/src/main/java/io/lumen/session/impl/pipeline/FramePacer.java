package io.lumen.session.impl.pipeline;

import io.lumen.api.media.VideoMode;

/**
 * Holds a capture to the client's frame rate. A producer with a rate of its own (a 144 Hz desktop, KWin repainting
 * a window at 60 Hz for a 30 fps client) would otherwise be encoded at its rate, past the bitrate the encoder was
 * given and the rate the client's decoder expects. Frames are kept on a grid of the client's interval in capture
 * time; up to 0.4 of an interval of earliness is forgiven (the grid is anchored on a first frame that may itself be
 * late), so a producer at the client's rate with some jitter keeps every frame, and one at twice the rate keeps every
 * other frame. Not thread-safe: one capture thread delivers at a time.
 */
final class FramePacer {

    private final long intervalNanos;
    private final long toleranceNanos;
    private boolean started;
    private long nextDueNanos;

    /** @param mode the client's mode, whose rate the frames are held to */
    FramePacer(VideoMode mode) {
        this.intervalNanos = mode.frameIntervalNanos();
        this.toleranceNanos = intervalNanos * 2 / 5;
    }

    /** Whether a frame captured at {@code captureNanos} goes on to the encoder. */
    boolean admit(long captureNanos) {
        long early = nextDueNanos - captureNanos;
        if (started && early > toleranceNanos && early <= intervalNanos) {
            return false;
        }
        // a first frame, a producer that paused, or a clock that went back (earlier than the last frame kept)
        // starts a new grid, rather than owing a burst of frames or holding frames back until it catches up
        boolean regrid = !started || early < -intervalNanos || early > intervalNanos;
        nextDueNanos = (regrid ? captureNanos : nextDueNanos) + intervalNanos;
        started = true;
        return true;
    }

    /**
     * A new source's first frame, captured at {@code captureNanos}: it is kept, and the source's frames are held to a
     * grid of their own, on whatever clock it stamps them with.
     */
    void startAt(long captureNanos) {
        nextDueNanos = captureNanos + intervalNanos;
        started = true;
    }
}
