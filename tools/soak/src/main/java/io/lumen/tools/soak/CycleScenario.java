package io.lumen.tools.soak;

import io.lumen.testkit.moonlight.ClientIdentity;
import io.lumen.testkit.moonlight.MoonlightTestClient.PairOutcome;
import io.lumen.testkit.moonlight.StreamingTestClient;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Launch, stream, quit, many times over, by one paired client; after each cycle (the host idle again) the host's
 * threads, file descriptors, heap after a full GC, native memory committed (NMT) and resident size are sampled
 * into {@code cycles.csv}. The verdict is each metric's least-squares slope per 100 cycles, after the warm-up
 * cycles (class loading, JIT, pools filling), against a tolerance stated with it.
 */
final class CycleScenario {

    static final String NAME = "cycles";
    private static final Duration FREED_LIMIT = Duration.ofSeconds(20);

    /** Tolerances per 100 cycles: a thread, a descriptor or a few MiB per 100 cycles is below any real leak's rate. */
    private record Metric(String name, String unit, double tolerance, ToDoubleFunction<HostProbe.Sample> value) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("threads", "", 1.0, s -> s.threads()),
            new Metric("open fds", "", 1.0, s -> s.fds()),
            new Metric("heap after GC", "MiB", 2.0, s -> s.heapUsedKib() / 1024.0),
            new Metric("native outside heap", "MiB", 8.0, s -> s.nativeCommittedKib() / 1024.0),
            new Metric("resident (RSS)", "MiB", 16.0, s -> s.rssKib() / 1024.0));

    private CycleScenario() {
    }

    static SoakRun.Outcome run(SoakRun run) throws Exception {
        SoakOptions o = run.options;
        SoakRun.Findings findings = new SoakRun.Findings(NAME);
        Path csv = run.out.resolve("cycles.csv");
        List<HostProbe.Sample> samples = new ArrayList<>();
        int failures = 0;
        try (HostUnderTest host = run.host(NAME).start();
             HostProbe probe = HostProbe.attach(host.pid());
             PrintWriter rows = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
            SoakClient client = new SoakClient(host, ClientIdentity.generate(), "soak-cycles");
            if (client.pair(Duration.ofSeconds(60)) != PairOutcome.PAIRED) {
                findings.check(false, "the client could not pair");
                return findings.outcome();
            }
            if (o.encoder() != null) {
                HostUnderTest.Result pinned = host.command("lumen:use encoder " + o.encoder());
                if (!pinned.ok()) {
                    findings.check(false, "cannot pin encoder " + o.encoder() + ": " + pinned.output().strip());
                    return findings.outcome();
                }
                findings.add("encoder pinned: " + o.encoder());
            }
            rows.println("cycle,elapsed_s,frames,threads,fds,heap_used_kib,native_committed_kib,heap_committed_kib,rss_kib,"
                    + "cycle_ms");
            long start = System.nanoTime();
            HostProbe.Sample idle = probe.sample();
            samples.add(idle);
            row(rows, 0, start, 0, idle, 0);
            SoakRun.log(NAME, String.format(Locale.ROOT, "host pid %d idle before any stream: %s", host.pid(), idle));
            int frameTotal = 0;
            for (int cycle = 1; cycle <= o.cycles(); cycle++) {
                long cycleStart = System.nanoTime();
                int frames = 0;
                try {
                    frames = oneCycle(client, o);
                } catch (Exception e) {
                    SoakRun.log(NAME, "cycle " + cycle + " failed: " + e);
                }
                Duration freed = client.awaitNotBusy(FREED_LIMIT);
                if (frames == 0 || freed == null) {
                    failures++;
                    SoakRun.log(NAME, "cycle " + cycle + ": " + frames + " frames, "
                            + (freed == null ? "host still busy after " + FREED_LIMIT.toSeconds() + " s" : "host idle"));
                }
                frameTotal += frames;
                HostProbe.Sample sample = probe.sample();
                samples.add(sample);
                row(rows, cycle, start, frames, sample, (System.nanoTime() - cycleStart) / 1_000_000);
                if (cycle % 10 == 0 || cycle == o.cycles()) {
                    rows.flush();
                    SoakRun.log(NAME, String.format(Locale.ROOT, "cycle %d/%d: %d frames this cycle, %d failed so far;"
                                    + " threads %d, fds %d, heap %.1f MiB, native %.1f MiB, rss %.1f MiB", cycle,
                            o.cycles(), frames, failures, sample.threads(), sample.fds(), sample.heapUsedKib() / 1024.0,
                            sample.nativeCommittedKib() / 1024.0, sample.rssKib() / 1024.0));
                }
            }
            findings.check(failures == 0, failures + " of " + o.cycles() + " cycles failed (no frames, or the host"
                    + " still busy " + FREED_LIMIT.toSeconds() + " s after quit); " + frameTotal + " frames in all");
        }
        findings.add("per-cycle samples: " + csv);
        findings.add(String.format(Locale.ROOT, "before any stream: threads %d, fds %d, heap %.1f MiB, native %.1f MiB,"
                        + " rss %.1f MiB", samples.get(0).threads(), samples.get(0).fds(),
                samples.get(0).heapUsedKib() / 1024.0, samples.get(0).nativeCommittedKib() / 1024.0,
                samples.get(0).rssKib() / 1024.0));
        findings.add("slopes over cycles " + (o.warmup() + 1) + ".." + o.cycles() + " (cycles 1.." + o.warmup()
                + " are warm-up)");
        List<HostProbe.Sample> measured = samples.subList(o.warmup() + 1, samples.size());
        for (Metric metric : METRICS) {
            List<Double> values = measured.stream().map(s -> metric.value().applyAsDouble(s)).toList();
            Trend trend = Trend.of(metric.name(), metric.unit(), o.warmup() + 1, values, metric.tolerance());
            findings.check(trend.flat(), trend.line());
        }
        return findings.outcome();
    }

    /** One launch, {@code streamSeconds} of frames, quit; the frames received. */
    private static int oneCycle(SoakClient client, SoakOptions o) throws Exception {
        int frames;
        try (StreamingTestClient stream = client.stream(o.width(), o.height(), o.fps(), o.kbps())) {
            frames = SoakClient.frames(stream, Integer.MAX_VALUE, Duration.ofMillis((long) (o.streamSeconds() * 1000)));
        } finally {
            client.quit();
        }
        return frames;
    }

    private static void row(PrintWriter rows, int cycle, long start, int frames, HostProbe.Sample s, long cycleMillis) {
        rows.printf(Locale.ROOT, "%d,%.1f,%d,%d,%d,%d,%d,%d,%d,%d%n", cycle, (System.nanoTime() - start) / 1e9, frames,
                s.threads(), s.fds(), s.heapUsedKib(), s.nativeCommittedKib(), s.heapCommittedKib(), s.rssKib(),
                cycleMillis);
    }
}
