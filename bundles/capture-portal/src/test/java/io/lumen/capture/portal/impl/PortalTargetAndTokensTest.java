package io.lumen.capture.portal.impl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app's capture target, the settings and the consent files, without a desktop. */
class PortalTargetAndTokensTest {

    @TempDir
    Path dir;

    @Test
    void theTargetNamesSourcesAndAConsentOfItsOwn() {
        assertEquals(new PortalTarget(PortalBus.MONITOR, "monitor"), PortalTarget.parse(null));
        assertEquals(new PortalTarget(PortalBus.MONITOR, "monitor"), PortalTarget.parse(" "));
        assertEquals(new PortalTarget(PortalBus.WINDOW, "window"), PortalTarget.parse("window"));
        assertEquals(new PortalTarget(PortalBus.MONITOR | PortalBus.WINDOW, "monitor-window"),
                PortalTarget.parse("Monitor+window"));
        assertEquals(new PortalTarget(PortalBus.MONITOR, "games"), PortalTarget.parse("monitor:games"));
        assertEquals(new PortalTarget(PortalBus.MONITOR, "games"), PortalTarget.parse(":games"));
        assertEquals("monitor+window+virtual", new PortalTarget(7, "x").describeSources());
        // input is asked for only where named; alone it means a monitor with input
        assertEquals(new PortalTarget(PortalBus.MONITOR, "games", true), PortalTarget.parse("monitor+input:games"));
        assertEquals(new PortalTarget(PortalBus.MONITOR, "input", true), PortalTarget.parse("input"));
        assertEquals(new PortalTarget(PortalBus.WINDOW, "window-input", true), PortalTarget.parse("window+Input"));
        assertFalse(PortalTarget.parse("monitor:games").input());
        assertEquals("monitor+input", PortalTarget.parse("input").describeSources());
        assertThrows(IllegalArgumentException.class, () -> PortalTarget.parse("screen"));
        assertThrows(IllegalArgumentException.class, () -> PortalTarget.parse("monitor:../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> PortalTarget.parse("monitor:a b"));
    }

    @Test
    void settingsComeFromTheFrameworkWithSafeDefaults() {
        Map<String, String> config = Map.of("lumen.data", "/var/lib/lumen", PortalSettings.CONSENT_TIMEOUT, "5000",
                PortalSettings.CALL_TIMEOUT, "soon", "lumen.dbus.session", "unix:path=/run/bus");
        PortalSettings settings = PortalSettings.read(config::get, key -> null);
        assertEquals(Path.of("/var/lib/lumen/capture-portal"), settings.tokens());
        assertEquals(Duration.ofSeconds(5), settings.consentTimeout());
        assertEquals(PortalSettings.DEFAULT_CALL_TIMEOUT, settings.callTimeout(), "a typo keeps the default");
        assertEquals("unix:path=/run/bus", settings.bus().orElseThrow());
        assertEquals(Path.of("/opt/lumen/data/capture-portal"),
                PortalSettings.read(Map.of("lumen.home", "/opt/lumen")::get, key -> null).tokens());
        assertEquals(Path.of("/x"), PortalSettings.read(Map.of(PortalSettings.TOKENS, "/x")::get, k -> null).tokens());
    }

    @Test
    void consentsAreReplacedWholeAndADamagedOneIsDropped() throws Exception {
        RestoreTokens tokens = new RestoreTokens(dir.resolve("capture-portal"));
        assertTrue(tokens.load("games").isEmpty());
        tokens.save("games", "0b8f3a2e-4c1d-4e5f-9a6b-7c8d9e0f1a2b");
        tokens.save("games", "1b8f3a2e-4c1d-4e5f-9a6b-7c8d9e0f1a2b");
        assertEquals("1b8f3a2e-4c1d-4e5f-9a6b-7c8d9e0f1a2b", tokens.load("games").orElseThrow());
        try (var files = Files.list(tokens.directory())) {
            assertEquals(1, files.count(), "no temporary file left beside it");
        }
        Files.writeString(tokens.file("desk"), "not a token");
        assertTrue(tokens.load("desk").isEmpty());
        assertFalse(Files.exists(tokens.file("desk")), "a damaged consent is dropped, so the user is asked again");
        assertEquals(1, tokens.list().size());
        assertTrue(tokens.forget("games"));
        assertFalse(tokens.forget("games"));
    }
}
