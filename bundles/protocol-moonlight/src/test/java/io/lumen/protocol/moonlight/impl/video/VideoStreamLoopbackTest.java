package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.Codec;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.testkit.Poll;
import io.lumen.testkit.moonlight.ReceivedFrame;
import io.lumen.testkit.moonlight.VideoReceiver;
import io.lumen.testkit.moonlight.VideoReceiverStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host's sender and the test kit's client-side receiver over real UDP on loopback: pings, pacing, FEC,
 * encryption and loss together. The loss is the receiver's seeded injection, so each run drops the same
 * datagrams as long as the kernel drops none (checked: every datagram the host sent was read).
 */
class VideoStreamLoopbackTest {

    private static final FecCodec FEC = new Rs8MoonlightService();
    private static final String PING = "A1B2C3D4E5F60718";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final byte[] KEY = HexFormat.of().parseHex("5EA186FFBA663C75AEC82187CE502647");
    private static final int FRAMES = 40;
    /** Paced well below what loopback takes, so a busy machine does not drop in the kernel. */
    private static final long PACING = 400_000_000L;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    private VideoSender sender(VideoStreamParams params) throws IOException {
        VideoSender sender = new VideoSender(new InetSocketAddress(LOOPBACK, 0), params.withPacing(PACING), FEC);
        open.add(sender);
        return sender;
    }

    private VideoReceiver receiver(VideoSender sender, VideoReceiver.Options options) throws Exception {
        VideoReceiver receiver = new VideoReceiver(sender.localAddress(), options);
        open.add(receiver);
        sender.client().get(5, TimeUnit.SECONDS);
        return receiver;
    }

