package io.lumen.protocol.moonlight.impl.launch;

import io.lumen.api.backend.BackendException;
import io.lumen.api.capture.AppHost;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.HostedApp;
import io.lumen.protocol.moonlight.impl.apps.App;
import io.lumen.protocol.moonlight.impl.query.Printable;
import io.lumen.protocol.moonlight.impl.store.PairedClient;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What runs on the host: at most one launched app (a GameStream host streams one app at a time), started by
 * {@code /launch}, taken over by {@code /resume}, ended by {@code /cancel}. The app's command, if it has one,
 * runs for as long as the launch lasts. An app whose capture is an {@link AppHost} (gamescope) runs inside it: the
 * host's command line is run instead, and the host's options go to every capture of the launch.
 */
public final class AppSessions implements AutoCloseable {

    private final Path logDir;
    private final Clock clock;
    private final Function<String, Optional<AppHost>> hosts;
    private final System.Logger log;
    private final AtomicInteger ids = new AtomicInteger();
    /** Quits requested over the network run here: stopping an app takes up to its grace period. */
    private final ExecutorService quits = Executors.newSingleThreadExecutor(task ->
            Thread.ofPlatform().name("lumen-app-quit").daemon().unstarted(task));
    private LaunchSession current;
    private AppProcess process;
    private volatile Consumer<LaunchSession> endedListener = ended -> { };

    /** @param hosts the app host registered under a capture backend id, if one is */
    public AppSessions(Path logDir, Clock clock, Function<String, Optional<AppHost>> hosts, System.Logger log) {
        this.logDir = logDir;
        this.clock = clock;
        this.hosts = hosts;
        this.log = log;
    }

    /** Told of every launch that ends (quit, app exited, host shutdown), after it ended. */
    public void onEnded(Consumer<LaunchSession> listener) {
        endedListener = listener;
    }

    public synchronized Optional<LaunchSession> current() {
        return Optional.ofNullable(current);
    }

    /**
     * Starts {@code app} for {@code client}, whose request came {@code from} there; refused (400) while another
     * launch runs, as Sunshine does.
     */
    public synchronized LaunchSession launch(PairedClient client, InetAddress from, App app,
                                             LaunchParameters parameters)
            throws LaunchRefused {
        if (current != null) {
            throw new LaunchRefused(400, "\"" + current.app().title() + "\" is running (launched by \""
                    + current.clientName() + "\"): resume or quit it first");
        }
        AppProcess started = null;
        Map<String, String> captureOptions = new LinkedHashMap<>(app.capture().options());
        if (!app.command().isBlank()) {
            Path output = logDir.resolve("app-" + app.id() + ".log");
            List<String> commandLine = commandLine(app, parameters, output, captureOptions);
            try {
                started = AppProcess.start(commandLine, output);
            } catch (IOException e) {
                log.log(System.Logger.Level.WARNING, "launch of \"" + app.title() + "\" failed: " + e.getMessage());
                throw new LaunchRefused(503, "the app's command could not start: " + e.getMessage());
            }
            captureOptions.put(CaptureRequest.APP_PID, Long.toString(started.pid()));
            AppProcess watched = started;
            watched.handle().onExit().thenAccept(exited -> ended(watched));
        }
        // the name reaches logs, the session manager's commands and capture node names: printable from here on
        current = new LaunchSession(ids.incrementAndGet(), app, Printable.of(client.name()), client.fingerprint(),
                from, parameters, StreamTokens.random(), clock.instant(), captureOptions);
        process = started;
        log.log(System.Logger.Level.INFO, "app \"" + app.title() + "\" launched for \"" + Printable.of(client.name())
                + "\" (" + from.getHostAddress() + ") at " + parameters.mode()
                + (started == null ? "" : ", pid " + started.pid()));
        return current;
    }

