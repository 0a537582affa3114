package io.lumen.input.x11.impl;

import io.lumen.api.backend.Probe;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The last probe, kept for a few seconds: probing opens a connection to the X server, and backend listings and
 * session starts ask often. An X server that appears or goes away is noticed within {@code maxAge}.
 */
final class ProbeCache {

    private final Duration maxAge;
    private final LongSupplier nanoClock;
    private final Supplier<Probe> probe;
    private Probe last;
    private long takenAt;

    ProbeCache(Duration maxAge, LongSupplier nanoClock, Supplier<Probe> probe) {
        this.maxAge = maxAge;
        this.nanoClock = nanoClock;
        this.probe = probe;
    }

    synchronized Probe get() {
        long now = nanoClock.getAsLong();
        if (last == null || now - takenAt >= maxAge.toNanos()) {
            last = probe.get();
            takenAt = now;
        }
        return last;
    }

    /** The settings changed: the next {@link #get()} probes again. */
    synchronized void invalidate() {
        last = null;
    }
}