    /** Sizes spread evenly on a log scale from 100 B to about 1 MB; an IDR first and every tenth frame. */
    private static List<byte[]> frames(long seed, int count) {
        Random random = new Random(seed);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int size = (int) (100 * Math.pow(10_000, random.nextDouble()));
            frames.add(Shards.annexB(random, size, i % 10 == 0));
        }
        return frames;
    }

    private static void stream(VideoSender sender, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            sender.accept(new AccessUnit(i, System.nanoTime(), i % 10 == 0, Codec.H264,
                    MemorySegment.ofArray(frames.get(i))));
        }
    }

    /** Every frame the receiver completed, by index, once it has read every datagram the host sent. */
    private static Map<Integer, ReceivedFrame> received(VideoSender sender, VideoReceiver receiver)
            throws InterruptedException {
        long sent = sender.streamStats().packetsSent();
        assertTrue(receiver.awaitDatagrams(sent, Duration.ofSeconds(30)), "the kernel dropped datagrams: "
                + receiver.stats().datagramsReceived() + " of " + sent + " read");
        return receiver.drain().stream().collect(Collectors.toMap(ReceivedFrame::frameIndex, Function.identity()));
    }

    private static void assertAllIntact(List<byte[]> frames, Map<Integer, ReceivedFrame> received) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 1; i <= frames.size(); i++) {
            if (!received.containsKey(i)) {
                missing.add(i);
            }
        }
        assertEquals(List.of(), missing, "frames not complete");
        for (int i = 0; i < frames.size(); i++) {
            ReceivedFrame frame = received.get(i + 1);
            assertArrayEquals(frames.get(i), frame.data(), "frame " + (i + 1) + " byte for byte");
            assertEquals(i % 10 == 0 ? 2 : 1, frame.frameType());
        }
    }

    private void belowTheFecRateEveryFrameIsRebuilt(VideoStreamParams params, int receiverPacketSize, byte[] key)
            throws Exception {
        VideoSender sender = sender(params);
        // a seed whose 5% never takes more shards from a block than it has parity (a block of 8 data + 2
        // parity shards fails about 1% of the time at 5%): PacketizerToAssemblerTest hits that limit exactly
        VideoReceiver.Options options = VideoReceiver.Options.of(receiverPacketSize, PING, FEC).withLoss(0.05, 1);
        VideoReceiver receiver = receiver(sender, key == null ? options : options.withKey(key));
        List<byte[]> frames = frames(1, FRAMES);
        stream(sender, frames);

        assertAllIntact(frames, received(sender, receiver));
        VideoReceiverStats client = receiver.stats();
        assertEquals(0, client.framesLost());
        assertTrue(client.framesRecovered() > 0 && client.dataShardsRebuilt() > 0, client.toString());
        assertTrue(client.datagramsDropped() > 0.03 * client.datagramsReceived(), client.toString());
        assertEquals(0, client.datagramsRejected(), client.toString());
        assertTrue(client.shardsUnneeded() > 0, "parity arriving after its block was whole: " + client);

        VideoStreamStats host = sender.streamStats();
        assertEquals(FRAMES, host.framesSent());
        assertEquals(0, host.framesAwaitingClient() + host.framesUnsendable() + host.framesFailed());
        assertTrue(host.parityPackets() > 0.2 * host.dataPackets(), host.toString());
        assertTrue(host.fecBlocks() >= FRAMES && host.pingsReceived() >= 1, host.toString());
        assertEquals(host.packetsSent() * params.datagramBytes(), host.bytesSent());
        assertEquals(FRAMES, host.hostTimeSamples());
        assertTrue(host.hostTimeP50Nanos() > 0 && host.hostTimeP99Nanos() >= host.hostTimeP50Nanos());
    }

    @Test
    void atFivePercentLossTwentyPercentFecRebuildsEveryFrame() throws Exception {
        belowTheFecRateEveryFrameIsRebuilt(VideoStreamParams.of(1392, Codec.H264, PING), 1392, null);
    }

    /** The client announces 1392 - 32 when video is encrypted; datagrams stay 1408 bytes. */
    @Test
    void encryptedTheSame() throws Exception {
        belowTheFecRateEveryFrameIsRebuilt(VideoStreamParams.of(1360, Codec.H264, PING).withEncryptionKey(KEY),
                1360, KEY);
    }

    @Test
    void atFortyPercentLossFramesAreLostAndNothingBreaks() throws Exception {
        VideoSender sender = sender(VideoStreamParams.of(1392, Codec.H264, PING).withEncryptionKey(KEY)
                .withFecPercent(20));
        VideoReceiver receiver = receiver(sender, VideoReceiver.Options.of(1392, PING, FEC).withKey(KEY)
                .withLoss(0.40, 40));
        List<byte[]> frames = frames(2, FRAMES);
        stream(sender, frames);

        Map<Integer, ReceivedFrame> received = received(sender, receiver);
        VideoReceiverStats client = receiver.stats();
        assertTrue(client.framesLost() > 0, client.toString());
        assertTrue(client.framesComplete() + client.framesLost() >= FRAMES - 1,
                "every frame but the newest is accounted for: " + client);
        assertTrue(client.shardsLost() > 0, client.toString());
        for (ReceivedFrame frame : received.values()) {
            assertArrayEquals(frames.get(frame.frameIndex() - 1), frame.data(), "a frame that does arrive is whole");
        }
        assertEquals(FRAMES, sender.streamStats().framesSent());
    }

    @Test
    void garbageOnTheVideoPortIsCountedAndChangesNothing() throws Exception {
        VideoSender sender = sender(VideoStreamParams.of(1392, Codec.H264, PING));
        VideoReceiver receiver = receiver(sender, VideoReceiver.Options.of(1392, PING, FEC));
        List<byte[]> frames = frames(3, 20);
        Random random = new Random(9);
        int garbage = 0;
        try (DatagramChannel stranger = DatagramChannel.open()) {
            stranger.bind(new InetSocketAddress(LOOPBACK, 0));
            for (int i = 0; i < frames.size(); i++) {
                for (ByteBuffer junk : junk(random)) {
                    stranger.send(junk, sender.localAddress());
                    garbage++;
                }
                sender.accept(new AccessUnit(i, System.nanoTime(), i % 10 == 0, Codec.H264,
                        MemorySegment.ofArray(frames.get(i))));
            }
            long strangers = garbage;
            Poll.await("the sender to count the stranger's datagrams", Duration.ofSeconds(10),
                    () -> sender.streamStats().foreignDatagrams(), foreign -> foreign >= strangers);
        }
        assertEquals(garbage, sender.streamStats().foreignDatagrams());
        assertEquals(receiver.localAddress().getPort(), sender.client().get().getPort(),
                "a well-formed ping from a stranger did not take the stream");
        assertAllIntact(frames, received(sender, receiver));
    }

    /** Random bytes, an empty datagram, a wrong payload, a right payload from the wrong address, a legacy ping. */
    private static List<ByteBuffer> junk(Random random) {
        byte[] noise = new byte[random.nextInt(1500)];
        random.nextBytes(noise);
        return List.of(ByteBuffer.wrap(noise), ByteBuffer.allocate(0),
                ByteBuffer.allocate(20).put("FFFFFFFFFFFFFFFF".getBytes(StandardCharsets.US_ASCII)).putInt(1).flip(),
                ByteBuffer.allocate(20).put(PING.getBytes(StandardCharsets.US_ASCII)).putInt(1).flip(),
                ByteBuffer.wrap("PING".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void framesBeforeTheFirstPingAreNotSent() throws Exception {
        VideoSender sender = sender(VideoStreamParams.of(1392, Codec.H264, PING));
        List<byte[]> early = frames(4, 3);
        stream(sender, early);
        VideoStreamStats before = sender.streamStats();
        assertEquals(3, before.framesAwaitingClient());
        assertEquals(0, before.packetsSent() + before.framesSent());

        VideoReceiver receiver = receiver(sender, VideoReceiver.Options.of(1392, PING, FEC));
        List<byte[]> frames = frames(5, 12);
        stream(sender, frames);
        assertAllIntact(frames, received(sender, receiver));
        assertEquals(12, sender.streamStats().framesSent());
    }

    @Test
    void theFirstFrameTheClientGetsIsAKeyframe() throws Exception {
        VideoSender sender = sender(VideoStreamParams.of(1392, Codec.H264, PING));
        VideoReceiver receiver = receiver(sender, VideoReceiver.Options.of(1392, PING, FEC));
        List<byte[]> frames = frames(7, 4);
        boolean[] keyframe = {false, false, true, false};
        for (int i = 0; i < frames.size(); i++) {
            sender.accept(new AccessUnit(i, System.nanoTime(), keyframe[i], Codec.H264,
                    MemorySegment.ofArray(frames.get(i))));
        }
        Map<Integer, ReceivedFrame> received = received(sender, receiver);
        assertEquals(List.of(1, 2), received.keySet().stream().sorted().toList(),
                "the pictures encoded before the keyframe are not sent: the client could not decode them");
        assertTrue(received.get(1).idr());
        assertEquals(2, sender.streamStats().framesAwaitingClient());
    }

    @Test
    void anAccessUnitInAnotherCodecIsRefusedAndLeavesAGap() throws Exception {
        VideoSender sender = sender(VideoStreamParams.of(1392, Codec.H264, PING));
        VideoReceiver receiver = receiver(sender, VideoReceiver.Options.of(1392, PING, FEC));
        byte[] frame = frames(6, 1).getFirst();
        sender.accept(new AccessUnit(0, System.nanoTime(), true, Codec.H264, MemorySegment.ofArray(frame)));
        sender.accept(new AccessUnit(1, System.nanoTime(), false, Codec.AV1, MemorySegment.ofArray(frame)));
        sender.accept(new AccessUnit(2, System.nanoTime(), false, Codec.H264, MemorySegment.ofArray(frame)));
        assertEquals(List.of(1, 3), received(sender, receiver).keySet().stream().sorted().toList());
        assertEquals(1, sender.streamStats().framesUnsendable());
    }

    @Test
    void aFrameTooBigForFecGoesWithoutAndOneTooBigToAddressNotAtAll() throws Exception {
        VideoSender sender = sender(VideoStreamParams.of(1392, Codec.H264, PING));
        VideoReceiver receiver = receiver(sender, VideoReceiver.Options.of(1392, PING, FEC));
        Random random = new Random(8);
        byte[] large = Shards.annexB(random, 1_300_000, true);
        byte[] small = Shards.annexB(random, 2_000, false);
        for (byte[] frame : List.of(large, new byte[6_000_000], small)) {
            sender.accept(new AccessUnit(0, System.nanoTime(), frame == large, Codec.H264,
                    MemorySegment.ofArray(frame)));
        }
        Map<Integer, ReceivedFrame> received = received(sender, receiver);
        assertArrayEquals(large, received.get(1).data());
        assertArrayEquals(small, received.get(3).data(), "frame 2 was never sent: the client sees a gap");
        VideoStreamStats host = sender.streamStats();
        assertEquals(2, host.framesSent());
        assertEquals(1, host.framesWithoutFec());
        assertEquals(1, host.framesUnsendable());
        assertEquals(1, receiver.stats().framesLost());
    }

    @Test
    void closeReleasesThePort() throws Exception {
        VideoSender sender = sender(VideoStreamParams.of(1392, Codec.H264, PING));
        InetSocketAddress port = sender.localAddress();
        sender.close();
        sender.accept(new AccessUnit(0, System.nanoTime(), true, Codec.H264, MemorySegment.ofArray(new byte[10])));
        assertEquals(1, sender.streamStats().framesFailed());
        assertTrue(sender.client().isCompletedExceptionally());
        try (DatagramChannel again = DatagramChannel.open()) {
            again.bind(port);
        }
    }
}
