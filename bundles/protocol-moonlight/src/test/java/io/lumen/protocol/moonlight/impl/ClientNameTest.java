package io.lumen.protocol.moonlight.impl;

import io.lumen.testkit.moonlight.MoonlightTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A device name full of terminal escapes reaches neither the log nor the shell as escapes. */
@Timeout(120)
class ClientNameTest {

    private static final String HOSTILE = "\u001b[2J\u001b]0;owned\u0007Deck\r\nINFO: client paired: \"admin\"";

    @TempDir
    Path dir;
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger hostLog = Logger.getLogger("lumen.moonlight.test");
    private RunningHost running;

    @AfterEach
    void stop() {
        hostLog.removeHandler(capture);
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aHostileDeviceNameIsStoredLoggedAndShownWithoutEscapes() throws Exception {
        hostLog.addHandler(capture);
        running = new RunningHost(dir);
        MoonlightTestClient client = running.paired(HOSTILE);
        assertEquals(List.of("??Deck??INFO: client paired: \"admin\""), running.clientNames());
        assertEquals(200, client.launch(7, "1280x720x60").status());
        assertEquals(200, client.cancel().status());
        assertTrue(logged.stream().anyMatch(line -> line.contains("Deck")), "the name was logged: " + logged);
        for (String line : logged) {
            assertFalse(line.chars().anyMatch(c -> c < 0x20 || c == 0x7f), "a control character in: " + line);
        }
    }
}
