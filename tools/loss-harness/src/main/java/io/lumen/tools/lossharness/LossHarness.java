package io.lumen.tools.lossharness;

import io.lumen.protocol.moonlight.impl.video.VideoFecScheme;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Both video FEC schemes under simulated loss, with no sockets: the table on stdout, progress on stderr, the chart
 * in a PNG. See the module's README for the columns.
 */
public final class LossHarness {

    private LossHarness() {
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(HarnessOptions.USAGE);
            return;
        }
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(args,
                    Path.of(System.getProperty("loss.harness.chart", "target/loss-harness.png")));
        } catch (IllegalArgumentException bad) {
            System.err.println("loss-harness: " + bad.getMessage());
            System.err.println(HarnessOptions.USAGE);
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        HarnessRun run;
        try {
            run = run(options, System.err::println);
        } catch (IllegalStateException | IllegalArgumentException failed) {
            // the framing refuses some settings (packet size, parity) only once a frame is laid out
            System.err.println("loss-harness: " + failed.getMessage());
            System.exit(1);
            return;
        }
        PrintStream out = System.out;
        out.printf("loss harness: packet size %d, min parity %d, seed %d; frames per cell %d..%d (%s of frames)%n%n",
                options.packetSize(), options.minParity(), options.seed(), options.minFrames(), options.maxFrames(),
                ByteSize.format(options.budgetBytes()));
        ReportTable.print(out, run.sweep(), options.schemes());
        out.println();
        Summary.lines(run, options).forEach(line -> out.println("summary: " + line));
        try {
            int fec = options.fecPercents().contains(options.summaryFec()) ? options.summaryFec()
                    : options.fecPercents().getFirst();
            if (DeliveryChart.write(options.chart(), run.sweep(), options, fec)) {
                out.println("chart: " + options.chart().toAbsolutePath() + " (delivered % at " + fec + "% FEC)");
            }
        } catch (IOException | RuntimeException chartFailed) {
            System.err.println("loss-harness: no chart written to " + options.chart() + ": " + chartFailed);
        }
        long frames = run.sweep().stream().mapToLong(r -> r.cell().frames()).sum()
                + run.stream().stream().mapToLong(r -> r.cell().frames()).sum();
        out.printf("took %.0f s for %d cells, %d frames%n", (System.nanoTime() - started) / 1e9,
                run.sweep().size() + run.stream().size(), frames);
    }

    /** Sweeps, runs the summary's stream and finds each scheme's limits. */
    static HarnessRun run(HarnessOptions options, Consumer<String> progress) {
        CellRunner runner = new CellRunner(options.packetSize(), options.minParity(), options.seed());
        List<CellResult> sweep = Sweep.run(Sweep.cells(options), runner, options.threads(), "sweep", progress);
        List<CellResult> stream = Sweep.run(Sweep.streamCells(options), runner, options.threads(), "stream",
                progress);
        int largest = options.sizes().stream().mapToInt(Integer::intValue).max().orElse(1);
        List<SchemeLimits> limits = new ArrayList<>();
        for (VideoFecScheme scheme : options.schemes()) {
            limits.add(SchemeLimits.of(scheme, runner, options.summaryFec(), largest));
        }
        return new HarnessRun(sweep, stream, limits);
    }
}