    /**
     * What runs for {@code app}: its command through the shell, or, when its capture names an app host and no target
     * of its own, the host's command line around it (the host's options join {@code captureOptions}).
     */
    private List<String> commandLine(App app, LaunchParameters parameters, Path output,
                                     Map<String, String> captureOptions) throws LaunchRefused {
        Optional<AppHost> host = app.capture().target().isEmpty() && !app.capture().backend().isEmpty()
                ? hosts.apply(app.capture().backend()) : Optional.empty();
        if (host.isEmpty()) {
            return AppProcess.shell(app.command());
        }
        try {
            HostedApp hosted = host.get().host(app.command(), parameters.mode(), output);
            captureOptions.putAll(hosted.captureOptions());
            log.log(System.Logger.Level.INFO, "app \"" + app.title() + "\" runs inside " + app.capture().backend()
                    + ": " + String.join(" ", hosted.commandLine()));
            return hosted.commandLine();
        } catch (BackendException | RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "launch of \"" + app.title() + "\" refused: "
                    + app.capture().backend() + " cannot run it: " + e.getMessage());
            throw new LaunchRefused(503, "the app runs inside " + app.capture().backend() + ", which cannot start it: "
                    + e.getMessage());
        }
    }

    /**
     * The app's command ended by itself (the game was quit from inside it): the launch ends with it, as on
     * Sunshine, so clients see the host free again. A quit in progress has already let go of the process.
     */
    private void ended(AppProcess exited) {
        LaunchSession ended;
        synchronized (this) {
            if (process != exited) {
                return;
            }
            ended = current;
            current = null;
            process = null;
        }
        log.log(System.Logger.Level.INFO, "app \"" + ended.app().title() + "\" (pid " + exited.pid()
                + ") exited by itself; its launch has ended");
        endedListener.accept(ended);
    }

    /** Hands the running launch to {@code client} with fresh keys; refused (503) when nothing runs. */
    public synchronized LaunchSession resume(PairedClient client, InetAddress from, LaunchParameters parameters)
            throws LaunchRefused {
        if (current == null) {
            throw new LaunchRefused(503, "nothing is running to resume");
        }
        current = new LaunchSession(current.id(), current.app(), Printable.of(client.name()), client.fingerprint(),
                from, parameters, StreamTokens.random(), current.started(), current.captureOptions());
        log.log(System.Logger.Level.INFO, "app \"" + current.app().title() + "\" resumed by \""
                + Printable.of(client.name()) + "\" (" + from.getHostAddress() + ") at " + parameters.mode());
        return current;
    }

    /** Quits the running app; empty when nothing ran. */
    public Optional<LaunchSession> quit(String who) {
        return quitIf(null, who);
    }

    /**
     * Quits the running app if the client with certificate {@code fingerprint} launched or last resumed it (an
     * unpaired client's launch must not outlive its pairing: its keys would still open the streams).
     */
    public Optional<LaunchSession> quitIfLaunchedBy(String fingerprint, String who) {
        return quitIf(fingerprint, who);
    }

    private Optional<LaunchSession> quitIf(String fingerprint, String who) {
        LaunchSession ended;
        AppProcess stopping;
        synchronized (this) {
            if (current != null && fingerprint != null && !current.clientFingerprint().equals(fingerprint)) {
                return Optional.empty();
            }
            ended = current;
            stopping = process;
            current = null;
            process = null;
        }
        if (ended == null) {
            return Optional.empty();
        }
        if (stopping != null) {
            stopping.stop(); // outside the lock: a slow app must not hold up serverinfo
        }
        log.log(System.Logger.Level.INFO, "app \"" + ended.app().title() + "\" quit by " + who);
        endedListener.accept(ended);
        return Optional.of(ended);
    }

    /**
     * {@link #quit} on the quitting thread, for callers that must not wait (a Netty event loop serving other
     * clients); completes once the app is gone and the launch's end was told.
     */
    public CompletableFuture<Optional<LaunchSession>> quitInBackground(String who) {
        try {
            return CompletableFuture.supplyAsync(() -> quit(who), quits);
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the host is shutting down"));
        }
    }

    @Override
    public void close() {
        quits.shutdown();
        quit("host shutdown");
        try {
            if (!quits.awaitTermination(AppProcess.GRACE_MILLIS + 1000, TimeUnit.MILLISECONDS)) {
                log.log(System.Logger.Level.WARNING, "a quit still runs at shutdown; left to finish on its own");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
