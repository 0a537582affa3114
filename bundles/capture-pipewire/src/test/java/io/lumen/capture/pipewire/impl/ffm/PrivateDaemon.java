package io.lumen.capture.pipewire.impl.ffm;

import io.lumen.testkit.pipewire.PipeWireDaemon;

import java.io.IOException;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Starts the testkit's private daemon, skipping only where pipewire is absent and CI did not require it. */
final class PrivateDaemon {

    private PrivateDaemon() {
    }

    static PipeWireDaemon start(boolean withSessionManager) throws IOException {
        assumeTrue(PipeWireDaemon.skipReason(withSessionManager).isEmpty(),
                () -> PipeWireDaemon.skipReason(withSessionManager).orElse(""));
        return PipeWireDaemon.start(withSessionManager);
    }
}
