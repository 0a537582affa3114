package io.lumen.tools.relay;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelayOptionsTest {

    @Test
    void theIssuesCommandLineParsesWithDownstreamAsTheDefault() {
        RelayOptions options = RelayOptions.parse("-listen", "48989", "-host", "10.0.0.2:47989", "-loss", "2",
                "-burst", "3", "-reorder", "1", "-delay", "20", "-seed", "7");
        assertEquals(48989, options.listenBase());
        assertEquals("10.0.0.2", options.host());
        assertEquals(47989, options.hostBase());
        assertEquals(0.02, options.loss(), 1e-12);
        assertEquals(3, options.burst());
        assertEquals(0.01, options.reorder(), 1e-12);
        assertEquals(20, options.delayMillis());
        assertEquals(7, options.seed());
        assertTrue(options.impairs(RelayPort.VIDEO, Direction.DOWN));
        assertFalse(options.impairs(RelayPort.VIDEO, Direction.UP), "client-to-host only with -direction both");
        assertFalse(options.impairs(RelayPort.RTSP, Direction.DOWN), "TCP is never impaired");
    }

    @Test
    void directionAndStreamsNarrowOrWidenWhatIsImpaired() {
        RelayOptions options = RelayOptions.parse("-listen", "48989", "-host", "[::1]:47989", "-direction", "both",
                "-streams", "video");
        assertEquals("::1", options.host());
        assertEquals(Set.of(RelayPort.VIDEO), options.impaired());
        assertTrue(options.impairs(RelayPort.VIDEO, Direction.UP));
        assertFalse(options.impairs(RelayPort.AUDIO, Direction.DOWN));
    }

    @Test
    void badInputIsRefusedInTheUsersWords() {
        assertEquals("-host HOST:BASEPORT is required",
                assertThrows(IllegalArgumentException.class, () -> RelayOptions.parse("-listen", "48989")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RelayOptions.parse("-listen", "3", "-host",
                "h:47989")).getMessage().contains("no room"));
        assertThrows(IllegalArgumentException.class, () -> RelayOptions.parse("-listen", "x", "-host", "h:1"));
        assertThrows(IllegalArgumentException.class, () -> RelayOptions.parse("-listen", "48989", "-host", "h:47989",
                "-loss", "100"));
        assertThrows(IllegalArgumentException.class, () -> RelayOptions.parse("-listen", "48989", "-host", "h:47989",
                "-direction", "up"));
        assertThrows(IllegalArgumentException.class, () -> RelayOptions.parse("-listen", "48989", "-host", "h:47989",
                "-streams", "rtsp"));
        assertThrows(IllegalArgumentException.class, () -> RelayOptions.parse("-listen", "48989", "-host", "h:47989",
                "-loss"));
        assertThrows(IllegalArgumentException.class, () -> RelayOptions.parse("-frobnicate", "1"));
    }
}
