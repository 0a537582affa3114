package io.lumen.tools.pwproducer;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** Prints one {@link CaptureRun.Result}: rates against the producer's, CPU against one core, latencies in ms. */
final class CaptureReport {

    /** Thread names shown one by one; the rest are summed. */
    private static final int THREADS_SHOWN = 8;

    private CaptureReport() {
    }

    static void print(CaptureRun.Result result, PrintStream out) {
        Map<String, Object> stats = result.captureStats();
        out.println();
        out.println("== " + result.memory().spaName() + " buffers, " + result.mode().width() + "x"
                + result.mode().height() + " BGRx at " + result.mode().fps() + " fps (producer pid "
                + result.producerPid() + ")");
        out.println("capture session: buffer type " + stats.get("buffer type") + "; frame times "
                + stats.get("frame times") + "; copies per frame " + stats.get("copies per frame") + "; format "
                + stats.get("format") + "; dropped " + stats.get("frames dropped"));
        if (result.captureEnded() != null) {
            out.println("!! the capture ended during the run: " + result.captureEnded());
        }
        if (result.encoderFailure() != null) {
            out.println("!! the encoder failed: " + result.encoderFailure());
        }
        printRates(result, out);
        printCpu(result, out);
        printLatencies(result, out);
        Map<String, String> counts = result.producerCounts();
        out.println("producer over its whole run: produced " + counts.get("produced") + " frames, "
                + counts.get("unavailable") + " ticks without a free buffer (held by the consumer), "
                + counts.get("late") + " late ticks");
    }

    private static void printRates(CaptureRun.Result result, PrintStream out) {
        double seconds = result.seconds();
        int nominal = result.mode().fps();
        long produced = result.produced();
        long delivered = result.delivered();
        out.println(format("rate      producer  %7.2f fps = %.4f of its nominal %d (%d frames in %.2f s)",
                produced / seconds, produced / seconds / nominal, nominal, produced, seconds));
        out.println(format("          delivered %7.2f fps = %.4f of the producer's frames (%d of %d; %d never arrived)",
                delivered / seconds, ratio(delivered, produced), delivered, produced, produced - delivered));
        out.println(format("          encoded   %7.2f fps = %.4f of those delivered (%d; the rest were replaced in "
                + "the latest-frame slot while x264 was busy)", result.encoderTaken() / seconds,
                ratio(result.encoderTaken(), delivered), result.encoderTaken()));
    }

    private static void printCpu(CaptureRun.Result result, PrintStream out) {
        long delivered = Math.max(1, result.delivered());
        double wall = result.cpuWallNanos();
        out.println(format("CPU       capture process %6.3f ms/frame = %5.1f%% of one core, by thread:",
                result.captureCpuNanos() / 1e6 / delivered, 100 * result.captureCpuNanos() / wall));
        int shown = 0;
        long rest = 0;
        for (Map.Entry<String, Long> thread : result.captureCpuByThread().entrySet()) {
            if (shown++ < THREADS_SHOWN) {
                out.println(format("            %-16s %6.3f ms/frame = %5.1f%%", thread.getKey(),
                        thread.getValue() / 1e6 / delivered, 100 * thread.getValue() / wall));
            } else {
                rest += thread.getValue();
            }
        }
        out.println(format("            %-16s %6.3f ms/frame = %5.1f%%", "(other threads)", rest / 1e6 / delivered,
                100 * rest / wall));
        long capturePath = result.captureCpuByThread().getOrDefault(CaptureRun.LOOP_THREAD, 0L)
                + result.captureCpuByThread().getOrDefault(CaptureRun.DATA_LOOP_THREAD, 0L);
        out.println(format("          capture path    %6.3f ms/frame = %5.1f%% of one core (%s: libpipewire's loop, "
                        + "where lumen copies; %s: its data loop)", capturePath / 1e6 / delivered,
                100 * capturePath / wall, CaptureRun.LOOP_THREAD, CaptureRun.DATA_LOOP_THREAD));
        out.println("          (" + EncoderFeed.THREAD_NAME + ": the encode thread and x264's workers; lumen-libav-con: "
                + "lumen's BGRx-to-I420 conversion; C1/C2: the JIT)");
        out.println(format("          producer process %6.3f ms/frame = %5.1f%% of one core (painting 1 frame, "
                        + "PipeWire; its own JVM)", result.producerCpuNanos() / 1e6 / Math.max(1, result.produced()),
                100 * result.producerCpuNanos() / wall));
    }

    private static void printLatencies(CaptureRun.Result result, PrintStream out) {
        out.println("latency   from the producer's pts (its spa_meta_header) to, in ms:   p50      p99      max   frames");
        line(out, "the sink accepting the frame (after lumen's copy)", result.toSink());
        line(out, "the encoder starting on it", result.toEncoderStart());
        line(out, "x264's access unit coming out", result.toAccessUnit());
    }

    private static void line(PrintStream out, String what, Latencies.Summary summary) {
        out.println(format("          %-53s %7.2f  %7.2f  %7.2f  %6d", what, summary.p50Millis(),
                summary.p99Millis(), summary.maxMillis(), summary.count()));
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
