package io.lumen.tools.inputbench;

import io.lumen.api.backend.BackendException;
import io.lumen.api.input.InputBackend;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.MouseMove;
import io.lumen.api.media.VideoMode;
import io.lumen.api.session.StreamRequest;
import io.lumen.input.x11.impl.X11InputBackend;
import io.lumen.protocol.moonlight.impl.control.ControlCipher;
import io.lumen.protocol.moonlight.impl.control.ControlListener;
import io.lumen.protocol.moonlight.impl.control.ControlMessage;
import io.lumen.protocol.moonlight.impl.control.ControlSession;
import io.lumen.protocol.moonlight.impl.control.FrameFecStatus;
import io.lumen.protocol.moonlight.impl.input.SessionInput;
import io.lumen.session.impl.backend.Backends;
import io.lumen.session.impl.backend.Registration;
import io.lumen.session.impl.pipeline.PipelineSettings;
import io.lumen.session.impl.pipeline.SessionPipeline;
import io.lumen.testkit.moonlight.ClientInput;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Mouse moves at a steady rate into a private X server, two ways, each for the same time:
 * <ul>
 * <li>XTest alone: the x11 backend's session called directly (the floor: what injecting costs at all);</li>
 * <li>lumen: each move sealed as the client seals it (AES-GCM, control stream v2), then opened by the host's
 * control session, decoded, handed to the session's input stage and injected by the same backend, timed from the
 * moment the host has the datagram's payload, as the host measures a session's input latency.</li>
 * </ul>
 * Prints each run's latency p50/p99/max against the 1 ms goal, the injecting thread's CPU and the X server's, per
 * second, and lumen's cost against XTest alone's.
 */
public final class InputBench {

    private static final System.Logger LOG = System.getLogger("lumen.input-bench");
    private static final long GOAL_NANOS = 1_000_000;

    private InputBench() {
    }

    /** A run's figures: latencies of every event, CPU seconds of the thread and of the X server. */
    private record Run(String name, long[] latencies, double threadCpu, double serverCpu, double seconds) {

        long quantile(double q) {
            return latencies[(int) Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
        }

        String describe() {
            return String.format(Locale.ROOT, "%-12s %7d events  latency p50 %6.1f us  p99 %6.1f us  max %7.1f us"
                            + "  (p99 %.2f of the 1 ms goal)  CPU: injecting thread %5.2f%%, X server %5.2f%% of a core",
                    name, latencies.length, quantile(0.5) / 1e3, quantile(0.99) / 1e3,
                    latencies[latencies.length - 1] / 1e3, quantile(0.99) / (double) GOAL_NANOS,
                    100 * threadCpu / seconds, 100 * serverCpu / seconds);
        }
    }

    /** One event of a run: injects move {@code i}; returns the nanoTime its timing starts at. */
    @FunctionalInterface
    private interface Step {
        long inject(int i) throws BackendException;
    }

    public static void main(String[] args) throws Exception {
        long serverPid = Long.parseLong(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        X11InputBackend backend = new X11InputBackend();
        if (!backend.probe().available()) {
            throw new IllegalStateException("x11 input " + backend.probe());
        }
        System.out.println("input-bench: " + rate + " mouse moves per second for " + seconds + " s per run into "
                + System.getenv("LUMEN_X11_DISPLAY") + " (Xvfb 1920x1080), " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + Runtime.version());
        InputRequest request = new InputRequest("bench", "input-bench", 1920, 1080, Map.of());
        int events = seconds * rate;

        Run alone;
        try (InputSession session = backend.open(request, feedback -> { })) {
            Step direct = i -> {
                long start = System.nanoTime();
                session.accept(new MouseMove("bench", move(i), 0));
                return start;
            };
            run("warm-up", direct, Math.min(events, 5 * rate), rate, serverPid);
            alone = run("XTest alone", direct, events, rate, serverPid);
        }

        Backends backends = new Backends();
        backends.inputs().put(new Registration<InputBackend>(backend, backend.id(), 20, 1, "bench", backend::probe,
                List::of));
        SessionPipeline pipeline = new SessionPipeline("b1", StreamRequest.of("bench", new VideoMode(1920, 1080, 60),
                10_000), unit -> { }, null, feedback -> { }, backends, PipelineSettings.DEFAULTS, LOG, p -> { });
        pipeline.start();
        Run lumen;
        try {
            byte[] key = new byte[16];
            new SecureRandom().nextBytes(key);
            SessionInput input = new SessionInput(pipeline.id(), pipeline::inject, LOG);
            ControlSession host = new ControlSession(ControlCipher.host(key, true), new ControlListener() {
                @Override
                public void keyframeRequested(String why, boolean afterLoss) {
                }

                @Override
                public void framesLost(long firstFrame, long lastFrame) {
                }

                @Override
                public void frameFecStatus(FrameFecStatus status) {
                }

                @Override
                public void input(byte[] packet, long arrivalNanos) {
                    input.receive(packet, 0, packet.length, arrivalNanos);
                }
            }, LOG);
            ControlCipher client = ControlCipher.client(key, true);
            int warmUp = Math.min(events, 5 * rate);
            byte[][] sealed = new byte[warmUp + events][];
            for (int i = 0; i < sealed.length; i++) { // the client's work, not the host's: done before the clock
                sealed[i] = client.seal(new ControlMessage(ControlMessage.INPUT, ClientInput.mouseMove(move(i), 0)));
            }
            run("warm-up", i -> {
                long arrival = System.nanoTime();
                host.received(sealed[i], arrival);
                return arrival;
            }, warmUp, rate, serverPid);
            lumen = run("lumen", i -> {
                long arrival = System.nanoTime();
                host.received(sealed[warmUp + i], arrival);
                return arrival;
            }, events, rate, serverPid);
            System.out.println("session's own figures: " + pipeline.stats().input());
        } finally {
            pipeline.stop();
        }

        System.out.println(alone.describe());
        System.out.println(lumen.describe());
        System.out.println(String.format(Locale.ROOT, "lumen / XTest alone: latency p50 %.2f, p99 %.2f; injecting"
                        + " thread CPU %.2f; X server CPU %.2f", lumen.quantile(0.5) / (double) alone.quantile(0.5),
                lumen.quantile(0.99) / (double) alone.quantile(0.99), lumen.threadCpu() / alone.threadCpu(),
                lumen.serverCpu() / Math.max(1e-9, alone.serverCpu())));
    }

    /** Back and forth, so the pointer stays on the screen. */
    private static int move(int i) {
        return (i & 1) == 0 ? 3 : -3;
    }

    private static Run run(String name, Step step, int events, int rate, long serverPid) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] latencies = new long[events];
        long interval = 1_000_000_000L / rate;
        double serverBefore = cpuSeconds(serverPid);
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long begin = System.nanoTime();
        long due = begin;
        for (int i = 0; i < events; i++) {
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            long start = step.inject(i);
            latencies[i] = System.nanoTime() - start;
            due += interval;
        }
        double wall = (System.nanoTime() - begin) / 1e9;
        double threadCpu = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e9;
        double serverCpu = cpuSeconds(serverPid) - serverBefore;
        Arrays.sort(latencies);
        return new Run(name, latencies, threadCpu, serverCpu, wall);
    }

    /** User plus system CPU of a process, from /proc (clock ticks of 1/100 s, as Linux reports them). */
    private static double cpuSeconds(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }
}
