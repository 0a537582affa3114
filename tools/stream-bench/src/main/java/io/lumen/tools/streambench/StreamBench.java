package io.lumen.tools.streambench;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.Codec;
import io.lumen.fec.leopard.impl.Kernels;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.protocol.moonlight.impl.video.VideoFecScheme;
import io.lumen.protocol.moonlight.impl.video.VideoSender;
import io.lumen.protocol.moonlight.impl.video.VideoStreamParams;
import io.lumen.protocol.moonlight.impl.video.VideoStreamStats;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;

/**
 * The Moonlight video send path on loopback: {@link VideoSender} (packetizing, rs8-moonlight FEC at 20%, AES-GCM
 * or not, pacing, UDP) fed synthetic access units, against a bare DatagramChannel loop sending the same datagrams
 * in the same run; the default pacing's effect; and the sender's own per-frame host time when frames come at
 * 60 per second, against the frame interval. See README.md.
 */
public final class StreamBench {

    /** How the stream is set up: what the client announced, and the key when video is encrypted. */
    private record Mode(String name, int packetSize, byte[] key) {
    }

    /** One run of one sender over a workload: what it sent, how long and how much CPU that took, what arrived. */
    private record SendRun(long frames, long datagrams, long bytes, long nanos, long cpuNanos, long received) {

        double fps() {
            return frames * 1e9 / nanos;
        }

        double gbps() {
            return bytes * 8.0 / nanos;
        }

        double cpuMicrosPerDatagram() {
            return cpuNanos / 1e3 / datagrams;
        }

        double receivedShare() {
            return (double) received / datagrams;
        }
    }

    private static final FecCodec FEC = new Rs8MoonlightService();
    private static final String PING = "B3NCH0123456789A";
    private static final byte[] KEY = HexFormat.of().parseHex("5EA186FFBA663C75AEC82187CE502647");
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** What Moonlight clients announce by default. */
    private static final int PACKET_SIZE = 1392;
    private static final int ENC_HEADER_BYTES = 32;
    private static final int FEC_PERCENT = 20;
    /** Clients ask for at least 2 parity shards a block. */
    private static final int MIN_PARITY = 2;
    private static final List<Mode> MODES = List.of(
            new Mode("clear", PACKET_SIZE, null),
            // the client announces the packet size less the encryption header, so the datagrams stay as big
            new Mode("AES-GCM", PACKET_SIZE - ENC_HEADER_BYTES, KEY));
    /** A cap far above anything loopback reaches: the pacer then never waits. */
    private static final long UNPACED_BPS = 1_000_000_000_000L;
    /** Slow enough that the test kit's receiver (one thread, a copy per datagram) keeps up on a busy machine. */
    private static final long CHECK_PACING_BPS = 100_000_000L;
    private static final int CHECK_FRAMES = 12;
    private static final long FRAME_INTERVAL_NANOS = 1_000_000_000L / Workload.FPS;

    /** The send-path rounds carry this many times the access units' MB a turn: enough for a second at 8 Gbit/s. */
    private static final int SEND_PATH_FACTOR = 20;
    private static final long[] RECEIVE_RATES_BPS = {3_000_000_000L, 6_000_000_000L};
    /** The throughput runs' reader: past net.core.rmem_max where the process may, so it is never the limit. */
    private static final int CLIENT_BUFFER_BYTES = 32 << 20;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** 4 MB frames timed for the leopard16 host-time goal. */
    private static final int LEOPARD_FRAMES = 100;

