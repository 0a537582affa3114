package io.lumen.input.uinput.impl.ff;

import java.io.IOException;

/**
 * One virtual pad's side of the feedback loop: a descriptor that becomes readable when the kernel has a request
 * (a uinput force-feedback upload, a uhid report), what to do with it, and timers the loop must wake for.
 */
public interface FeedbackSource {

    /** The descriptor to poll, or -1 for none. */
    int pollDescriptor();

    /** Handles everything pending on the descriptor. */
    void drain(long nowMillis) throws IOException;

    /** When {@link #advance} next has something to do; {@link Long#MAX_VALUE} when nothing is timed. */
    default long nextDeadline(long nowMillis) {
        return Long.MAX_VALUE;
    }

    /** Lets time pass. */
    default void advance(long nowMillis) {
    }

    /** The pad leaves the loop: whatever it made the client's pad do stops (the client is told). */
    void stop();
}
