package io.lumen.tools.pwproducer;

import io.lumen.api.media.VideoMode;
import io.lumen.capture.pipewire.impl.ffm.PipeWire;
import io.lumen.testkit.pipewire.PipeWireDaemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * lumen's PipeWire capture path measured against a producer it does not control: a private daemon, the
 * {@link PatternProducer} in a process of its own, lumen's capture backend and x264 in this one. For each buffer
 * type: frames delivered per second against the producer's, the capture process's CPU per frame (by thread), copies
 * per frame, and the latency from the producer's buffer timestamp to the sink and to the encoder.
 *
 * <p>{@code tools/pw-producer/run [seconds, default 20] [--warm-up 3] [--size 1920x1080] [--fps 60]
 * [--buffers memfd,memptr,dmabuf]}
 */
public final class CaptureBench {

    private CaptureBench() {
    }

    record Options(int seconds, int warmUpSeconds, VideoMode mode, List<BufferMemory> memories) {

        static Options parse(String[] args) {
            int seconds = 20;
            int warmUp = 3;
            String size = "1920x1080";
            int fps = 60;
            List<BufferMemory> memories = List.of(BufferMemory.MEMFD, BufferMemory.MEMPTR, BufferMemory.DMABUF);
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (!option.startsWith("--")) {
                    seconds = Integer.parseInt(option);
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--warm-up" -> warmUp = Integer.parseInt(value);
                    case "--size" -> size = value;
                    case "--fps" -> fps = Integer.parseInt(value);
                    case "--buffers" -> {
                        List<BufferMemory> chosen = new ArrayList<>();
                        for (String name : value.split(",")) {
                            chosen.add(BufferMemory.parse(name));
                        }
                        memories = List.copyOf(chosen);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + option
                            + " (want [seconds] --warm-up, --size, --fps, --buffers)");
                }
            }
            if (seconds < 1 || warmUp < 0) {
                throw new IllegalArgumentException("want at least 1 s measured and a warm-up of 0 s or more");
            }
            return new Options(seconds, warmUp, VideoMode.parse(size + "@" + fps), memories);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("capture bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        printHeader(options);
        try (PipeWireDaemon daemon = PipeWireDaemon.start(true)) {
            for (BufferMemory memory : options.memories()) {
                CaptureRun.Result result = new CaptureRun(daemon, options.mode(), memory, options.warmUpSeconds(),
                        options.seconds()).run();
                CaptureReport.print(result, System.out);
            }
        }
    }

    private static void printHeader(Options options) throws IOException {
        System.out.println("lumen capture bench: pattern producer (own process, driving its own clock) -> PipeWire -> "
                + "lumen PipeWireCaptureBackend -> latest-frame slot -> libav-x264 ultrafast");
        System.out.println("command: " + ProcessHandle.current().info().commandLine().orElse("(unknown)"));
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel()
                + "), Linux " + System.getProperty("os.version") + ", Java " + Runtime.version() + ", libpipewire "
                + PipeWire.system().version().orElse("?"));
        System.out.println("each run: " + options.seconds() + " s measured after a " + options.warmUpSeconds()
                + " s warm-up, " + options.mode().width() + "x" + options.mode().height() + " BGRx at "
                + options.mode().fps() + " fps, a fresh producer per buffer type on one private daemon");
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
    }
}
