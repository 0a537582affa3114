package io.lumen.tools.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The soak and fault tool (tools/soak/README.md): runs the assembled host headless and drives it with the test
 * kit's Moonlight client through one scenario or all of them, then prints and writes a summary. Exit code 0 when
 * every scenario run passed (skipped ones do not fail the run), 1 when one failed, 2 for a wrong command line.
 */
public final class Soak {

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("lumen.root", ".")).toAbsolutePath().normalize();
        SoakOptions options;
        try {
            options = SoakOptions.parse(root.resolve("distribution/target/lumen"), root.resolve("tools/soak/target"),
                    args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (!Files.isExecutable(options.distribution().resolve("bin/lumen"))) {
            System.err.println("no assembled host at " + options.distribution() + " (tools/soak/run builds it)");
            System.exit(2);
        }
        SoakRun run = new SoakRun(options);
        SoakRun.log("soak", "results in " + run.out + "; host " + options.distribution() + "; load " + load());
        List<SoakRun.Outcome> outcomes = new ArrayList<>();
        for (String scenario : options.scenario().equals("all")
                ? List.of("cycles", "vanish", "kills", "fulldisk", "swaps") : List.of(options.scenario())) {
            outcomes.add(runOne(scenario, run));
            SoakRun.log("soak", scenario + " done; load " + load());
        }
        StringBuilder summary = new StringBuilder("lumen soak, " + String.join(" ", args) + "\n");
        outcomes.forEach(o -> summary.append(o.report()));
        summary.append("load average at the end: ").append(load()).append('\n');
        Files.writeString(run.out.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
        System.out.print(summary);
        System.out.println("summary: " + run.out.resolve("summary.txt"));
        System.exit(outcomes.stream().anyMatch(o -> o.verdict() == SoakRun.Outcome.Verdict.FAILED) ? 1 : 0);
    }

    private static SoakRun.Outcome runOne(String scenario, SoakRun run) {
        SoakRun.log(scenario, "starting");
        try {
            return switch (scenario) {
                case "cycles" -> CycleScenario.run(run);
                case "vanish" -> VanishScenario.run(run);
                case "kills" -> KillScenario.run(run);
                case "fulldisk" -> FullDiskScenario.run(run);
                case "swaps" -> SwapScenario.run(run);
                default -> throw new IllegalArgumentException(scenario);
            };
        } catch (Exception e) {
            SoakRun.log(scenario, "aborted: " + e);
            return new SoakRun.Outcome(scenario, SoakRun.Outcome.Verdict.FAILED, List.of("aborted: " + e));
        }
    }

    /** The 1, 5 and 15 minute load averages and the cores: the figures' noise depends on them. */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2] + " on " + Runtime.getRuntime().availableProcessors()
                    + " cores";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
