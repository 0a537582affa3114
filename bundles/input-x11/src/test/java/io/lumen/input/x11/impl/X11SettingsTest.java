package io.lumen.input.x11.impl;

import io.lumen.api.backend.Probe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class X11SettingsTest {

    private static X11Settings read(Map<String, String> config, Map<String, String> environment) {
        return X11Settings.read(config::get, environment::get);
    }

    @Test
    void theDisplayComesFromLumensEnvironmentThenPropertyThenDisplay() {
        Map<String, String> config = Map.of(X11Settings.DISPLAY_PROPERTY, ":7");
        assertEquals(":3 (LUMEN_X11_DISPLAY)",
                read(config, Map.of(X11Settings.DISPLAY_ENV, " :3 ", "DISPLAY", ":0")).describe());
        assertEquals(":7 (lumen.x11.display)", read(config, Map.of(X11Settings.DISPLAY_ENV, " ", "DISPLAY", ":0"))
                .describe());
        assertEquals(Optional.of(":0"), read(Map.of(), Map.of("DISPLAY", ":0")).display());
    }

    @Test
    void noDisplayIsAReasonToAct() {
        X11Settings none = read(Map.of(), Map.of());
        assertEquals(Optional.empty(), none.display());
        assertEquals("no X display (DISPLAY unset; set lumen.x11.display)", none.describe());
    }

    @Test
    void aProbeIsReusedForAWhileThenTakenAgain() {
        AtomicLong now = new AtomicLong();
        AtomicInteger probes = new AtomicInteger();
        ProbeCache cache = new ProbeCache(Duration.ofSeconds(3), now::get,
                () -> Probe.unavailable("probe " + probes.incrementAndGet()));
        Probe first = cache.get();
        now.addAndGet(Duration.ofMillis(2999).toNanos());
        assertSame(first, cache.get());
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertEquals("unavailable: probe 2", cache.get().toString());
        cache.invalidate();
        assertEquals("unavailable: probe 3", cache.get().toString());
    }
}
