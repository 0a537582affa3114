package io.lumen.capture.portal.impl;

import io.lumen.api.capture.CaptureSession;
import io.lumen.testkit.capture.RecordingFrameSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.lumen.capture.portal.impl.PortalDesktop.expectFrames;
import static io.lumen.capture.portal.impl.PortalDesktop.request;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * PipeWire restarting under a portal capture: the connection the portal handed over is gone with it and cannot be
 * made again from its (closed) descriptor, so the capture ends at once with a reason, instead of retrying a stale
 * fd number for the reconnect window. A desktop of its own, since its PipeWire daemon is restarted.
 */
class PortalPipeWireLossTest {

    @TempDir
    Path data;

    @Test
    void aPipeWireRestartEndsThePortalCaptureAtOnce() throws Exception {
        PortalDesktop.assumeInstalled();
        try (PortalDesktop desktop = PortalDesktop.start()) {
            RecordingFrameSink sink = new RecordingFrameSink();
            try (CaptureSession ignored = desktop.lumen(data, Duration.ofSeconds(20))
                    .open(request("monitor:restart"), sink)) {
                expectFrames(sink);
                desktop.daemon.restart();
                // a socket capture would try to reconnect for 15 s; a portal one has nothing to reconnect with
                String reason = sink.ended.get(5, TimeUnit.SECONDS);
                assertFalse(reason.contains("did not come back"), reason);
            }
        }
    }
}
