package io.lumen.tools.controlflood;

import io.lumen.api.input.InputKind;
import io.lumen.api.input.MouseButton;
import io.lumen.protocol.moonlight.impl.control.ControlEndpoint;
import io.lumen.testkit.input.RecordingInput;
import io.lumen.testkit.moonlight.ClientInput;
import io.lumen.testkit.moonlight.ControlPortFlood;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.StreamingTestClient;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A host streams to the test client on loopback (input every 10 ms, video 640x360 at 30 fps) while strangers on other
 * sockets flood the launch's ENet control port: CONNECTs with wrong connect data, issue 19's 65-byte fragment bombs
 * and random bytes. Samples the host's heap after a full GC and the control port's ENet held bytes before, during and
 * after, and prints the growth against the control port's reassembly budget, with the client's input and video over
 * the same windows.
 */
public final class ControlFlood {

    private static final int CHUNK = 1_000;
    private static final int SAMPLE_EVERY = 25_000;
    private static final long MB = 1 << 20;
    /** How long the client's input and video are counted before and after the flood. */
    private static final long WINDOW_NANOS = 5_000_000_000L;

    private ControlFlood() {
    }

    /** One sample: heap used after a full GC and the ENet bytes held. */
    private record Sample(long heap, long held) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("connections")) {
            ConnectionFlood.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int bombs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int garbage = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int sources = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        long budget = ControlEndpoint.OPTIONS.maxHostWaitingData();
        List<String> journal = Collections.synchronizedList(new ArrayList<>());
        RecordingInput input = new RecordingInput("input", EnumSet.allOf(InputKind.class), journal);
        Path dir = Files.createTempDirectory("control-flood");
        try (InProcessHost host = new InProcessHost(dir, input)) {
            MoonlightTestClient client = host.pairedClient();
            try (StreamingTestClient stream = host.stream(client);
                 ControlPortFlood flood = new ControlPortFlood(
                         new InetSocketAddress("127.0.0.1", stream.handshake().controlPort()), sources, 19)) {
                run(host, stream, flood, journal, bombs, garbage, budget);
            }
        }
    }

    private static void run(InProcessHost host, StreamingTestClient stream, ControlPortFlood flood, List<String> journal,
                            int bombs, int garbage, long budget) throws Exception {
        AtomicBoolean clientOn = new AtomicBoolean(true);
        AtomicLong inputsSent = new AtomicLong();
        Thread clientThread = clientInput(stream, clientOn, inputsSent);
        LockSupport.parkNanos(3_000_000_000L);
        Sample quiet = median(host, 3);
        Window before = Window.open(stream, journal, inputsSent);
        LockSupport.parkNanos(WINDOW_NANOS);
        Sample baseline = median(host, 3);
        before.close(stream, journal, inputsSent);

        Window during = Window.open(stream, journal, inputsSent);
        int wrongData = (int) stream.handshake().connectData() ^ 0x5A5A5A5A;
        Sample peak = sample(host);
        long floodStart = System.nanoTime();
        int garbageEvery = garbage == 0 ? Integer.MAX_VALUE : Math.max(1, bombs / garbage);
        for (int sent = 0; sent < bombs; sent += CHUNK) {
            flood.connects(wrongData);
            flood.bombs(Math.min(CHUNK, bombs - sent));
            flood.garbage(Math.min(garbage, CHUNK / garbageEvery));
            if ((sent + CHUNK) % SAMPLE_EVERY == 0) {
                Sample now = sample(host);
                peak = new Sample(Math.max(peak.heap(), now.heap()), Math.max(peak.held(), now.held()));
            }
        }
        double floodSeconds = (System.nanoTime() - floodStart) / 1e9;
        Sample last = sample(host);
        peak = new Sample(Math.max(peak.heap(), last.heap()), Math.max(peak.held(), last.held()));
        during.close(stream, journal, inputsSent);

        LockSupport.parkNanos(2_000_000_000L);
        Window after = Window.open(stream, journal, inputsSent);
        LockSupport.parkNanos(WINDOW_NANOS);
        Sample settled = median(host, 3);
        after.close(stream, journal, inputsSent);
        clientOn.set(false);
        clientThread.join();

        System.out.printf(Locale.ROOT, "control port flood: %d datagrams (%d bytes) from %d sources in %.1f s: %d fragment bombs of %d"
                        + " bytes, %d wrong-data CONNECTs, random bytes; the host answered the strangers %d times%n",
                flood.sent(), flood.sentBytes(), flood.sources(), floodSeconds, bombs, ControlPortFlood.BOMB_BYTES,
                flood.connectsSent(), flood.answers());
        System.out.printf(Locale.ROOT, "budget: %d bytes held by the control port's ENet host (4 peers x 256 KiB)%n", budget);
        System.out.printf(Locale.ROOT, "heap after GC, streaming without a flood: %.1f MB, %.1f s later %.1f MB (%+d bytes"
                        + " = %.2f x budget: the drift of the stream itself, the peer of the figures below)%n",
                quiet.heap() / (double) MB, before.seconds, baseline.heap() / (double) MB, baseline.heap() - quiet.heap(),
                (baseline.heap() - quiet.heap()) / (double) budget);
        System.out.printf(Locale.ROOT, "heap after GC: before %.1f MB, peak during %.1f MB, after %.1f MB; growth during %+d bytes"
                        + " = %.2f x budget, after %+d bytes = %.2f x budget%n",
                baseline.heap() / (double) MB, peak.heap() / (double) MB, settled.heap() / (double) MB,
                peak.heap() - baseline.heap(), (peak.heap() - baseline.heap()) / (double) budget,
                settled.heap() - baseline.heap(), (settled.heap() - baseline.heap()) / (double) budget);
        System.out.printf(Locale.ROOT, "ENet held bytes: before %d, peak during %d (%.3f x budget), after %d%n",
                baseline.held(), peak.held(), peak.held() / (double) budget, settled.held());
        System.out.println("client, before: " + before);
        System.out.println("client, during: " + during + (before.framesPerSecond() > 0 ? String.format(Locale.ROOT,
                " (video %.2f x before)", during.framesPerSecond() / before.framesPerSecond()) : ""));
        System.out.println("client, after:  " + after);
        System.out.println("host's count:   " + host.report().get("foreign packets"));
    }

    /** The client's own load: a mouse button every 10 ms over the control stream, the video drained as it comes. */
    static Thread clientInput(StreamingTestClient stream, AtomicBoolean on, AtomicLong sent) {
        return Thread.ofPlatform().name("client-input").start(() -> {
            for (int i = 0; on.get(); i++) {
                stream.control().sendInput(ClientInput.mouseButton(MouseButton.LEFT, i % 2 == 0));
                sent.incrementAndGet();
                stream.video().drain();
                LockSupport.parkNanos(10_000_000);
            }
        });
    }

    /** The client's input that reached the backend and the video frames it completed over one window. */
    static final class Window {
        private final long start = System.nanoTime();
        private final long framesAtStart;
        private final long inputsAtStart;
        private final int seenAtStart;
        private double seconds;
        private long frames;
        private long inputsSent;
        private long inputsSeen;

        private Window(long frames, long inputs, int seen) {
            this.framesAtStart = frames;
            this.inputsAtStart = inputs;
            this.seenAtStart = seen;
        }

        static Window open(StreamingTestClient stream, List<String> journal, AtomicLong inputsSent) {
            return new Window(stream.video().stats().framesComplete(), inputsSent.get(), journal.size());
        }

        void close(StreamingTestClient stream, List<String> journal, AtomicLong sent) {
            seconds = (System.nanoTime() - start) / 1e9;
            frames = stream.video().stats().framesComplete() - framesAtStart;
            inputsSent = sent.get() - inputsAtStart;
            inputsSeen = journal.size() - seenAtStart;
        }

        double framesPerSecond() {
            return frames / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f s, video %.1f frames/s, input %d sent, %d reached the backend",
                    seconds, framesPerSecond(), inputsSent, inputsSeen);
        }
    }

    private static Sample median(InProcessHost host, int count) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            samples.add(sample(host));
        }
        samples.sort((a, b) -> Long.compare(a.heap(), b.heap()));
        return samples.get(count / 2);
    }

    private static Sample sample(InProcessHost host) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Object held = host.report().get("control held");
        return new Sample(heap, held == null ? -1 : Long.parseLong(held.toString().split(" ")[0]));
    }
}
