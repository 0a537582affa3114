package io.lumen.protocol.moonlight.impl.rtsp;

import io.lumen.protocol.moonlight.impl.stream.StreamCapabilities;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RtspCommandsTest {

    @Test
    void describeOffersTheSurroundLayoutsAndNoHevcWithoutAnEncoder() {
        String sdp = RtspCommands.describe(new StreamCapabilities(false, true,
                7, 1, 0, List.of("a=fmtp:97 surround-params=21101", "a=fmtp:97 surround-params=21101"),
                List.of("rs8-moonlight", "leopard16"), List.of()));
        assertEquals("a=x-ss-general.featureFlags:0\na=x-ss-general.encryptionSupported:7\n"
                + "a=x-ss-general.encryptionRequested:1\na=x-nv-video[0].refPicInvalidation:1\n"
                + "a=rtpmap:98 AV1/90000\n"
                + "a=fmtp:97 surround-params=21101\na=fmtp:97 surround-params=21101\n", sdp);
        assertArrayEquals(new String[] {"x-a", "x-b"}, RtspCommands.sdpAttributes("v=0\r\na=x-a:1 \r\na=x-b:2:3 \r\n")
                .keySet().toArray(new String[0]));
        assertEquals("2:3", RtspCommands.sdpAttributes("a=x-b:2:3 \r\n").get("x-b"));
    }
}
