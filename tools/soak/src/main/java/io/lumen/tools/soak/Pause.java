package io.lumen.tools.soak;

import java.util.concurrent.locks.LockSupport;

/**
 * The park between two polls of the host (an HTTP request, a shell command): long enough that polling costs the
 * host nothing measurable on two shared cores, short enough that a wait ends within a frame or two of its condition.
 */
final class Pause {

    private static final long NANOS = 20_000_000L;

    private Pause() {
    }

    static void briefly() {
        LockSupport.parkNanos(NANOS);
    }
}
