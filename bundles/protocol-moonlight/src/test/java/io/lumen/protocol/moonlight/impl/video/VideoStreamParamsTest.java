package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.media.Codec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VideoStreamParamsTest {

    private static final String PING = "0123456789ABCDEF";

    @Test
    void shardAndDatagramSizes() {
        VideoStreamParams plain = VideoStreamParams.of(1392, Codec.H264, PING);
        assertEquals(1408, plain.shardBytes());
        assertEquals(1408, plain.datagramBytes());
        VideoStreamParams encrypted = VideoStreamParams.of(1360, Codec.H264, PING).withEncryptionKey(new byte[16]);
        assertEquals(1376, encrypted.shardBytes());
        assertEquals(1408, encrypted.datagramBytes(), "the client took the 32-byte header off its packet size");
        assertTrue(encrypted.encrypted());
        assertFalse(encrypted.toString().contains("encryptionKey"), "the key stays out of logs");
    }

    @Test
    void pacingFollowsTheBitrateBetweenBounds() {
        VideoStreamParams params = VideoStreamParams.of(1392, Codec.H264, PING);
        assertEquals(20_000_000L * 10 * 120 / 100 * 1408 / 1376, params.pacingRate(),
                "10 x 20 Mbit/s as it goes on the wire: 20% parity, 1408-byte datagrams for 1376 bytes of picture");
        assertEquals(100_000_000L, new VideoStreamParams(1392, 20, 2, null, Codec.H264, PING, true, null, 5_000, 0,
                VideoFecScheme.RS8_MOONLIGHT)
                .pacingRate(), "never under 100 Mbit/s");
        assertEquals(800_000_000L, new VideoStreamParams(1392, 20, 2, null, Codec.H264, PING, true, null, 150_000, 0,
                VideoFecScheme.RS8_MOONLIGHT)
                .pacingRate(), "never over Sunshine's 800 Mbit/s");
        assertEquals(42_000_000L, params.withPacing(42_000_000L).pacingRate(), "a configured rate wins");
    }

    @Test
    void refusesWhatTheWireCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> VideoStreamParams.of(32, Codec.H264, PING));
        assertThrows(IllegalArgumentException.class, () -> VideoStreamParams.of(1392, Codec.H264, "short"));
        assertThrows(IllegalArgumentException.class, () -> VideoStreamParams.of(1392, Codec.H264, PING)
                .withFecPercent(256));
        assertThrows(IllegalArgumentException.class, () -> VideoStreamParams.of(1392, Codec.H264, PING)
                .withEncryptionKey(new byte[8]));
    }
}
