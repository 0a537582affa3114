package io.lumen.tools.lossharness;

import io.lumen.protocol.moonlight.impl.video.VideoFecScheme;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What one run sweeps, from the command line. Every frame size, FEC percentage and loss model is run with every
 * scheme; a cell gets {@code budget / frame size} frames, within {@code minFrames .. maxFrames}, so small frames get
 * many trials and the 16 MB ones few, and the default sweep takes minutes.
 */
record HarnessOptions(List<VideoFecScheme> schemes, List<Integer> sizes, List<Integer> fecPercents,
                      List<LossSpec> losses, int maxFrames, int minFrames, long budgetBytes, int packetSize,
                      int minParity, long seed, int threads, Path chart, int summaryFec, long streamBitsPerSecond,
                      int streamFps, int streamFrames) {

    static final String USAGE = """
            usage: tools/loss-harness/run [options]
              --schemes rs8-moonlight,leopard16   FEC schemes to compare
              --sizes 10k,20k,...,16m             frame sizes (decimal: 1k = 1000 bytes)
              --fec 5,10,20,50                    FEC percentages
              --loss 1%,5%,10%,2%/3,5%/10         loss models: 5% independent, 2%/3 in bursts of mean 3
              --frames 200                        most frames a cell sends (small frames)
              --min-frames 6                      fewest frames a cell sends (huge frames)
              --budget 24m                        frame bytes a cell sends, between those bounds
              --packet-size 1392 --min-parity 2   what the client announces
              --seed 1                            same seed, same losses and frames
              --threads N                         cells run in parallel (default: the cores)
              --chart FILE.png                    where the chart goes
              --summary-fec 20                    FEC percentage of the summary and the chart
              --stream-mbps 1000 --stream-fps 60  the summary's stream: frames of mbps/8/fps
              --stream-frames 120                 its frames per scheme and burst model (0: none)""";

    static final String DEFAULT_SIZES = "10k,20k,50k,100k,200k,500k,1m,1.5m,2m,4m,8m,16m";

    /** Parses {@code args}; throws IllegalArgumentException naming what is wrong. */
    static HarnessOptions parse(String[] args, Path defaultChart) {
        List<VideoFecScheme> schemes = List.of(VideoFecScheme.values());
        List<Integer> sizes = list(DEFAULT_SIZES, ByteSize::parse);
        List<Integer> fec = list("5,10,20,50", HarnessOptions::fecPercent);
        List<LossSpec> losses = list("1%,5%,10%,2%/3,5%/10", LossSpec::parse);
        int maxFrames = 200;
        int minFrames = 6;
        long budget = 24_000_000L;
        int packetSize = 1392;
        int minParity = 2;
        long seed = 1;
        int threads = Runtime.getRuntime().availableProcessors();
        Path chart = defaultChart;
        int summaryFec = 20;
        long streamMbps = 1000;
        int streamFps = 60;
        int streamFrames = 120;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name.startsWith("--") ? name + " needs a value" : "unknown argument " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--schemes" -> schemes = list(value, HarnessOptions::scheme);
                case "--sizes" -> sizes = list(value, ByteSize::parse);
                case "--fec" -> fec = list(value, HarnessOptions::fecPercent);
                case "--loss" -> losses = list(value, LossSpec::parse);
                case "--frames" -> maxFrames = positive(name, value);
                case "--min-frames" -> minFrames = positive(name, value);
                case "--budget" -> budget = ByteSize.parse(value);
                case "--packet-size" -> packetSize = between(name, value, 128, 65_000);
                case "--min-parity" -> minParity = between(name, value, 0, 255);
                case "--seed" -> seed = number(name, value);
                case "--threads" -> threads = between(name, value, 1, 256);
                case "--chart" -> chart = Path.of(value);
                case "--summary-fec" -> summaryFec = fecPercent(value);
                case "--stream-mbps" -> streamMbps = between(name, value, 1, 100_000);
                case "--stream-fps" -> streamFps = between(name, value, 1, 1000);
                case "--stream-frames" -> streamFrames = between(name, value, 0, 100_000);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (minFrames > maxFrames) {
            throw new IllegalArgumentException("--min-frames " + minFrames + " is above --frames " + maxFrames);
        }
        return new HarnessOptions(schemes, sizes, fec, losses, maxFrames, minFrames, budget, packetSize, minParity,
                seed, threads, chart, summaryFec, streamMbps * 1_000_000L, streamFps, streamFrames);
    }

    /** Frames a cell of this frame size sends. */
    int framesFor(int frameBytes) {
        return (int) Math.clamp(budgetBytes / frameBytes, minFrames, maxFrames);
    }

    int streamFrameBytes() {
        return (int) Math.max(1, streamBitsPerSecond / 8 / streamFps);
    }

    private static <T> List<T> list(String text, Function<String, T> parse) {
        List<T> values = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                T value = parse.apply(item.trim());
                if (!values.contains(value)) {
                    values.add(value);
                }
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an empty list: " + text);
        }
        return List.copyOf(values);
    }

    private static VideoFecScheme scheme(String id) {
        return VideoFecScheme.byId(id).orElseThrow(() -> new IllegalArgumentException("no FEC scheme " + id
                + " (rs8-moonlight, leopard16)"));
    }

    private static int fecPercent(String text) {
        return between("a FEC percentage", text, 0, 100);
    }

    private static int positive(String name, String text) {
        return between(name, text, 1, Integer.MAX_VALUE);
    }

    private static int between(String name, String text, int low, int high) {
        long value = number(name, text);
        if (value < low || value > high) {
            throw new IllegalArgumentException(name + " is from " + low + " to " + high + ", not " + text);
        }
        return (int) value;
    }

    private static long number(String name, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(name + " takes a whole number, not " + text);
        }
    }
}
