package io.lumen.testkit.pipewire;

import io.lumen.testkit.Poll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixture the Mutter backends' tests stand on: it comes up ready, runs a client, and goes away cleanly. */
class MutterCompositorTest {

    @Test
    void mutterComesUpWithItsServicesAndGoesAway() throws Exception {
        Assumptions.assumeTrue(MutterCompositor.skipReason().isEmpty(),
                () -> MutterCompositor.skipReason().orElseThrow());
        try (PipeWireDaemon daemon = PipeWireDaemon.start(false); SessionBus bus = SessionBus.start();
             MutterCompositor mutter = MutterCompositor.start(daemon, bus, "1280x720")) {
            assertTrue(MutterCompositor.BUS_NAMES.stream().allMatch(mutter::owned), mutter.logTail(20));
            Process client = mutter.startClient(List.of("weston-simple-shm"));
            try {
                // an xdg-shell client that keeps running is one Mutter accepted
                assertFalse(Poll.until(Duration.ofSeconds(2), () -> !client.isAlive()),
                        "weston-simple-shm exited on Mutter: " + mutter.logTail(20));
            } finally {
                client.destroy();
            }
            mutter.stop();
            assertTrue(Poll.until(Duration.ofSeconds(10),
                    () -> MutterCompositor.BUS_NAMES.stream().noneMatch(mutter::owned)),
                    "Mutter's names leave the bus with it");
        }
    }
}
