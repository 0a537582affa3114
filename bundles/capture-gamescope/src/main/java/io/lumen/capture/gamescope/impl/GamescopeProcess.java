package io.lumen.capture.gamescope.impl;

import io.lumen.api.backend.BackendException;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A gamescope child and everything it started. It runs in its own session and process group (through
 * {@code setsid}), so ending it ends the app inside too, even children that outlived their parent; its merged
 * stdout and stderr are read for the node line.
 */
final class GamescopeProcess implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.capture.gamescope");
    private static final Duration GRACE = Duration.ofSeconds(3);

    private final Process process;
    private final String command;
    private final GamescopeLog log = new GamescopeLog();
    private final CompletableFuture<Integer> node = new CompletableFuture<>();
    private final CompletableFuture<String> exit = new CompletableFuture<>();
    private volatile String state = "starting";
    private volatile boolean stopping;

    private GamescopeProcess(Process process, String command) {
        this.process = process;
        this.command = command;
    }

    /** Starts {@code command} in a new process group and begins reading its output. */
    static GamescopeProcess start(List<String> command) throws IOException {
        List<String> inOwnGroup = new ArrayList<>(command.size() + 1);
        // setsid execs in place when its caller is no group leader (a JVM child is not): the pid stays the program's
        inOwnGroup.add("setsid");
        inOwnGroup.addAll(command);
        Process process = new ProcessBuilder(inOwnGroup).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        GamescopeProcess started = new GamescopeProcess(process, String.join(" ", command));
        Thread.ofVirtual().name("lumen-gamescope-output-" + process.pid()).start(started::readOutput);
        return started;
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String text = line;
                LOG.log(System.Logger.Level.DEBUG, () -> "gamescope " + pid() + ": " + GamescopeLog.plain(text));
                synchronized (log) {
                    if (log.accept(line).isPresent() && !node.isDone()) {
                        int id = log.advertisedNode().getAsInt();
                        state = "running, node " + id;
                        LOG.log(System.Logger.Level.INFO, "gamescope advertised node " + id);
                        node.complete(id);
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "gamescope " + pid() + " output: " + e.getMessage());
        }
        exited();
    }

    private void exited() {
        int code;
        try {
            code = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        String reason;
        synchronized (log) {
            reason = stopping ? "stopped by lumen" : "exit code " + code + "; " + log.reason();
        }
        state = "exited: " + reason;
        LOG.log(stopping ? System.Logger.Level.INFO : System.Logger.Level.WARNING, "gamescope exited: " + reason);
        node.completeExceptionally(new BackendException("gamescope (pid " + pid() + ") exited before advertising a"
                + " PipeWire node: " + reason));
        exit.complete(reason);
    }

    /** Completes with the exit's reason when gamescope exits on its own; never when lumen stops it. */
    CompletableFuture<String> exitedOnItsOwn() {
        return exit.thenCompose(reason -> stopping ? new CompletableFuture<>() : CompletableFuture.completedFuture(
                reason));
    }

    /**
     * Waits for the node line. Fails with the reason when gamescope exits first (its known failure, or its last
     * lines) or stays silent for {@code timeout}.
     */
    int awaitNode(Duration timeout) throws BackendException {
        try {
            return node.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BackendException b ? b : new BackendException(e.getCause().toString(), e);
        } catch (TimeoutException e) {
            String reason;
            synchronized (log) {
                reason = log.reason();
            }
            throw new BackendException("gamescope (pid " + pid() + ") advertised no PipeWire node within "
                    + timeout.toMillis() + " ms (a build without PipeWire never does): " + reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted waiting for gamescope's node", e);
        }
    }

    long pid() {
        return process.pid();
    }

    String command() {
        return command;
    }

    String state() {
        return state;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Ends gamescope and its whole group: TERM, then KILL after a grace period to what is left. */
    @Override
    public void close() {
        stopping = true;
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        signalGroup("TERM");
        long deadline = System.nanoTime() + GRACE.toNanos();
        while (System.nanoTime() < deadline && (groupAlive() || tree.stream().anyMatch(ProcessHandle::isAlive))) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (groupAlive() || tree.stream().anyMatch(ProcessHandle::isAlive)) {
            LOG.log(System.Logger.Level.WARNING, "gamescope " + pid() + " ignored TERM for " + GRACE.toSeconds()
                    + " s: killing its process group");
            signalGroup("KILL");
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        try {
            process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void signalGroup(String signal) {
        runKill("-" + signal);
    }

    private boolean groupAlive() {
        return runKill("-0") == 0;
    }

    /** kill(1) on the group: the JDK signals single processes only. */
    private int runKill(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, "--", "-" + pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return kill.waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
