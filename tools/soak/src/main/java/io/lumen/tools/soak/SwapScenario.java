package io.lumen.tools.soak;

import io.lumen.testkit.moonlight.ClientIdentity;
import io.lumen.testkit.moonlight.MoonlightTestClient.PairOutcome;
import io.lumen.testkit.moonlight.StreamingTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Encoder swaps mid-stream as an operator makes them: {@code lumen:use encoder ID} through the command socket,
 * alternating between the H.264 encoders the host has (libav-x264 and the pure-Java one here). After each swap the
 * session must show the new encoder (lumen:session) and the same client must receive new frames; a swap after
 * which the session is gone or no frame comes is a session lost (the stream is then started afresh and the run goes
 * on). Capture swaps are left out: a headless machine has only the synthetic capture to stream from.
 */
final class SwapScenario {

    static final String NAME = "swaps";
    private static final Duration SWITCH_LIMIT = Duration.ofSeconds(15);
    private static final Duration FRAMES_LIMIT = Duration.ofSeconds(10);
    private static final int FRAMES_AFTER_SWAP = 3;
    private static final Pattern STREAMING = Pattern.compile("streaming\\s+session (\\S+)");

    private SwapScenario() {
    }

    static SoakRun.Outcome run(SoakRun run) throws Exception {
        SoakOptions o = run.options;
        SoakRun.Findings findings = new SoakRun.Findings(NAME);
        try (HostUnderTest host = run.host(NAME).start()) {
            List<String> encoders = h264Encoders(host);
            if (encoders.size() < 2) {
                return SoakRun.Outcome.skipped(NAME, "fewer than two H.264 encoders available to swap between: "
                        + encoders);
            }
            SoakClient client = new SoakClient(host, ClientIdentity.generate(), "soak-swaps");
            if (client.pair(Duration.ofSeconds(60)) != PairOutcome.PAIRED) {
                findings.check(false, "the client could not pair");
                return findings.outcome();
            }
            findings.add("swapping between " + encoders + " with lumen:use encoder, at " + o.width() + "x" + o.height()
                    + "x" + o.fps());
            HostProbe probe = HostProbe.attach(host.pid());
            HostProbe.Sample before = probe.sample();
            StreamingTestClient stream = client.stream(o.width(), o.height(), o.fps(), o.kbps());
            String session = awaitSession(host);
            int lost = 0;
            int sessionsStarted = 1;
            List<Long> toFramesMillis = new ArrayList<>();
            try {
                for (int swap = 1; swap <= o.swaps(); swap++) {
                    String target = encoders.get(swap % encoders.size());
                    long start = System.nanoTime();
                    String failure = swapAndWatch(host, stream, session, target);
                    if (failure == null) {
                        toFramesMillis.add((System.nanoTime() - start) / 1_000_000);
                    } else {
                        lost++;
                        SoakRun.log(NAME, "swap " + swap + " to " + target + ": SESSION LOST: " + failure);
                        closeQuietly(stream);
                        client.quit();
                        client.awaitNotBusy(Duration.ofSeconds(20));
                        stream = client.stream(o.width(), o.height(), o.fps(), o.kbps());
                        session = awaitSession(host);
                        sessionsStarted++;
                    }
                    if (swap % 50 == 0 || swap == o.swaps()) {
                        SoakRun.log(NAME, String.format(Locale.ROOT, "swap %d/%d: %d sessions lost; swap to new"
                                + " frames p50 %d ms", swap, o.swaps(), lost, percentile(toFramesMillis, 50)));
                    }
                }
                String details = host.command("lumen:session " + session).output();
                findings.check(lost == 0, lost + " of " + o.swaps() + " swaps lost the session (" + sessionsStarted
                        + " session(s) started in all)");
                findings.add(String.format(Locale.ROOT, "swap command to the new encoder's frames: p50 %d ms, p99 %d"
                                + " ms, worst %d ms", percentile(toFramesMillis, 50), percentile(toFramesMillis, 99),
                        percentile(toFramesMillis, 100)));
                findings.add("the last session as the host counts it (each swap forces a keyframe; its swap log"
                        + " keeps the last 64): " + details.lines().filter(l -> l.startsWith("swaps:")
                        || l.startsWith("frames:")).map(l -> l.replaceAll("\\s+", " ").strip()).toList());
            } finally {
                closeQuietly(stream);
                host.command("lumen:use encoder auto");
                client.quit();
            }
            client.awaitNotBusy(Duration.ofSeconds(20));
            HostProbe.Sample after = probe.sample();
            probe.close();
            findings.add(String.format(Locale.ROOT, "host idle before the stream and after the swaps: threads %d -> %d,"
                            + " fds %d -> %d, heap after GC %.1f -> %.1f MiB (committed %.1f -> %.1f), native outside"
                            + " the heap %.1f -> %.1f MiB, rss %.1f -> %.1f MiB", before.threads(), after.threads(),
                    before.fds(), after.fds(), before.heapUsedKib() / 1024.0, after.heapUsedKib() / 1024.0,
                    before.heapCommittedKib() / 1024.0, after.heapCommittedKib() / 1024.0,
                    before.nativeCommittedKib() / 1024.0, after.nativeCommittedKib() / 1024.0,
                    before.rssKib() / 1024.0, after.rssKib() / 1024.0));
        }
        return findings.outcome();
    }

