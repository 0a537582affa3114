package io.lumen.session.impl.command;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code lumen:log}: the host's log from the shell, since the console keeps only warnings and errors. The launcher
 * names the file in the framework property {@code lumen.log.file}. Following ends on Ctrl-C in the console; through
 * {@code bin/lumen cmd} (a session without a terminal, whose Ctrl-C the host never sees) it ends after
 * {@link #REMOTE_FOLLOW} unless {@code -t} says otherwise, or as soon as the client is gone.
 */
@Component(service = LogCommand.class, property = {"osgi.command.scope=lumen", "osgi.command.function=log"})
public final class LogCommand {

    static final String LOG_FILE_PROPERTY = "lumen.log.file";
    static final Duration REMOTE_FOLLOW = Duration.ofSeconds(60);
    static final Duration MAX_FOLLOW = Duration.ofHours(24);
    /** How often a follower looks for new lines: a log line shows within this. */
    private static final Duration POLL = Duration.ofMillis(200);

    private volatile String file;

    @Activate
    void activate(BundleContext context) {
        file = context.getProperty(LOG_FILE_PROPERTY);
    }

    @Descriptor("show the host's log: its last lines, and with -f the new ones as they come (Ctrl-C ends it)")
    public void log(CommandSession session,
                    @Descriptor("how many of the last lines to show (default 20)")
                    @Parameter(names = {"-n", "--lines"}, absentValue = "20") int lines,
                    @Descriptor("go on showing lines as they are written")
                    @Parameter(names = {"-f", "--follow"}, presentValue = "true", absentValue = "false") boolean follow,
                    @Descriptor("follow for at most this many seconds (default: until Ctrl-C; 60 through bin/lumen cmd)")
                    @Parameter(names = {"-t", "--time"}, absentValue = "0") int seconds)
            throws IOException {
        boolean console = session != null && session.get(".terminal") != null;
        Duration limit = seconds > 0 ? Duration.ofSeconds(Math.min(seconds, MAX_FOLLOW.toSeconds()))
                : console ? MAX_FOLLOW : REMOTE_FOLLOW;
        try {
            show(path(), lines, follow ? limit : Duration.ZERO, System.out, () -> false);
        } catch (InterruptedException ctrlC) {
            // the operator ended the follow: nothing went wrong
        }
    }

    private Path path() {
        String name = file;
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("no log file: this host was not started by bin/lumen ("
                    + LOG_FILE_PROPERTY + " is not set)");
        }
        return Path.of(name);
    }

    /**
     * Prints the last {@code lines} lines of {@code log}, then for up to {@code follow} the new ones, until the
     * thread is interrupted (Ctrl-C), {@code out} fails (the reader went away) or {@code stop} says so.
     */
    static void show(Path log, int lines, Duration follow, PrintStream out, BooleanSupplier stop)
            throws IOException, InterruptedException {
        if (lines < 0) {
            throw new IllegalArgumentException("-n must be 0 or more: " + lines);
        }
        List<String> last = new ArrayList<>();
        LogTail tail;
        try {
            tail = LogTail.open(log, lines, last);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new IllegalStateException("no log file at " + log + " (yet)");
        }
        last.forEach(out::println);
        out.flush();
        long deadline = System.nanoTime() + follow.toNanos();
        while (!follow.isZero() && System.nanoTime() < deadline && !stop.getAsBoolean() && !out.checkError()) {
            List<String> fresh = tail.poll();
            if (fresh.isEmpty()) {
                Thread.sleep(POLL); // Ctrl-C interrupts it
            } else {
                fresh.forEach(out::println);
                out.flush();
            }
        }
    }
}
