package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.Codec;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.testkit.Poll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The rs8 video path stays byte-identical: a fixed session (the same frames, capture times, keys and IV counter,
 * on a clock that moves only as the pacer waits) is sent over loopback, and every datagram the client reads is
 * compared, per frame, with the SHA-256 recorded in {@code rs8-golden.txt}: first before the FEC schemes became
 * negotiable, again when small blocks got the parity a quiet link's loss asks for (an 8-shard block 3 parity shards
 * where Sunshine sends 2; the frames after it move by the extra sequence number). A change that alters one byte of
 * a stock client's stream fails here.
 * <p>
 * To record the file again, deliberately: {@code -Dlumen.golden.write=true} (it is written under src/test/resources).
 */
class Rs8GoldenTest {

    private static final String GOLDEN = "rs8-golden.txt";
    private static final String PING = "0123456789ABCDEF";
    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899AABBCCDDEEFF");
    private static final long IV_COUNTER = 0x0123_4567_89AB_CDEFL;
    private static final long FRAME_NANOS = 16_666_667;
    /** Below what loopback takes from one sender, so no datagram is dropped by the kernel. */
    private static final long PACING = 400_000_000L;
    /** 50 B to 1.3 MB: one shard, one block, two, four, and a frame too big for FEC (four blocks without parity). */
    private static final int[] SIZES = {50, 1_000, 1_359, 10_000, 100_000, 400_000, 700_000, 1_300_000, 3_000};

    /** Time that moves only when the pacer waits, by as much as it asked, after really waiting that long. */
    private static final class SteppedClock implements VideoPacer.Clock {
        private long now = 1_000_000_000L;

        @Override
        public synchronized long nanoTime() {
            return now;
        }

        @Override
        public void parkNanos(long nanos) {
            LockSupport.parkNanos(nanos);
            synchronized (this) {
                now += nanos;
            }
        }

        synchronized void advance(long nanos) {
            now += nanos;
        }
    }

    @Test
    void clearAndEncryptedStreamsAreByteForByteAsRecorded() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.addAll(session("clear", VideoStreamParams.of(1392, Codec.H264, PING)));
        lines.addAll(session("encrypted", VideoStreamParams.of(1360, Codec.H264, PING).withEncryptionKey(KEY)));
        if (Boolean.getBoolean("lumen.golden.write")) {
            Path file = Path.of("src/test/resources/io/lumen/protocol/moonlight/impl/video", GOLDEN);
            Files.write(file, lines, StandardCharsets.US_ASCII);
            return;
        }
        try (InputStream recorded = Rs8GoldenTest.class.getResourceAsStream(GOLDEN)) {
            assertNotNull(recorded, GOLDEN + " is missing: the golden file is test data, record it once");
            List<String> expected = new String(recorded.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
            assertEquals(expected, lines);
        }
    }

    /** One session: a line per frame, "clear frame 3: 9 datagrams <sha-256 of them in order>". */
    private static List<String> session(String name, VideoStreamParams params) throws Exception {
        SteppedClock clock = new SteppedClock();
        Random random = new Random(20261207);
        List<byte[]> received = new ArrayList<>();
        List<Long> perFrame = new ArrayList<>();
        long sent;
        try (DatagramChannel client = DatagramChannel.open();
             VideoSender sender = new VideoSender(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     params.withPacing(PACING), new Rs8MoonlightService(), clock, IV_COUNTER)) {
            client.setOption(StandardSocketOptions.SO_RCVBUF, 16 << 20);
            client.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread reader = Thread.ofPlatform().name("golden-client").daemon().start(() -> read(client, received,
                    params.datagramBytes()));
            client.send(ByteBuffer.allocate(20).put(PING.getBytes(StandardCharsets.US_ASCII)).putInt(1).flip(),
                    sender.localAddress());
            sender.client().get(5, TimeUnit.SECONDS);
            long epoch = clock.nanoTime();
            for (int i = 0; i < SIZES.length; i++) {
                byte[] frame = Shards.annexB(random, SIZES[i], i == 0 || i == 5);
                long before = sender.streamStats().packetsSent();
                clock.advance(2_000_000); // the encoder's time: the latency field reads 2.0 ms
                sender.accept(new AccessUnit(i, epoch + i * FRAME_NANOS, i == 0 || i == 5, Codec.H264,
                        MemorySegment.ofArray(frame)));
                perFrame.add(sender.streamStats().packetsSent() - before);
            }
            sent = sender.streamStats().packetsSent();
            long all = sent;
            Poll.until(Duration.ofSeconds(10), () -> size(received) >= all); // the assertion below shows a shortfall
            client.close();
            reader.join(5_000);
        }
        assertEquals(sent, size(received), "every datagram the host sent was read (none dropped by the kernel)");
        List<String> lines = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < perFrame.size(); i++) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (long d = 0; d < perFrame.get(i); d++) {
                digest.update(received.get(next++));
            }
            lines.add(name + " frame " + (i + 1) + ": " + perFrame.get(i) + " datagrams "
                    + HexFormat.of().formatHex(digest.digest()));
        }
        return lines;
    }

    private static int size(List<byte[]> received) {
        synchronized (received) {
            return received.size();
        }
    }

    /** Reads every datagram until the channel is closed. */
    private static void read(DatagramChannel client, List<byte[]> received, int size) {
        ByteBuffer buffer = ByteBuffer.allocate(size + 1);
        try {
            while (true) {
                buffer.clear();
                client.receive(buffer);
                buffer.flip();
                byte[] datagram = new byte[buffer.remaining()];
                buffer.get(datagram);
                synchronized (received) {
                    received.add(datagram);
                }
            }
        } catch (IOException closed) {
            // the session is over
        }
    }
}