    private StreamBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("leopard16")) {
            Leopard16Rounds.run(KEY, LEOPARD_FRAMES, 3_000_000_000L, 1 << 20, 5);
            return;
        }
        long roundBytes = (args.length > 0 ? Long.parseLong(args[0]) : 100) * 1_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int pacedFrames = args.length > 2 ? Integer.parseInt(args[2]) : 600;
        String vector = Kernels.vectorUnavailableReason();
        System.out.printf(Locale.ROOT, "stream-bench: JDK %s, %d cores, load average %.2f, rs8-moonlight %s kernels;"
                        + " packet size %d, FEC %d%% (min %d), loopback%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                vector == null ? "vector" : "scalar (" + vector + ")", PACKET_SIZE, FEC_PERCENT, MIN_PARITY);
        try (Arena arena = Arena.ofShared(); CountingClient client = new CountingClient(true, CLIENT_BUFFER_BYTES)) {
            List<Workload> bitrates = List.of(Workload.ofBitrate(20, arena), Workload.ofBitrate(50, arena),
                    Workload.ofBitrate(100, arena));
            List<List<Workload>> workloads = new ArrayList<>();
            for (Mode mode : MODES) {
                List<Workload> list = new ArrayList<>(bitrates);
                list.add(Workload.largestFecFrame(mode.packetSize(), FEC_PERCENT, arena));
                workloads.add(list);
            }
            rebuildCheck(workloads);
            int datagramBytes = params(MODES.getFirst(), 0, UNPACED_BPS).datagramBytes(); // 1408 in both modes
            try (CountingClient oneByOne = new CountingClient(false, CLIENT_BUFFER_BYTES)) {
                SendPathRounds.run(oneByOne, client, datagramBytes, KEY, roundBytes * SEND_PATH_FACTOR, rounds);
            }
            ReceiveRounds.run(datagramBytes, RECEIVE_RATES_BPS, 1.0);
            double[][] unpacedGbps = throughput(workloads, client, roundBytes, rounds);
            defaultPacing(workloads.getFirst(), unpacedGbps[0], client);
            hostTimes(bitrates.subList(0, 2), client, pacedFrames);
        }
        Leopard16Rounds.run(KEY, LEOPARD_FRAMES, 3_000_000_000L, 1 << 20, 5);
    }

    private static VideoStreamParams params(Mode mode, int bitrateKbps, long pacingBps) {
        return new VideoStreamParams(mode.packetSize(), FEC_PERCENT, MIN_PARITY, mode.key(), Codec.H264, PING, true,
                null, bitrateKbps, pacingBps, VideoFecScheme.RS8_MOONLIGHT);
    }

    /** A sender on a free loopback port that has had the client's ping. */
    private static VideoSender open(VideoStreamParams params, CountingClient client) throws Exception {
        VideoSender sender = new VideoSender(new InetSocketAddress(LOOPBACK, 0), params, FEC);
        try {
            client.ping(sender.localAddress(), PING);
            sender.client().get(5, TimeUnit.SECONDS);
            return sender;
        } catch (Exception e) {
            sender.close();
            throw e;
        }
    }

    private static AccessUnit unit(Workload workload, long frame, long captureNanos) {
        return new AccessUnit(frame, captureNanos, workload.keyframe(frame), Codec.H264, workload.data(frame));
    }

    /**
     * The test kit's client (moonlight-common-c's rules, sharing no code with the host) receives a few frames of
     * every workload, keyframe first, and each must come back byte for byte: the bench measures a path that works.
     */
    private static void rebuildCheck(List<List<Workload>> workloads) throws Exception {
        for (int m = 0; m < MODES.size(); m++) {
            Mode mode = MODES.get(m);
            int rebuilt = 0;
            int total = 0;
            long lost = 0;
            long kernelDropped = 0;
            List<String> withoutFec = new ArrayList<>();
            for (Workload workload : workloads.get(m)) {
                VideoReceiver.Options options = VideoReceiver.Options.of(mode.packetSize(), PING, FEC);
                try (VideoSender sender = new VideoSender(new InetSocketAddress(LOOPBACK, 0),
                        params(mode, workload.bitrateKbps(), CHECK_PACING_BPS), FEC);
                     VideoReceiver receiver = new VideoReceiver(sender.localAddress(),
                             mode.key() == null ? options : options.withKey(mode.key()))) {
                    sender.client().get(5, TimeUnit.SECONDS);
                    for (int i = 0; i < CHECK_FRAMES; i++) {
                        sender.accept(unit(workload, i, System.nanoTime()));
                    }
                    total += CHECK_FRAMES;
                    VideoStreamStats senderStats = sender.streamStats();
                    if (senderStats.framesWithoutFec() > 0) {
                        withoutFec.add(senderStats.framesWithoutFec() + " of " + workload.name());
                    }
                    receiver.awaitDatagrams(senderStats.packetsSent(), Duration.ofSeconds(10));
                    for (ReceivedFrame frame : receiver.drain()) {
                        long index = frame.frameIndex() - 1; // the sender numbers frames from 1
                        byte[] expected = workload.data(index).toArray(ValueLayout.JAVA_BYTE);
                        if (Arrays.equals(expected, frame.data()) && frame.idr() == workload.keyframe(index)) {
                            rebuilt++;
                        }
                    }
                    VideoReceiverStats receiverStats = receiver.stats();
                    lost += receiverStats.framesLost();
                    kernelDropped += senderStats.packetsSent() - receiverStats.datagramsReceived();
                }
            }
            System.out.printf(Locale.ROOT, "rebuild check, %s (test kit VideoReceiver, paced at %d Mbit/s): %d of %d"
                            + " frames rebuilt byte for byte, %d lost, %d datagrams dropped by the kernel; sent without"
                            + " FEC (over 4 blocks): %s%n", mode.name(), CHECK_PACING_BPS / 1_000_000, rebuilt, total,
                    lost, kernelDropped,
                    withoutFec.isEmpty() ? "none" : String.join(", ", withoutFec));
        }
    }

    /**
     * Unpaced: each workload and mode gets a warm-up, then lumen and the raw peer take turns (the first of the two
     * alternating) for the given rounds. Returns lumen's median Gbit/s per mode and workload.
     */
    private static double[][] throughput(List<List<Workload>> workloads, CountingClient client, long roundBytes,
                                         int rounds) throws Exception {
        System.out.printf(Locale.ROOT, "%nthroughput, unpaced (pacing cap %d Gbit/s), about %d MB of access units a"
                        + " round, median of %d rounds; raw UDP = the same datagrams from a bare DatagramChannel loop (SendPaths.channel);"
                        + " both drained by one plain socket reader%n", UNPACED_BPS / 1_000_000_000,
                roundBytes / 1_000_000, rounds);
        System.out.printf(Locale.ROOT, "%-32s %-7s %6s %6s | %9s %7s %8s %6s | %9s %7s %8s %6s | %-20s %s%n",
                "workload", "mode", "frames", "B/dgm", "lumen f/s", "Gbit/s", "CPUus/dg", "read", "raw f/s",
                "Gbit/s", "CPUus/dg", "read", "lumen/raw rate", "CPU/dg");
        double[][] lumenGbps = new double[MODES.size()][];
        for (int m = 0; m < MODES.size(); m++) {
            Mode mode = MODES.get(m);
            List<Workload> list = workloads.get(m);
            lumenGbps[m] = new double[list.size()];
            for (int w = 0; w < list.size(); w++) {
                Workload workload = list.get(w);
                VideoStreamParams params = params(mode, workload.bitrateKbps(), UNPACED_BPS);
                int[] packets = packetsPerFrame(workload, params, client);
                int frames = workload.framesFor(roundBytes);
                List<SendRun> lumen = new ArrayList<>();
                List<SendRun> raw = new ArrayList<>();
                try (SendPaths.Sender peer = SendPaths.channel(params.datagramBytes(), null)) {
                    lumenRun(workload, params, frames, client); // warm-up
                    rawRun(workload, packets, params.datagramBytes(), frames, peer, client);
                    for (int round = 0; round < rounds; round++) {
                        if (round % 2 == 0) {
                            lumen.add(lumenRun(workload, params, frames, client));
                            raw.add(rawRun(workload, packets, params.datagramBytes(), frames, peer, client));
                        } else {
                            raw.add(rawRun(workload, packets, params.datagramBytes(), frames, peer, client));
                            lumen.add(lumenRun(workload, params, frames, client));
                        }
                    }
                }
                double[] rateRatios = new double[rounds];
                double[] cpuRatios = new double[rounds];
                for (int round = 0; round < rounds; round++) {
                    rateRatios[round] = lumen.get(round).gbps() / raw.get(round).gbps();
                    cpuRatios[round] = lumen.get(round).cpuMicrosPerDatagram() / raw.get(round).cpuMicrosPerDatagram();
                }
                lumenGbps[m][w] = median(lumen, SendRun::gbps);
                System.out.printf(Locale.ROOT, "%-32s %-7s %6d %6d | %9.0f %7.2f %8.2f %5.1f%% | %9.0f %7.2f %8.2f"
                                + " %5.1f%% | %-20s %s%n", workload.name(), mode.name(), frames,
                        params.datagramBytes(), median(lumen, SendRun::fps), lumenGbps[m][w],
                        median(lumen, SendRun::cpuMicrosPerDatagram), 100 * median(lumen, SendRun::receivedShare),
                        median(raw, SendRun::fps), median(raw, SendRun::gbps),
                        median(raw, SendRun::cpuMicrosPerDatagram), 100 * median(raw, SendRun::receivedShare),
                        withRange(rateRatios), withRange(cpuRatios));
            }
        }
        return lumenGbps;
    }

    /**
     * Datagrams per keyframe and per P-frame, read from a sender's own counters, so the raw peer sends exactly
     * as many. Also checks the sizes the workload promises: every datagram as big as the parameters say, and the
     * largest FEC frame in 4 protected blocks while one byte more goes without FEC.
     */
    private static int[] packetsPerFrame(Workload workload, VideoStreamParams params, CountingClient client)
            throws Exception {
        try (VideoSender sender = open(params, client)) {
            sender.accept(unit(workload, 0, System.nanoTime()));
            VideoStreamStats afterKey = sender.streamStats();
            sender.accept(unit(workload, 1, System.nanoTime()));
            VideoStreamStats afterP = sender.streamStats();
            if (afterP.framesSent() != 2 || afterP.bytesSent() != afterP.packetsSent() * params.datagramBytes()) {
                throw new IllegalStateException(workload.name() + ": not sent as expected: " + afterP);
            }
            if (workload.pFrameBytes() == Workload.largestFecFrameBytes(params.packetSize(), params.fecPercent())) {
                try (Arena scratch = Arena.ofConfined()) {
                    MemorySegment oneMore = scratch.allocate(workload.pFrameBytes() + 1L);
                    sender.accept(new AccessUnit(2, System.nanoTime(), false, Codec.H264, oneMore));
                }
                VideoStreamStats edge = sender.streamStats();
                if (afterP.framesWithoutFec() != 0 || afterP.fecBlocks() != 8 || edge.framesWithoutFec() != 1) {
                    throw new IllegalStateException(workload.name() + " is not the largest frame with FEC: " + edge);
                }
            }
            return new int[] {(int) afterKey.packetsSent(), (int) (afterP.packetsSent() - afterKey.packetsSent())};
        }
    }

    /** Frames as fast as the sender takes them, on this thread (the sending thread, as the encode thread is). */
    private static SendRun lumenRun(Workload workload, VideoStreamParams params, int frames, CountingClient client)
            throws Exception {
        try (VideoSender sender = open(params, client)) {
            long readBefore = client.datagrams();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                sender.accept(unit(workload, i, System.nanoTime()));
            }
            long nanos = System.nanoTime() - start;
            cpu = THREADS.getCurrentThreadCpuTime() - cpu;
            VideoStreamStats stats = sender.streamStats();
            if (stats.framesSent() != frames) {
                throw new IllegalStateException(workload.name() + ": " + stats.framesSent() + " of " + frames
                        + " frames sent: " + stats);
            }
            long read = client.awaitDatagrams(readBefore + stats.packetsSent()) - readBefore;
            return new SendRun(frames, stats.packetsSent(), stats.bytesSent(), nanos, cpu, read);
        }
    }

    private static SendRun rawRun(Workload workload, int[] packets, int datagramBytes, int frames,
                                  SendPaths.Sender peer, CountingClient client) throws Exception {
        long readBefore = client.datagrams();
        long datagrams = 0;
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            int count = workload.keyframe(i) ? packets[0] : packets[1];
            peer.send(count, client.address());
            datagrams += count;
        }
        long nanos = System.nanoTime() - start;
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        long read = client.awaitDatagrams(readBefore + datagrams) - readBefore;
        return new SendRun(frames, datagrams, datagrams * datagramBytes, nanos, cpu, read);
    }

    /**
     * The same workloads with the pacing the stream would have (10 times the bitrate on the wire, parity and
     * headers counted, within 100..800 Mbit/s), frames still offered as fast as the sender takes them: one
     * keyframe interval each, clear, against the cap.
     */
    private static void defaultPacing(List<Workload> workloads, double[] unpacedGbps, CountingClient client)
            throws Exception {
        Mode mode = MODES.getFirst();
        System.out.printf(Locale.ROOT, "%ndefault pacing (20 x the wire bitrate within 100..800 Mbit/s), %s, %d frames each,"
                + " offered as fast as taken%n", mode.name(), Workload.KEYFRAME_INTERVAL);
        System.out.printf(Locale.ROOT, "%-32s %10s %9s %7s %10s %14s %14s%n", "workload", "cap Mbit/s", "f/s",
                "Gbit/s", "sent/cap", "paced/unpaced", "f/s / 60 fps");
        for (int w = 0; w < workloads.size(); w++) {
            Workload workload = workloads.get(w);
            VideoStreamParams params = params(mode, workload.bitrateKbps(), 0);
            SendRun run = lumenRun(workload, params, Workload.KEYFRAME_INTERVAL, client);
            System.out.printf(Locale.ROOT, "%-32s %10d %9.0f %7.3f %10.2f %14.2f %14.1f%n", workload.name(),
                    params.pacingRate() / 1_000_000, run.fps(), run.gbps(), run.gbps() * 1e9 / params.pacingRate(),
                    run.gbps() / unpacedGbps[w], run.fps() / Workload.FPS);
        }
    }

    /**
     * Frames offered on a 60 fps schedule with the default pacing, as an encoder delivers them: the sender's own
     * host time (access unit in to last packet sent, its HostTimes over the most recent 512 frames) against the
     * frame interval, keyframes timed here around accept, and the sending thread's CPU per frame.
     */
    private static void hostTimes(List<Workload> workloads, CountingClient client, int frames) throws Exception {
        double limitMs = FRAME_INTERVAL_NANOS / 1e6;
        System.out.printf(Locale.ROOT, "%nhost time at 60 fps, default pacing, %d frames (%.0f s) each; limit = the"
                + " frame interval, %.2f ms%n", frames, frames / (double) Workload.FPS, limitMs);
        System.out.printf(Locale.ROOT, "%-32s %-7s %6s | %7s %7s %7s %8s | %9s %8s | %10s %9s | %s%n", "workload",
                "mode", "cap", "p50 ms", "p99 ms", "max ms", "max/lim", "key ms", "key/lim", "CPU ms/f", "CPU/lim",
                "late");
        for (Workload workload : workloads) {
            for (Mode mode : MODES) {
                VideoStreamParams params = params(mode, workload.bitrateKbps(), 0);
                long[] keyNanos = new long[(frames + Workload.KEYFRAME_INTERVAL - 1) / Workload.KEYFRAME_INTERVAL];
                int keys = 0;
                int late = 0;
                long cpu;
                VideoStreamStats stats;
                try (VideoSender sender = open(params, client)) {
                    cpu = THREADS.getCurrentThreadCpuTime();
                    long due = System.nanoTime();
                    for (int i = 0; i < frames; i++) {
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        long in = System.nanoTime();
                        sender.accept(unit(workload, i, in));
                        long out = System.nanoTime();
                        if (workload.keyframe(i)) {
                            keyNanos[keys++] = out - in;
                        }
                        due += FRAME_INTERVAL_NANOS;
                        if (out > due) {
                            late++; // the next frame was due before this one was out
                        }
                    }
                    cpu = THREADS.getCurrentThreadCpuTime() - cpu;
                    stats = sender.streamStats();
                }
                Arrays.sort(keyNanos, 0, keys);
                double keyMs = keyNanos[keys / 2] / 1e6;
                double cpuMs = cpu / 1e6 / frames;
                System.out.printf(Locale.ROOT, "%-32s %-7s %6d | %7.2f %7.2f %7.2f %8.2f | %9.2f %8.2f | %10.3f %9.3f"
                                + " | %d%n", workload.name(), mode.name(), params.pacingRate() / 1_000_000,
                        stats.hostTimeP50Nanos() / 1e6, stats.hostTimeP99Nanos() / 1e6, stats.hostTimeMaxNanos() / 1e6,
                        stats.hostTimeMaxNanos() / 1e6 / limitMs, keyMs, keyMs / limitMs, cpuMs, cpuMs / limitMs,
                        late);
            }
        }
    }

    private static double median(List<SendRun> runs, ToDoubleFunction<SendRun> metric) {
        double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
        return values[values.length / 2];
    }

    /** The median, then the lowest and highest of the rounds. */
    private static String withRange(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.2f (%.2f..%.2f)", sorted[sorted.length / 2], sorted[0],
                sorted[sorted.length - 1]);
    }
}