    /** Pins {@code target}, waits for the session to use it and for new frames; null when fine, else what failed. */
    private static String swapAndWatch(HostUnderTest host, StreamingTestClient stream, String session, String target)
            throws InterruptedException {
        HostUnderTest.Result pinned = host.command("lumen:use encoder " + target);
        if (!pinned.ok()) {
            return "lumen:use refused: " + pinned.output().strip();
        }
        long deadline = System.nanoTime() + SWITCH_LIMIT.toNanos();
        while (true) {
            HostUnderTest.Result shown = host.command("lumen:session " + session);
            if (!shown.ok()) {
                return "session " + session + " gone: " + shown.output().strip();
            }
            if (shown.output().lines().anyMatch(l -> l.startsWith("encoder:") && l.strip().endsWith(" " + target))) {
                break;
            }
            if (System.nanoTime() > deadline) {
                return "session " + session + " did not take " + target + " within " + SWITCH_LIMIT.toSeconds() + " s";
            }
            Pause.briefly();
        }
        while (stream.video().next(Duration.ofNanos(1)) != null) {
            // frames encoded before the swap: only frames from now on count
        }
        int frames = SoakClient.frames(stream, FRAMES_AFTER_SWAP, FRAMES_LIMIT);
        return frames >= FRAMES_AFTER_SWAP ? null : "only " + frames + " frames within " + FRAMES_LIMIT.toSeconds()
                + " s after the swap to " + target;
    }

    /** The id of the session the host streams, once it says so. */
    private static String awaitSession(HostUnderTest host) {
        long deadline = System.nanoTime() + SWITCH_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = STREAMING.matcher(host.command("lumen:moonlight").output());
            if (m.find()) {
                return m.group(1);
            }
            Pause.briefly();
        }
        throw new IllegalStateException("the host names no streaming session after the launch");
    }

    /** The available encoders offering H.264, the best ranked first, as lumen:backends lists them. */
    static List<String> h264Encoders(HostUnderTest host) {
        return host.command("lumen:backends").output().lines()
                .filter(l -> l.startsWith("encoder ") && l.contains(" available ") && l.contains("H264"))
                .map(l -> l.split("\\s+")[1]).toList();
    }

    private static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size()) - 1; // nearest rank
        return sorted.get(Math.clamp(rank, 0, sorted.size() - 1));
    }

    private static void closeQuietly(StreamingTestClient stream) {
        try {
            stream.close();
        } catch (RuntimeException e) {
            SoakRun.log(NAME, "closing the stream: " + e);
        }
    }
}
