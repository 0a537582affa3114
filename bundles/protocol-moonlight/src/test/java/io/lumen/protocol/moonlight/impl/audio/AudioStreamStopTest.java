package io.lumen.protocol.moonlight.impl.audio;

import io.lumen.fec.leopard.impl.Rs8AudioService;
import io.lumen.nativeaccess.net.UdpSocket;
import io.lumen.protocol.moonlight.impl.fec.FecCodecSource;
import io.lumen.protocol.moonlight.impl.net.UdpSockets;
import io.lumen.testkit.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.lang.foreign.Arena;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ending the audio stream frees its thread and its port even while strangers flood the port. */
@Timeout(120)
class AudioStreamStopTest {

    private static final byte[] PING = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final int FLOODERS = 2;
    private static final int BATCH = 64;
    private static final int DATAGRAM_BYTES = 8;

    @Test
    void closingUnderAFloodEndsTheListenerAndFreesThePort() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        DatagramChannel bound = UdpSockets.bind(new InetSocketAddress(loopback, 0));
        // a deep queue, so the flood never lets the listener find the socket empty (a LAN flood would not either)
        bound.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        AudioStream stream = AudioStream.start(AudioStreamParams.stereo(PING), bound,
                FecCodecSource.of(new Rs8AudioService()));
        InetSocketAddress target = stream.localAddress();
        String threadName = "lumen-audio-" + target.getPort();
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        List<Thread> flooders = new ArrayList<>();
        for (int i = 0; i < FLOODERS; i++) {
            flooders.add(Thread.ofPlatform().name("flooder-" + i).start(() -> flood(target, flooding, sent)));
        }
        try {
            assertTrue(Poll.until(Duration.ofSeconds(10), () -> stream.streamStats().foreignDropped() > 1000),
                    "the flood reaches the audio port");
            CompletableFuture<Void> closing = CompletableFuture.runAsync(stream::close);
            assertTrue(Poll.until(Duration.ofSeconds(3), closing::isDone),
                    "close returned while the flood went on (" + sent.get() + " datagrams sent)");
            assertTrue(Poll.until(Duration.ofSeconds(10), () -> !threadAlive(threadName)), threadName + " ended");
            try (DatagramSocket again = new DatagramSocket(target)) {
                assertTrue(again.isBound(), "the port is free again");
            }
        } finally {
            flooding.set(false);
            for (Thread flooder : flooders) {
                flooder.join();
            }
            stream.close();
        }
    }

    /** Strangers' datagrams in batches of {@link #BATCH} a call (UDP GSO where the kernel has it). */
    private static void flood(InetSocketAddress target, AtomicBoolean flooding, AtomicLong sent) {
        try (Arena arena = Arena.ofConfined();
             UdpSocket socket = UdpSocket.open(new InetSocketAddress(target.getAddress(), 0))) {
            MemorySegment region = arena.allocate((long) BATCH * DATAGRAM_BYTES);
            while (flooding.get()) {
                socket.sendBatch(region, DATAGRAM_BYTES, BATCH, target);
                sent.addAndGet(BATCH);
            }
        } catch (IOException e) {
            // the port closed under the flood (ICMP unreachable): nothing left to flood
        }
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
