package io.lumen.protocol.moonlight.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The host's wall clock in a test: the system's, plus whatever the test stepped it forward by. A test steps over a
 * wait the host imposes (a wrong PIN's, a wrong password's) instead of sleeping through it; everything else the host
 * times keeps running as it would.
 */
final class SteppedClock extends Clock {

    private volatile Duration stepped = Duration.ZERO;

    /** Moves the host's time forward by {@code by} at once. */
    synchronized void step(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the host's clock only moves forward: " + by);
        }
        stepped = stepped.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(stepped);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), stepped);
    }
}
