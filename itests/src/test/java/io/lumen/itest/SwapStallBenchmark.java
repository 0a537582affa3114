package io.lumen.itest;

import io.lumen.api.backend.BackendRole;
import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.session.SessionManager;
import io.lumen.api.session.StreamSession;
import io.lumen.api.session.SwapEvent;
import io.lumen.testkit.Poll;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.StreamOffer;
import io.lumen.testkit.moonlight.StreamingTestClient;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Not a test of the default run (its name does not end in IT): the stall each kind of encoder swap causes in a live
 * Moonlight stream, as the session reports it ({@link SwapEvent#stall()}) and as a client over real UDP sees it (the
 * longest gap between frames it completed, from the last frame before the operation to the first keyframe after its
 * last swap). For each mode: pin flips between two encoders through ConfigAdmin (a DS swap), then bundle updates of
 * the first encoder's bundle, alone and followed by a refresh, with every other encoder's bundle stopped so the
 * session has no fallback and waits for the new revision. Run (see itests/README.md):
 * {@code ./mvnw -B -o -pl itests verify -Dit.test=SwapStallBenchmark -Dtest=none -Dlumen.swaps=100}
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SwapStallBenchmark {

    private static final String CLIENT = "swap-bench";
    private static final Duration SWAP_TIMEOUT = Duration.ofSeconds(30);
    /** Frames the client must complete after an operation's last keyframe before the next operation. */
    private static final int SETTLE_FRAMES = 10;
    private static final double PIN_GOAL_MS = 100;
    private static final double UPDATE_GOAL_MS = 250;
    private static final java.util.Set<String> FIXTURE_ENCODERS = java.util.Set.of("x264-twin", "ipcm-h264");

    @Inject
    private BundleContext context;

    @Inject
    private SessionManager sessions;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private final StallFigures figures = new StallFigures();
    private final java.util.Set<StallFigures.Row> timelines = new java.util.HashSet<>();
    private int operationsDone;
    private int operationsPlanned;
    private long benchStartNanos;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(LumenContainer.options()));
        for (String key : List.of("lumen.swaps", "lumen.swap.modes", "lumen.swap.encoders")) {
            String value = System.getProperty(key);
            if (value != null) {
                options.add(org.ops4j.pax.exam.CoreOptions.systemProperty(key).value(value));
            }
        }
        return options.toArray(Option[]::new);
    }

    @Test
    public void measureSwapStalls() throws Exception {
        int swaps = Integer.getInteger("lumen.swaps", 20);
        List<String> modes = list(System.getProperty("lumen.swap.modes", "320x180x60,1280x720x60,1920x1080x60"));
        List<String> encoders = list(System.getProperty("lumen.swap.encoders", "libav-x264,java-h264"));
        assertEquals("two encoders to flip between: " + encoders, 2, encoders.size());
        operationsPlanned = modes.size() * swaps * 3;
        benchStartNanos = System.nanoTime();
        System.out.printf(Locale.ROOT, "swap-stall benchmark: %d swaps of each kind in %s, %s <-> %s, %d operations%n",
                swaps, modes, encoders.get(0), encoders.get(1), operationsPlanned);

        // the fixture bundle brings x264-twin (a second real-time H.264 encoder) and ipcm-h264
        Bundle fixture = encoders.stream().anyMatch(FIXTURE_ENCODERS::contains) ? BundleOps.installFixture(context)
                : null;
        MoonlightHostFixture host = MoonlightHostFixture.onFreePorts(context, configurationAdmin, Map.of());
        try {
            MoonlightTestClient client = host.pairedClient(CLIENT);
            for (String mode : modes) {
                measureMode(host, client, mode, swaps, encoders.get(0), encoders.get(1));
            }
        } finally {
            SessionPins.pin(configurationAdmin, BackendRole.ENCODER, "");
            host.delete();
            if (fixture != null) {
                fixture.uninstall();
            }
        }
        String report = figures.report(String.format(Locale.ROOT,
                "swap stall, %d operations of each kind per mode, %s <-> %s, %s, %d cores, load %.1f at the end%n"
                        + "session stall: SwapEvent.stall, the longest of the operation's swaps (sent: timed at the"
                        + " keyframe's last packet); client gap: longest gap between frames the testkit's Moonlight"
                        + " client completed%n", swaps, encoders.get(0), encoders.get(1), Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        System.out.print(report);
        Path file = Path.of(System.getProperty("lumen.itest.work", "target")).toAbsolutePath().getParent()
                .resolve("swap-stall.txt");
        Files.writeString(file, report);
        System.out.println("report written to " + file);
    }

    private void measureMode(MoonlightHostFixture host, MoonlightTestClient client, String mode, int swaps,
                             String first, String second) throws Exception {
        int[] size = Arrays.stream(mode.split("x")).mapToInt(Integer::parseInt).toArray();
        SessionPins.pin(configurationAdmin, BackendRole.ENCODER, first);
        LaunchKeys keys = LaunchKeys.random();
        Reply launch = client.launch(MoonlightHostFixture.appId(client, "Desktop"), mode, keys);
        assertEquals(launch.toString(), 200, launch.status());
        StreamOffer h264 = StreamOffer.h264(size[0], size[1], size[2], 7);
        StreamOffer offer = new StreamOffer(size[0], size[1], size[2], h264.packetSize(), bitrateKbps(size),
                h264.bitStreamFormat(), h264.encryption(), h264.audioChannels(), h264.audioPacketDurationMs(),
                Map.of());
        try (StreamingTestClient stream = StreamingTestClient.connect("127.0.0.1", launch.field("sessionUrl0"), keys,
                offer, host.fec("rs8-moonlight"), host.fec("rs8-moonlight-audio"),
                StreamingTestClient.VideoLossSetting.none());
             ClientArrivals arrivals = ClientArrivals.start(stream)) {
            assertTrue("the session started", Poll.until(SWAP_TIMEOUT,
                    () -> MoonlightHostFixture.session(sessions, CLIENT) != null));
            StreamSession session = MoonlightHostFixture.session(sessions, CLIENT);
            assertTrue("frames reach the client", Poll.until(SWAP_TIMEOUT, () -> arrivals.count() >= 60));
            awaitEncoder(session, first);

            for (int i = 0; i < swaps; i++) {
                String target = i % 2 == 0 ? second : first;
                measure(mode, "pin flip -> " + target, PIN_GOAL_MS, session, arrivals, target,
                        () -> SessionPins.pin(configurationAdmin, BackendRole.ENCODER, target));
            }
            if (!session.stats().encoderBackend().equals(first)) {
                measure(mode, "pin flip -> " + first, PIN_GOAL_MS, session, arrivals, first,
                        () -> SessionPins.pin(configurationAdmin, BackendRole.ENCODER, first));
            }
            Bundle updated = bundleOf(first);
            List<Bundle> fallbacks = otherEncoderBundles(updated);
            for (Bundle fallback : fallbacks) {
                fallback.stop();
            }
            try {
                for (int i = 0; i < 2 * swaps; i++) {
                    // alternately: update alone (the shell's "update" of a bundle nobody imports from), and update
                    // with a refresh, which stops and starts the new revision once more
                    boolean refresh = i % 2 == 1;
                    measure(mode, refresh ? "bundle update + refresh" : "bundle update", UPDATE_GOAL_MS, session,
                            arrivals, first, () -> {
                                updated.update();
                                if (refresh) {
                                    BundleOps.refresh(context, updated);
                                }
                            });
                }
            } finally {
                for (Bundle fallback : fallbacks) {
                    fallback.start();
                }
            }
            assertEquals("the same session ran throughout", session.id(),
                    MoonlightHostFixture.session(sessions, CLIENT).id());
            assertEquals(200, client.cancel().status());
        }
        assertTrue("the session ended", Poll.until(SWAP_TIMEOUT,
                () -> MoonlightHostFixture.session(sessions, CLIENT) == null));
    }

    private interface Operation {
        void run() throws Exception;
    }

    /**
     * Runs {@code operation}, waits until the session streams from {@code encoder} with every swap it caused
     * measured and the client completed a keyframe and some frames after it, then records both figures and, for an
     * update, when its steps happened.
     */
    private void measure(String mode, String kind, double goal, StreamSession session, ClientArrivals arrivals,
                         String encoder, Operation operation) throws Exception {
        Instant before = Instant.now();
        long beforeMicros = micros(before);
        ServiceSteps steps = ServiceSteps.watch(context, System.nanoTime(), before);
        try {
            operation.run();
            boolean done = Poll.until(SWAP_TIMEOUT, () -> {
                List<SwapEvent> caused = caused(session, before);
                return session.stats().encoderBackend().equals(encoder) && !caused.isEmpty()
                        && caused.getLast().to().equals(encoder)
                        && caused.stream().allMatch(s -> s.stall().isPresent());
            });
            assertTrue(kind + " in " + mode + ": the session swapped to " + encoder + " and measured it: "
                    + caused(session, before), done);
            assertTrue(kind + " in " + mode + ": the client got a keyframe and frames after it", Poll.until(
                    SWAP_TIMEOUT, () -> arrivals.framesAfterLastKeyframeSince(beforeMicros) >= SETTLE_FRAMES));
        } finally {
            steps.close();
        }
        List<SwapEvent> caused = caused(session, before);
        double sessionMillis = caused.stream().mapToDouble(s -> s.stall().orElseThrow().toNanos() / 1e6).max()
                .orElseThrow();
        boolean sent = caused.stream().allMatch(s -> s.timing() == SwapEvent.StallTiming.SENT);
        // the client's gap runs from its last frame before the first swap: a pin reaches the session asynchronously
        long swapMicros = micros(caused.getFirst().at());
        StallFigures.Row row = new StallFigures.Row(mode, kind, encoder, goal);
        figures.add(row, sessionMillis, sent, arrivals.longestGapMillis(swapMicros));
        figures.clientRate(mode, encoder, arrivals.rateAfterLastKeyframeSince(beforeMicros));
        figures.step(row, "encoder service gone", steps.firstGoneMillis());
        figures.step(row, "first encoder service registered", steps.firstRegisteredMillis());
        figures.step(row, "last swap begun", (micros(caused.getLast().at()) - beforeMicros) / 1000.0);
        figures.step(row, "client completed the keyframe",
                (arrivals.firstKeyframeSince(micros(caused.getLast().at())) - beforeMicros) / 1000.0);
        if (timelines.add(row)) {
            // one operation of each kind in full: where the time goes
            for (SwapEvent swap : caused) {
                steps.note(steps.nanosAt(swap.at()), "swap " + swap.from() + " -> " + swap.to() + " begun (stall "
                        + swap.stall().map(d -> d.toNanos() / 1e6 + " ms").orElse("?") + ")");
            }
            long keyframe = arrivals.firstKeyframeSince(micros(caused.getLast().at()));
            steps.note(steps.nanosAt(Instant.ofEpochSecond(keyframe / 1_000_000, keyframe % 1_000_000 * 1000)),
                    "client completed the keyframe (" + arrivals.firstKeyframeBytesSince(micros(caused.getLast().at()))
                            / 1024 + " KiB)");
            figures.timeline(row, steps.timeline());
        }
        arrivals.forgetBefore(micros(Instant.now()));
        progress(mode, kind);
    }

    /** The encoder swaps at or after {@code since}, oldest first (the session keeps its last 64). */
    private static List<SwapEvent> caused(StreamSession session, Instant since) {
        return session.stats().swaps().stream()
                .filter(s -> s.role() == BackendRole.ENCODER && !s.at().isBefore(since)).toList();
    }

    private void progress(String mode, String kind) {
        operationsDone++;
        if (operationsDone % 10 == 0 || operationsDone == operationsPlanned) {
            double elapsed = (System.nanoTime() - benchStartNanos) / 1e9;
            System.out.printf(Locale.ROOT, "swap-stall: %d/%d operations (%s, %s), %.0f s so far, about %.0f s left%n",
                    operationsDone, operationsPlanned, mode, kind, elapsed,
                    elapsed / operationsDone * (operationsPlanned - operationsDone));
        }
    }

    private static void awaitEncoder(StreamSession session, String encoder) {
        assertTrue("the session streams from " + encoder + ": " + session.stats().encoderBackend(),
                Poll.until(SWAP_TIMEOUT, () -> session.stats().encoderBackend().equals(encoder)));
    }

    /** Every other bundle that registers an encoder: stopped during updates, so the session waits for the update. */
    private List<Bundle> otherEncoderBundles(Bundle updated) throws Exception {
        List<Bundle> others = new ArrayList<>();
        for (ServiceReference<EncoderBackend> ref : context.getServiceReferences(EncoderBackend.class, null)) {
            Bundle bundle = ref.getBundle();
            if (bundle.getBundleId() != updated.getBundleId() && !others.contains(bundle)) {
                others.add(bundle);
            }
        }
        return others;
    }

    /** The bundle that registers encoder {@code id}. */
    private Bundle bundleOf(String id) throws Exception {
        for (ServiceReference<EncoderBackend> ref : context.getServiceReferences(EncoderBackend.class, null)) {
            EncoderBackend backend = context.getService(ref);
            try {
                if (backend != null && backend.id().equals(id)) {
                    return ref.getBundle();
                }
            } finally {
                context.ungetService(ref);
            }
        }
        throw new AssertionError("no encoder " + id + " registered");
    }

    /** What a stock client asks for at this size and rate (Moonlight's defaults: ~10 Mbit/s at 720p60, 20 at 1080p60). */
    private static int bitrateKbps(int[] size) {
        double pixelsPerSecond = (double) size[0] * size[1] * size[2];
        return (int) Math.clamp(Math.round(pixelsPerSecond / (1920.0 * 1080 * 60) * 20_000), 1_000, 150_000);
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
