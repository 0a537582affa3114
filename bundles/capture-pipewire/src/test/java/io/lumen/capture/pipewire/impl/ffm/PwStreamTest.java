package io.lumen.capture.pipewire.impl.ffm;

import io.lumen.testkit.pipewire.PipeWireDaemon;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A capture stream's state changes, as the real daemon and WirePlumber drive them, reach Java. */
class PwStreamTest {

    private record Change(StreamState previous, StreamState now, String error) {
    }

    /**
     * WirePlumber 0.4 destroys a dont-reconnect stream's node when its target is missing; the error it then sends
     * names a resource that is already gone, so libpipewire reports "unconnected" with no reason, and the
     * wrapper supplies one.
     */
    @Test
    void aTargetThatDoesNotExistEndsTheStreamWithAReason() throws Exception {
        try (PipeWireDaemon daemon = PrivateDaemon.start(true);
             PwConnection connection = PwConnection.open(PipeWire.system(), PwRemote.socket(daemon.socket()))) {
            BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
            PwStream stream = PwStream.create(connection, "lumen-test-capture", Map.of(), new PwStream.Events() {
                @Override
                public void stateChanged(StreamState previous, StreamState now, String error) {
                    changes.add(new Change(previous, now, error));
                }
            });
            stream.connect(PwStream.Target.name("lumen-no-such-node"), List.of());
            Change first = changes.poll(5, TimeUnit.SECONDS);
            assertNotNull(first, "no state change after connect");
            assertEquals(StreamState.CONNECTING, first.now());

            Change last = first;
            while (last.now() != StreamState.ERROR && last.now() != StreamState.UNCONNECTED) {
                last = changes.poll(10, TimeUnit.SECONDS);
                assertNotNull(last, "the stream never ended; it is " + stream.state());
            }
            assertTrue(last.error() != null && last.error().contains("lumen-no-such-node"), String.valueOf(last));
            assertEquals(last.now(), stream.state());
            assertEquals(last.error(), stream.error());
            stream.close();
        }
    }

    @Test
    void closingAStreamInsideItsOwnCallbackIsRefused() throws Exception {
        try (PipeWireDaemon daemon = PrivateDaemon.start(false);
             PwConnection connection = PwConnection.open(PipeWire.system(), PwRemote.socket(daemon.socket()))) {
            BlockingQueue<Throwable> refusals = new LinkedBlockingQueue<>();
            PwStream[] self = new PwStream[1];
            self[0] = PwStream.create(connection, "lumen-test-capture", Map.of(), new PwStream.Events() {
                @Override
                public void stateChanged(StreamState previous, StreamState now, String error) {
                    refusals.add(assertThrows(IllegalStateException.class, () -> self[0].close()));
                }
            });
            self[0].connect(PwStream.Target.name("lumen-no-such-node"), List.of());
            Throwable refused = refusals.poll(5, TimeUnit.SECONDS);
            assertNotNull(refused);
            assertEquals("closing a stream cannot run inside a PipeWire callback",
                    refused.getMessage());
            connection.roundtrip(Duration.ofSeconds(5));
        }
    }
}
