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
        assertEquals(20_000_000L * 20 * 120 / 100 * 1408 / 1376, params.pacingRate(),
                "20 x 20 Mbit/s as it goes on the wire: 20% parity, 1408-byte datagrams for 1376 bytes of picture");
        assertEquals(100_000_000L, new VideoStreamParams(1392, 20, 2, null, Codec.H264, PING, true, null, 2_000, 0,
                VideoFecScheme.RS8_MOONLIGHT)
                .pacingRate(), "never under 100 Mbit/s");
        assertEquals(800_000_000L, new VideoStreamParams(1392, 20, 2, null, Codec.H264, PING, true, null, 150_000, 0,
                VideoFecScheme.RS8_MOONLIGHT)
                .pacingRate(), "never over Sunshine's 800 Mbit/s");
        assertEquals(42_000_000L, params.withPacing(42_000_000L).pacingRate(), "a configured rate wins");
        assertEquals(200_000_000L * 20 * 120 / 100 * 1376 / 1344, new VideoStreamParams(1392, 20, 2, null, Codec.H264,
                PING, true, null, 200_000, 0, VideoFecScheme.LEOPARD16).pacingRate(),
                "leopard16 has no 800 Mbit/s ceiling: 1376-byte datagrams for 1344 bytes of picture");
    }

    /**
     * The pacing goal at 1080p60: a keyframe of eight average frames, with its leopard16 parity and headers, leaves
     * within half the frame interval at every bitrate up to 200 Mbit/s, encrypted or not.
     */
    @Test
    void aLeopard16KeyframeOfEightAverageFramesLeavesWithinHalfAFrameIntervalAt1080p60() {
        for (int kbps : new int[] {5_000, 20_000, 50_000, 100_000, 200_000}) {
            for (boolean encrypted : new boolean[] {false, true}) {
                VideoStreamParams params = new VideoStreamParams(encrypted ? 1360 : 1392, 20, 2,
                        encrypted ? new byte[16] : null, Codec.H264, PING, true, null, kbps, 0,
                        VideoFecScheme.LEOPARD16);
                long keyframeBytes = 8L * kbps * 1000 / 8 / 60;
                Leopard16FramePlan plan = Leopard16FramePlan.of(keyframeBytes, params.shardBytes() - 32, 20, 2,
                        Leopard16RoundTripTest.FEC.limits());
                double seconds = (double) plan.totalShards() * params.datagramBytes() * 8 / params.pacingRate();
                assertTrue(seconds <= 0.5 / 60, kbps + " kbps" + (encrypted ? " encrypted" : "") + ": "
                        + seconds * 1000 + " ms for " + plan.totalShards() + " datagrams at "
                        + params.pacingRate() / 1_000_000 + " Mbit/s");
            }
        }
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
