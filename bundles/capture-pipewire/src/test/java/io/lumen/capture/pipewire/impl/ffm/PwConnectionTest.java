package io.lumen.capture.pipewire.impl.ffm;

import io.lumen.testkit.pipewire.PipeWireDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connecting to a private daemon by its socket path, failing fast without one, and noticing when it goes. */
class PwConnectionTest {

    @Test
    void connectsToAPrivateDaemonByItsSocketAndRoundTrips() throws Exception {
        try (PipeWireDaemon daemon = PrivateDaemon.start(false);
             PwConnection connection = PwConnection.open(PipeWire.system(), PwRemote.socket(daemon.socket()))) {
            connection.roundtrip(Duration.ofSeconds(5));
            assertNull(connection.lostBecause());
        }
    }

    @Test
    void aSocketNobodyListensOnFailsAtOnceWithTheReason(@TempDir Path dir) {
        Path nowhere = dir.resolve("pipewire-0");
        PipeWireException refused = assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThrows(PipeWireException.class, () -> PwConnection.open(PipeWire.system(),
                        PwRemote.socket(nowhere))));
        assertEquals("connecting to " + nowhere + " failed: Host is down (errno 112)", refused.getMessage());
    }

    @Test
    void aDaemonRestartReachesJavaAsTheConnectionsLoss() throws Exception {
        try (PipeWireDaemon daemon = PrivateDaemon.start(false);
             PwConnection connection = PwConnection.open(PipeWire.system(), PwRemote.socket(daemon.socket()))) {
            CompletableFuture<PwConnection.CoreError> lost = new CompletableFuture<>();
            connection.addErrorListener(error -> {
                if (error.connectionLost()) {
                    lost.complete(error);
                }
            });
            connection.roundtrip(Duration.ofSeconds(5));
            daemon.restart();
            PwConnection.CoreError error = lost.get(10, TimeUnit.SECONDS);
            assertEquals(0, error.id());
            assertEquals(error, connection.lostBecause());
            assertThrows(PipeWireException.class, () -> connection.roundtrip(Duration.ofSeconds(2)));
            // a new connection reaches the restarted daemon on the same socket
            try (PwConnection again = PwConnection.open(PipeWire.system(), PwRemote.socket(daemon.socket()))) {
                again.roundtrip(Duration.ofSeconds(5));
            }
            assertTrue(error.toString().contains("Broken pipe"), error.toString());
        }
    }
}
