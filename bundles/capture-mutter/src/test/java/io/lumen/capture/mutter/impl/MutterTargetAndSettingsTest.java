package io.lumen.capture.mutter.impl;

import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What users write (targets, settings) and what Mutter answers (its monitors), read without Mutter. */
class MutterTargetAndSettingsTest {

    @Test
    void targetsAreParsedAndBadOnesNameTheChoices() {
        assertEquals(new MutterTarget.Virtual(), MutterTarget.parse(null));
        assertEquals(new MutterTarget.Virtual(), MutterTarget.parse(" virtual "));
        assertEquals(new MutterTarget.Monitor("DP-1"), MutterTarget.parse("monitor:DP-1"));
        assertEquals(new MutterTarget.Window(OptionalLong.of(-2L)), MutterTarget.parse("window:18446744073709551614"));
        assertEquals(new MutterTarget.Window(OptionalLong.empty()), MutterTarget.parse("window:focused"));
        for (String bad : List.of("monitor:", "window:", "window:abc", "DP-1", "output:DP-1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MutterTarget.parse(bad));
            assertTrue(e.getMessage().contains(bad) && e.getMessage().contains(MutterTarget.TARGETS), e.getMessage());
        }
        assertEquals("window 18446744073709551614", MutterTarget.parse("window:18446744073709551614").describe());
    }

    @Test
    void settingsComeFromPropertiesAndBadValuesAreRefusedByName() {
        MutterSettings defaults = MutterSettings.read(key -> null, key -> null);
        assertEquals(MutterSettings.DEFAULT_TIMEOUT, defaults.timeout());
        assertEquals("embedded", defaults.cursorName());
        assertTrue(defaults.unreachable().orElseThrow().startsWith("no D-Bus session bus"));
        Map<String, String> config = Map.of(MutterSettings.TIMEOUT_PROPERTY, "2500", MutterSettings.CURSOR_PROPERTY,
                "Metadata", "lumen.dbus.session", "unix:path=/nonexistent/bus");
        MutterSettings set = MutterSettings.read(config::get, key -> null);
        assertEquals(Duration.ofMillis(2500), set.timeout());
        assertEquals(2, set.cursorMode());
        assertTrue(set.unreachable().orElseThrow().contains("/nonexistent/bus"));
        for (Map<String, String> bad : List.of(Map.of(MutterSettings.TIMEOUT_PROPERTY, "soon"),
                Map.of(MutterSettings.TIMEOUT_PROPERTY, "0"), Map.of(MutterSettings.CURSOR_PROPERTY, "blinking"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MutterSettings.read(bad::get, key -> null));
            assertTrue(e.getMessage().startsWith(bad.keySet().iterator().next()), e.getMessage());
        }
    }

    @Test
    void monitorsAreReadFromGetCurrentStateAndAMalformedAnswerIsAnError() {
        Object[] mode = {"1920x1080@60", 1920, 1080, 60.0, 1.0, List.of(1.0),
                Map.of("is-current", new Variant<>(true))};
        Object[] off = {"800x600@60", 800, 600, 60.0, 1.0, List.of(1.0), Map.of()};
        Object[] virtual = {new Object[] {"Meta-1", "MetaVendor", MutterMonitor.SCREEN_CAST_PRODUCT, "0x000001"},
                List.of(off, mode), Map.of()};
        Object[] dark = {new Object[] {"DP-2", "Dell", "U2720Q", "1"}, List.<Object[]>of(off), Map.of()};
        List<MutterMonitor> monitors = MutterMonitor.of(new Object[] {new UInt32(1), List.of(virtual, dark), List.of(),
                Map.of()});
        assertEquals("Meta-1 1920x1080@60.00 (MetaVendor Virtual remote monitor 0x000001)", monitors.get(0).describe());
        assertTrue(monitors.get(0).castVirtual());
        assertEquals("DP-2 off (Dell U2720Q 1)", monitors.get(1).describe());
        assertThrows(IllegalStateException.class, () -> MutterMonitor.of(new Object[] {new UInt32(1)}));
        assertThrows(IllegalStateException.class, () -> MutterMonitor.of(new Object[] {new UInt32(1),
                List.<Object[]>of(new Object[] {"Meta-1"})}));
    }
}
