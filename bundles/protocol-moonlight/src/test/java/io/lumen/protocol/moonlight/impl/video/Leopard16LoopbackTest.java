package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.Codec;
import io.lumen.testkit.moonlight.ReceivedFrame;
import io.lumen.testkit.moonlight.VideoReceiver;
import io.lumen.testkit.moonlight.VideoReceiverStats;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * leopard16 over real UDP on loopback, clear and encrypted: frames of 1, 255, 256, 4096 and 12,000 shards (the last
 * 16 MB) leave the host's sender and come back whole through the test kit's receiver, which drops shards of each
 * frame, never more than its parity, so every one must be rebuilt.
 */
class Leopard16LoopbackTest {

    private static final String PING = "L0OPBACK12345678";
    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899AABBCCDDEEFF");
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int[] SHARDS = {1, 255, 256, 4096, 12_000};

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void framesOfAnySizeComeBackThroughLossWithinTheirParity(boolean encrypted) throws Exception {
        int packetSize = encrypted ? 1360 : 1392;
        VideoStreamParams params = VideoStreamParams.of(packetSize, Codec.H264, PING)
                .withScheme(VideoFecScheme.LEOPARD16).withPacing(400_000_000L);
        if (encrypted) {
            params = params.withEncryptionKey(KEY);
        }
        int body = LeopardWire.bodyBytes(packetSize);
        VideoReceiver.Options options = VideoReceiver.Options.of(packetSize, PING, Leopard16RoundTripTest.FEC)
                .withLossWithinFec(0.05, 3);
        Random random = new Random(encrypted ? 2 : 1);
        List<byte[]> frames = new ArrayList<>();
        try (VideoSender sender = new VideoSender(new InetSocketAddress(LOOPBACK, 0), params,
                Leopard16RoundTripTest.FEC);
             VideoReceiver receiver = new VideoReceiver(sender.localAddress(),
                     encrypted ? options.withKey(KEY) : options)) {
            sender.client().get(5, TimeUnit.SECONDS);
            for (int i = 0; i < SHARDS.length; i++) {
                byte[] frame = Shards.annexB(random, SHARDS[i] * body - random.nextInt(body - 5), i == 0);
                frames.add(frame);
                sender.accept(new AccessUnit(i, System.nanoTime(), i == 0, Codec.H264, MemorySegment.ofArray(frame)));
            }
            // the last frame completes once its own shards are in: no later frame has to push it out
            for (int i = 0; i < frames.size(); i++) {
                ReceivedFrame received = receiver.next(Duration.ofSeconds(30));
                assertNotNull(received, "frame " + (i + 1) + " of " + SHARDS[i] + " shards: " + receiver.stats());
                assertEquals(i + 1, received.frameIndex());
                assertArrayEquals(frames.get(i), received.data(), "frame of " + SHARDS[i] + " shards");
            }
            VideoReceiverStats stats = receiver.stats();
            assertEquals(0, stats.framesLost(), stats.toString());
            assertTrue(stats.datagramsDropped() > 500 && stats.dataShardsRebuilt() > 0, "loss was repaired: " + stats);
            assertEquals(0, stats.datagramsRejected(), stats.toString());
            assertEquals(0, receiver.socketDrops(), "the client kept up");
        }
    }
}
