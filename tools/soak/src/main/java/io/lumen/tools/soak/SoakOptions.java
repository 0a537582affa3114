package io.lumen.tools.soak;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The command line: {@code SCENARIO [COUNT] [--option value]...}. COUNT is the scenario's own count (cycles,
 * clients, kills or swaps); every count also has its option, which is how {@code all} takes them.
 */
record SoakOptions(String scenario, Path distribution, Path out, int cycles, double streamSeconds, int warmup,
                   int vanishes, int kills, int swaps, int diskMib, int width, int height, int fps, int kbps,
                   String encoder) {

    static final List<String> SCENARIOS = List.of("cycles", "vanish", "kills", "fulldisk", "swaps", "all");

    static final String USAGE = """
            usage: tools/soak/run SCENARIO [COUNT] [--option value]...
              cycles   [N]  N launch/stream/quit cycles (default 200), host threads, fds, heap after GC and native
                            memory sampled each cycle; CSV and least-squares slopes per 100 cycles
              vanish   [N]  N clients vanishing mid-stream (default 20): the reference client's process killed, or the
                            test client's sockets closed without a word, in turn; the host must free the stream
              kills    [N]  N SIGKILLs of the host while clients pair in a loop (default 20); after each restart
                            every client that got its final pairing reply must still be paired
              fulldisk      the data directory on a small tmpfs, filled: pairing fails clearly, the host runs on,
                            nothing stored is lost, pairing works once space is freed (needs root to mount)
              swaps    [N]  N encoder swaps mid-stream by lumen:use (default 1000), each followed by new frames
              all           every scenario with its default count (or the options below)
            options: --cycles N --seconds S (stream per cycle, default 1.5) --warmup N (cycles left out of the
              slopes, default 20) --vanish N --kills N --swaps N --disk-mib N (tmpfs size, default 64)
              --mode WxHxFPS (default 640x360x30) --kbps N (default 2000) --encoder ID (pinned for the cycles,
              e.g. java-h264; default: the best the host has) --out DIR --dist DIR""";

    static SoakOptions parse(Path defaultDistribution, Path defaultOutRoot, String... args) {
        if (args.length == 0 || !SCENARIOS.contains(args[0])) {
            throw new IllegalArgumentException(args.length == 0 ? USAGE : "unknown scenario '" + args[0] + "'\n" + USAGE);
        }
        String scenario = args[0];
        Path distribution = defaultDistribution;
        Path out = defaultOutRoot.resolve("soak-" + scenario + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        int cycles = 200;
        double seconds = 1.5;
        int warmup = 20;
        int vanishes = 20;
        int kills = 20;
        int swaps = 1000;
        int diskMib = 64;
        int[] mode = {640, 360, 30};
        int kbps = 2000;
        String encoder = null;
        int i = 1;
        if (i < args.length && !args[i].startsWith("--")) {
            int count = positive("COUNT", args[i++]);
            switch (scenario) {
                case "cycles" -> cycles = count;
                case "vanish" -> vanishes = count;
                case "kills" -> kills = count;
                case "swaps" -> swaps = count;
                default -> throw new IllegalArgumentException(scenario + " takes no count\n" + USAGE);
            }
        }
        for (; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
            }
            String value = args[i + 1];
            switch (option) {
                case "--cycles" -> cycles = positive(option, value);
                case "--seconds" -> seconds = positiveSeconds(value);
                case "--warmup" -> warmup = nonNegative(option, value);
                case "--vanish" -> vanishes = positive(option, value);
                case "--kills" -> kills = positive(option, value);
                case "--swaps" -> swaps = positive(option, value);
                case "--disk-mib" -> diskMib = positive(option, value);
                case "--mode" -> mode = mode(value);
                case "--kbps" -> kbps = positive(option, value);
                case "--encoder" -> encoder = value;
                case "--out" -> out = Path.of(value);
                case "--dist" -> distribution = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'\n" + USAGE);
            }
        }
        if (warmup >= cycles - 1) {
            throw new IllegalArgumentException("--warmup " + warmup + " leaves fewer than 2 of " + cycles
                    + " cycles for the slopes");
        }
        return new SoakOptions(scenario, distribution.toAbsolutePath(), out.toAbsolutePath(), cycles, seconds, warmup,
                vanishes, kills, swaps, diskMib, mode[0], mode[1], mode[2], kbps, encoder);
    }

    private static int positive(String option, String value) {
        int n = nonNegative(option, value);
        if (n == 0) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return n;
    }

    private static int nonNegative(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not '" + value + "'");
        }
    }

    private static double positiveSeconds(String value) {
        try {
            double s = Double.parseDouble(value);
            if (!(s > 0 && s <= 600)) {
                throw new NumberFormatException();
            }
            return s;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seconds takes seconds above 0 and up to 600, not '" + value + "'");
        }
    }

    private static int[] mode(String value) {
        String[] parts = value.split("x");
        if (parts.length != 3) {
            throw new IllegalArgumentException("--mode takes WxHxFPS, e.g. 640x360x30, not '" + value + "'");
        }
        return new int[] {positive("--mode", parts[0]), positive("--mode", parts[1]), positive("--mode", parts[2])};
    }
}
