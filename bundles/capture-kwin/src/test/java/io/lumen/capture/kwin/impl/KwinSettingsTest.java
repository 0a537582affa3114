package io.lumen.capture.kwin.impl;

import io.lumen.wayland.WaylandSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KwinSettingsTest {

    private static WaylandSettings read(Map<String, String> config, Map<String, String> environment) {
        return KwinSettings.read(config::get, environment::get);
    }

    @Test
    void theDisplayComesFromLumensEnvironmentThenPropertyThenTheSession() {
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", "/run/user/1000/", "WAYLAND_DISPLAY", "wayland-1",
                KwinSettings.DISPLAY_ENV, "/tmp/kwin-socket");
        Map<String, String> config = Map.of(KwinSettings.DISPLAY_PROPERTY, "wayland-9");
        assertEquals(Optional.of("/tmp/kwin-socket"), read(config, env).display());
        WaylandSettings property = read(config, Map.of("XDG_RUNTIME_DIR", "/run/user/1000/", "WAYLAND_DISPLAY", "x"));
        assertEquals(Optional.of("/run/user/1000/wayland-9"), property.display());
        assertEquals("lumen.kwin.display", property.origin());
        WaylandSettings session = read(Map.of(), Map.of("XDG_RUNTIME_DIR", "/run/user/1000", "WAYLAND_DISPLAY", "wayland-1"));
        assertEquals("/run/user/1000/wayland-1 (WAYLAND_DISPLAY); answer timeout 5000 ms", session.describe());
        assertEquals(Optional.of("/run/user/1000/wayland-0"),
                read(Map.of(), Map.of("XDG_RUNTIME_DIR", "/run/user/1000")).display());
    }

    @Test
    void aNameWithoutARuntimeDirectoryIsAReasonNotAGuess() {
        WaylandSettings settings = read(Map.of(), Map.of("WAYLAND_DISPLAY", "wayland-0"));
        assertTrue(settings.display().isEmpty());
        assertEquals("the Wayland display \"wayland-0\" (WAYLAND_DISPLAY) is a name in XDG_RUNTIME_DIR, which is not"
                + " set; give LUMEN_KWIN_DISPLAY or lumen.kwin.display as an absolute socket path; answer timeout"
                + " 5000 ms", settings.describe());
    }

    @Test
    void theTimeoutIsReadAndCheckedWithAClearError() {
        assertEquals(Duration.ofMillis(750), read(Map.of(KwinSettings.TIMEOUT_PROPERTY, " 750 "), Map.of()).timeout());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of(KwinSettings.TIMEOUT_PROPERTY, "soon"), Map.of()));
        assertEquals("lumen.kwin.timeout-ms is not a number of milliseconds: soon", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read(Map.of(KwinSettings.TIMEOUT_PROPERTY, "0"), Map.of()));
    }

    @Test
    void targetsParse() {
        assertInstanceOf(KwinTarget.Virtual.class, KwinTarget.parse(null));
        assertInstanceOf(KwinTarget.Virtual.class, KwinTarget.parse(" virtual "));
        assertEquals(new KwinTarget.Output("Virtual-0"), KwinTarget.parse("output:Virtual-0"));
        assertEquals(new KwinTarget.Output("HDMI-A-1"), KwinTarget.parse("HDMI-A-1"));
        assertEquals(new KwinTarget.Window("{abc}"), KwinTarget.parse("window:{abc}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KwinTarget.parse("output:"));
        assertEquals("the KWin capture target \"output:\" names nothing after the colon; targets: virtual,"
                + " output:<name>, window:<uuid>", e.getMessage());
    }
}
