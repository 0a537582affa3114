package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.Codec;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.protocol.moonlight.impl.fec.FecCodecSource;
import io.lumen.protocol.moonlight.impl.net.DatagramPort;
import io.lumen.protocol.moonlight.impl.net.UdpSockets;
import io.lumen.testkit.Poll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The video stream is the same datagrams whichever port carries it: the native socket (one GSO send per pacing
 * batch) and the DatagramChannel fallback (one send per datagram) give byte-identical streams, clear and sealed,
 * and both learn the client from its ping.
 */
class VideoSenderPortsTest {

    private static final String PING = "0123456789ABCDEF";
    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899AABBCCDDEEFF");
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    /** One shard, one batch, several batches, four blocks: the batch and block edges of the send loop. */
    private static final int[] SIZES = {40, 1_000, 64_000, 150_000, 700_000, 5_000};

    @Test
    void nativeAndChannelPortsSendTheSameBytes() throws Exception {
        for (VideoStreamParams params : List.of(VideoStreamParams.of(1392, Codec.H264, PING),
                VideoStreamParams.of(1360, Codec.H264, PING).withEncryptionKey(KEY))) {
            List<byte[]> overNative = stream(UdpSockets.bindPort(ANY_LOOPBACK), params);
            List<byte[]> overChannel = stream(DatagramPort.of(UdpSockets.bind(ANY_LOOPBACK)), params);
            assertEquals(overChannel.size(), overNative.size());
            for (int i = 0; i < overNative.size(); i++) {
                assertArrayEquals(overChannel.get(i), overNative.get(i), "datagram " + i);
            }
            assertTrue(overNative.stream().allMatch(d -> d.length == params.datagramBytes()));
        }
    }

    /** The datagrams a client reads, in order, from one short session on {@code port}. */
    private static List<byte[]> stream(DatagramPort port, VideoStreamParams params) throws Exception {
        List<byte[]> received = new ArrayList<>();
        long sent;
        try (DatagramChannel client = DatagramChannel.open();
             VideoSender sender = new VideoSender(port, params.withPacing(400_000_000L),
                     FecCodecSource.of(new Rs8MoonlightService()), VideoPacer.Clock.SYSTEM, 77)) {
            client.setOption(StandardSocketOptions.SO_RCVBUF, 16 << 20);
            client.bind(ANY_LOOPBACK);
            client.send(ByteBuffer.allocate(20).put(PING.getBytes(StandardCharsets.US_ASCII)).putInt(1).flip(),
                    sender.localAddress());
            sender.client().get(5, TimeUnit.SECONDS);
            Random random = new Random(7);
            for (int i = 0; i < SIZES.length; i++) {
                byte[] frame = Shards.annexB(random, SIZES[i], i == 0);
                sender.accept(new AccessUnit(i, 1_000_000L * i, i == 0, Codec.H264, MemorySegment.ofArray(frame)));
            }
            sent = sender.streamStats().packetsSent();
            client.configureBlocking(false);
            ByteBuffer buffer = ByteBuffer.allocate(2048);
            long all = sent;
            Poll.until(Duration.ofSeconds(10), () -> { // the assertion below shows a shortfall
                try {
                    while (client.receive(buffer.clear()) != null) {
                        byte[] datagram = new byte[buffer.flip().remaining()];
                        buffer.get(datagram);
                        received.add(datagram);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return received.size() >= all;
            });
        }
        assertEquals(sent, received.size(), "every datagram arrived");
        return received;
    }
}
