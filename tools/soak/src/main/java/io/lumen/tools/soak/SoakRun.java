package io.lumen.tools.soak;

import io.lumen.testkit.moonlight.FreeBasePort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One run of the tool: its settings, where its results go ({@code out}: the cycle CSV, the summary, every host's
 * log and data directory), and the progress lines everything prints.
 */
final class SoakRun {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    final SoakOptions options;
    final Path out;

    SoakRun(SoakOptions options) throws IOException {
        this.options = options;
        this.out = Files.createDirectories(options.out());
    }

    /** A host of its own for {@code scenario}: fresh data directory under {@code data} and a free base port. */
    HostUnderTest host(String scenario, Path data) throws IOException {
        Files.createDirectories(data);
        return new HostUnderTest(options.distribution(), data, FreeBasePort.find(), out.resolve(scenario + "-host.log"));
    }

    HostUnderTest host(String scenario) throws IOException {
        return host(scenario, out.resolve(scenario + "-data"));
    }

    static void log(String scenario, String message) {
        System.out.println(LocalTime.now().format(TIME) + " " + scenario + ": " + message);
        System.out.flush();
    }

    /** What a scenario found: passed, failed, or skipped (with the reason as its first line). */
    record Outcome(String scenario, Verdict verdict, List<String> lines) {

        enum Verdict { PASSED, FAILED, SKIPPED }

        static Outcome skipped(String scenario, String why) {
            return new Outcome(scenario, Verdict.SKIPPED, List.of("skipped: " + why));
        }

        String report() {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "== %s: %s%n", scenario, verdict));
            lines.forEach(l -> text.append("   ").append(l).append('\n'));
            return text.toString();
        }
    }

    /** Collects a scenario's result lines and whether any check failed. */
    static final class Findings {
        private final String scenario;
        private final List<String> lines = new ArrayList<>();
        private boolean failed;

        Findings(String scenario) {
            this.scenario = scenario;
        }

        void add(String line) {
            lines.add(line);
        }

        /** Adds a check's line; a failed check fails the scenario. */
        void check(boolean ok, String line) {
            lines.add((ok ? "ok    " : "FAIL  ") + line);
            failed |= !ok;
        }

        Outcome outcome() {
            return new Outcome(scenario, failed ? Outcome.Verdict.FAILED : Outcome.Verdict.PASSED, List.copyOf(lines));
        }
    }
}
