package io.lumen.tools.streambench;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.Codec;
import io.lumen.fec.leopard.impl.Leopard16Service;
import io.lumen.protocol.moonlight.impl.video.VideoFecScheme;
import io.lumen.protocol.moonlight.impl.video.VideoSender;
import io.lumen.protocol.moonlight.impl.video.VideoStreamParams;
import io.lumen.protocol.moonlight.impl.video.VideoStreamStats;
import io.lumen.testkit.Poll;
import io.lumen.testkit.moonlight.ReceivedFrame;
import io.lumen.testkit.moonlight.VideoReceiver;
import io.lumen.testkit.moonlight.VideoReceiverStats;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * leopard16's figures: the host's time for one 4 MB frame (access unit in to its last datagram sent: one FEC block
 * of ~3100 shards coded, sealed, sent) against the 8 ms, and the reference client's receive side (the test
 * kit's VideoReceiver: batched reads, decryption, Leopard reassembly) taking a stream paced at 3 Gbit/s.
 */
final class Leopard16Rounds {

    private static final FecCodec FEC = new Leopard16Service();
    private static final String PING = "L30PARD123456789";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int FRAME_BYTES = 4 << 20;
    private static final double HOST_TIME_GOAL_MS = 8;
    private static final long UNPACED_BPS = 1_000_000_000_000L;
    /** Untimed frames first: C2 compiles the codec's kernels and the sealing over the first few dozen. */
    private static final int WARM_UP_FRAMES = 40;

    private Leopard16Rounds() {
    }

    static void run(byte[] key, int hostFrames, long clientBps, int clientFrameBytes, int clientSeconds)
            throws Exception {
        try (Arena arena = Arena.ofShared(); CountingClient client = new CountingClient(true, 32 << 20)) {
            MemorySegment frame = annexB(FRAME_BYTES, arena);
            System.out.printf(Locale.ROOT, "%nleopard16 host time, one %d-byte frame at a time (FEC 20%%, unpaced,"
                    + " GSO), %d frames; goal <= %.0f ms%n", FRAME_BYTES, hostFrames, HOST_TIME_GOAL_MS);
            System.out.printf(Locale.ROOT, "%-8s %9s %8s %8s %8s %9s %10s%n", "mode", "datagrams", "p50 ms", "p99 ms",
                    "max ms", "p99/goal", "CPU ms/f");
            for (byte[] modeKey : new byte[][] {null, key}) {
                hostTime(modeKey, frame, hostFrames, client);
            }
            System.out.printf(Locale.ROOT, "%nreference client receive (test kit VideoReceiver: recvmmsg+GRO, AES-GCM,"
                    + " Leopard reassembly), leopard16 paced at %.1f Gbit/s, %d-byte frames, %d s%n",
                    clientBps / 1e9, clientFrameBytes, clientSeconds);
            System.out.printf(Locale.ROOT, "%-8s %9s %9s %9s %9s %8s %12s%n", "mode", "sent Gb/s", "frames", "complete",
                    "lost", "repaired", "socket drops");
            MemorySegment clientFrame = annexB(clientFrameBytes, arena);
            for (byte[] modeKey : new byte[][] {null, key}) {
                clientReceive(modeKey, clientFrame, clientBps, clientSeconds);
            }
        }
    }

    private static VideoStreamParams params(byte[] key, long pacingBps) {
        return new VideoStreamParams(key == null ? 1392 : 1360, 20, 2, key, Codec.H264, PING, true, null, 0,
                pacingBps, VideoFecScheme.LEOPARD16);
    }

    private static void hostTime(byte[] key, MemorySegment frame, int frames, CountingClient client)
            throws Exception {
        VideoStreamStats stats;
        long cpu;
        try (VideoSender sender = new VideoSender(new InetSocketAddress(LOOPBACK, 0), params(key, UNPACED_BPS), FEC)) {
            client.ping(sender.localAddress(), PING);
            sender.client().get(5, TimeUnit.SECONDS);
            for (int i = 0; i < WARM_UP_FRAMES; i++) { // the JIT and the codec's tables
                sender.accept(new AccessUnit(i, System.nanoTime(), true, Codec.H264, frame));
            }
            cpu = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < frames; i++) {
                sender.accept(new AccessUnit(i, System.nanoTime(), true, Codec.H264, frame));
            }
            cpu = THREADS.getCurrentThreadCpuTime() - cpu;
            stats = sender.streamStats();
        }
        double p99 = stats.hostTimeP99Nanos() / 1e6;
        System.out.printf(Locale.ROOT, "%-8s %9d %8.2f %8.2f %8.2f %9.2f %10.2f%n", key == null ? "clear" : "AES-GCM",
                stats.packetsSent() / stats.framesSent(), stats.hostTimeP50Nanos() / 1e6, p99,
                stats.hostTimeMaxNanos() / 1e6, p99 / HOST_TIME_GOAL_MS, cpu / 1e6 / frames);
    }

    private static void clientReceive(byte[] key, MemorySegment frame, long bps, int seconds) throws Exception {
        VideoReceiver.Options options = VideoReceiver.Options.of(key == null ? 1392 : 1360, PING, FEC);
        AtomicLong complete = new AtomicLong();
        VideoReceiverStats stats;
        long socketDrops;
        long sentBytes;
        long nanos;
        try (VideoSender sender = new VideoSender(new InetSocketAddress(LOOPBACK, 0), params(key, bps), FEC);
             VideoReceiver receiver = new VideoReceiver(sender.localAddress(),
                     key == null ? options : options.withKey(key))) {
            sender.client().get(5, TimeUnit.SECONDS);
            Thread drain = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        ReceivedFrame received = receiver.next(Duration.ofMillis(200));
                        if (received != null) {
                            complete.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            for (long i = 0; System.nanoTime() < end; i++) {
                sender.accept(new AccessUnit(i, System.nanoTime(), i == 0, Codec.H264, frame));
            }
            nanos = System.nanoTime() - start;
            VideoStreamStats sent = sender.streamStats();
            sentBytes = sent.bytesSent();
            receiver.awaitDatagrams(sent.packetsSent(), Duration.ofSeconds(10));
            Poll.until(Duration.ofSeconds(5),
                    () -> complete.get() + receiver.stats().framesLost() >= sent.framesSent());
            drain.interrupt();
            stats = receiver.stats();
            socketDrops = receiver.socketDrops();
            System.out.printf(Locale.ROOT, "%-8s %9.2f %9d %9d %9d %8d %12d%n", key == null ? "clear" : "AES-GCM",
                    sentBytes * 8.0 / nanos, sent.framesSent(), complete.get(), stats.framesLost(),
                    stats.framesRecovered(), socketDrops);
        }
    }

    private static MemorySegment annexB(int size, Arena arena) {
        MemorySegment data = arena.allocate(size);
        SplittableRandom random = new SplittableRandom(size);
        for (long i = 0; i + Long.BYTES <= size; i += Long.BYTES) {
            data.set(ValueLayout.JAVA_LONG_UNALIGNED, i, random.nextLong());
        }
        MemorySegment.copy(new byte[] {0, 0, 0, 1, 0x65}, 0, data, ValueLayout.JAVA_BYTE, 0, 5);
        return data;
    }
}
