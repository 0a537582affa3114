package io.lumen.launcher;

import java.nio.file.Path;

/** Entry point of {@code bin/lumen}: start a host, or send a command to a running one. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.println(LaunchOptions.USAGE);
            System.exit(0);
        }
        Path home = Path.of(System.getProperty("lumen.home", ".")).toAbsolutePath().normalize();
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(home, System.getenv("LUMEN_DATA"), args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.isCommand()) {
            System.exit(CommandClient.run(options.socket(), options.command(), System.out, System.err,
                    System.console() != null && System.console().isTerminal()));
        }
        int code;
        try {
            code = new Host(options).run();
        } catch (Exception e) {
            System.err.println("lumen failed to start: " + e);
            e.printStackTrace();
            code = 1;
        }
        if (code == Host.SHUTDOWN_HOOK_EXITS) {
            try {
                Thread.currentThread().join(); // the shutdown hook finishes the stop and ends the process
            } catch (InterruptedException ignored) {
                code = 0;
            }
        }
        // a framework thread left behind must not keep the JVM alive after the host stopped
        Runtime.getRuntime().halt(code);
    }
}
