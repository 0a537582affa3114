package io.lumen.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code bin/lumen} was asked to do.
 *
 * @param command the words of {@code bin/lumen cmd ...}; empty when starting a host
 * @param run     a shell command to run once the host is ready ({@code --run})
 */
record LaunchOptions(Path home, Path data, boolean headless, List<String> command, Optional<String> run) {

    static final String USAGE = """
            usage: bin/lumen [--headless] [--data DIR] [--run COMMAND]   start the host (the Felix shell unless --headless)
                   bin/lumen [--data DIR] cmd COMMAND...                 run one shell command on the running host""";

    boolean isCommand() {
        return !command.isEmpty();
    }

    /** Parses the arguments; {@code home} is the distribution, the data directory defaults to {@code $LUMEN_DATA} or home/data. */
    static LaunchOptions parse(Path home, String envData, String... args) {
        Path data = envData == null || envData.isBlank() ? home.resolve("data") : Path.of(envData);
        boolean headless = false;
        Optional<String> run = Optional.empty();
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--headless" -> headless = true;
                case "--data" -> data = Path.of(value(args, ++i, arg));
                case "--run" -> run = Optional.of(value(args, ++i, arg));
                case "cmd" -> {
                    command.addAll(List.of(args).subList(i + 1, args.length));
                    if (command.isEmpty()) {
                        throw new IllegalArgumentException("cmd needs a command, e.g. bin/lumen cmd lumen:sessions\n" + USAGE);
                    }
                    i = args.length;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
            }
        }
        return new LaunchOptions(home, data.toAbsolutePath(), headless, List.copyOf(command), run);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    Path socket() {
        return data.resolve("run").resolve("lumen.sock");
    }
}
