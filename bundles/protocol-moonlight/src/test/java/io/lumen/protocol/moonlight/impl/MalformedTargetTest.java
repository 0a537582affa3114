package io.lumen.protocol.moonlight.impl;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A request target whose percent escapes do not decode is answered 400 on every HTTP listener, not dropped. */
@Timeout(60)
class MalformedTargetTest {

    @TempDir
    Path dir;
    private RunningHost running;

    @BeforeEach
    void start() throws Exception {
        running = new RunningHost(dir);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void aPathEscapeThatDoesNotDecodeIsABadRequest() throws Exception {
        for (int port : new int[] {running.host.httpPort(), running.host.webPort()}) {
            for (String target : new String[] {"/serverinfo%zz", "/serverinfo%", "/%", "/%e", "/?message=%g0"}) {
                String status = RawHttp.statusLine(port, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertTrue(status.startsWith("HTTP/1.1 400 "), "port " + port + ", " + target + ": \"" + status + "\"");
            }
        }
        assertTrue(RawHttp.statusLine(running.host.httpPort(), "GET /serverinfo HTTP/1.1\r\nHost: h\r\n\r\n")
                .startsWith("HTTP/1.1 200 "), "the host keeps serving");
    }
}
