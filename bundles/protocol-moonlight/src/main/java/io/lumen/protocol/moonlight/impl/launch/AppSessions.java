package io.lumen.protocol.moonlight.impl.launch;

import io.lumen.protocol.moonlight.impl.apps.App;
import io.lumen.protocol.moonlight.impl.store.PairedClient;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What runs on the host: at most one launched app (a GameStream host streams one app at a time), started by
 * {@code /launch}, taken over by {@code /resume}, ended by {@code /cancel}. The app's command, if it has one,
 * runs for as long as the launch lasts.
 */
public final class AppSessions implements AutoCloseable {

    private final Path logDir;
    private final Clock clock;
    private final System.Logger log;
    private final AtomicInteger ids = new AtomicInteger();
    private LaunchSession current;
    private AppProcess process;
    private volatile Consumer<LaunchSession> endedListener = ended -> { };

    public AppSessions(Path logDir, Clock clock, System.Logger log) {
        this.logDir = logDir;
        this.clock = clock;
        this.log = log;
    }

    /** Told of every launch that ends (quit, app exited, host shutdown), after it ended. */
    public void onEnded(Consumer<LaunchSession> listener) {
        endedListener = listener;
    }

    public synchronized Optional<LaunchSession> current() {
        return Optional.ofNullable(current);
    }

    /** Starts {@code app} for {@code client}; refused (400) while another launch runs, as Sunshine does. */
    public synchronized LaunchSession launch(PairedClient client, App app, LaunchParameters parameters)
            throws LaunchRefused {
        if (current != null) {
            throw new LaunchRefused(400, "\"" + current.app().title() + "\" is running (launched by \""
                    + current.clientName() + "\"): resume or quit it first");
        }
        AppProcess started = null;
        if (!app.command().isBlank()) {
            try {
                started = AppProcess.start(app.command(), logDir.resolve("app-" + app.id() + ".log"));
            } catch (IOException e) {
                log.log(System.Logger.Level.WARNING, "launch of \"" + app.title() + "\" failed: " + e.getMessage());
                throw new LaunchRefused(503, "the app's command could not start: " + e.getMessage());
            }
            AppProcess watched = started;
            watched.handle().onExit().thenAccept(exited -> ended(watched));
        }
        current = new LaunchSession(ids.incrementAndGet(), app, client.name(), client.fingerprint(), parameters,
                StreamTokens.random(), clock.instant());
        process = started;
        log.log(System.Logger.Level.INFO, "app \"" + app.title() + "\" launched for \"" + client.name() + "\" at "
                + parameters.mode() + (started == null ? "" : ", pid " + started.pid()));
        return current;
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
    public synchronized LaunchSession resume(PairedClient client, LaunchParameters parameters) throws LaunchRefused {
        if (current == null) {
            throw new LaunchRefused(503, "nothing is running to resume");
        }
        current = new LaunchSession(current.id(), current.app(), client.name(), client.fingerprint(), parameters,
                StreamTokens.random(), current.started());
        log.log(System.Logger.Level.INFO, "app \"" + current.app().title() + "\" resumed by \"" + client.name()
                + "\" at " + parameters.mode());
        return current;
    }

    /** Quits the running app; empty when nothing ran. */
    public Optional<LaunchSession> quit(String who) {
        LaunchSession ended;
        AppProcess stopping;
        synchronized (this) {
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

    @Override
    public void close() {
        quit("host shutdown");
    }
}
