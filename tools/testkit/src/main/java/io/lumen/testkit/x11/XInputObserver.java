package io.lumen.testkit.x11;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Watches what reaches an X server's root window: runs {@code xinput test-xi2 --root} against it and parses the
 * output into {@link XiEvent}s. With no window manager and no window, the root window is both under the pointer and
 * focused (focus follows the pointer), so it receives key events as well as pointer ones; no window is needed.
 * <p>
 * The awaiting methods read forward from a cursor: each returns the events after those an earlier call returned,
 * so a test can check one step at a time. Raw events (before the server's processing) are kept apart in
 * {@link #rawEvents()}.
 */
public final class XInputObserver implements AutoCloseable {

    private static final Duration READY_WAIT = Duration.ofSeconds(10);

    private final String display;
    private final Process process;
    private final List<XiEvent> events = new ArrayList<>();
    private final List<XiEvent.Raw> raw = new ArrayList<>();
    private final StringBuilder output = new StringBuilder();
    private int propertyChanges;
    private int cursor;
    private boolean ended;

    private XInputObserver(String display, Process process) {
        this.display = display;
        this.process = process;
    }

    /** Starts observing {@code server}; returns once events are being reported. */
    public static XInputObserver start(XvfbServer server) throws IOException {
        return start(server.display());
    }

    /**
     * Starts observing the X display {@code display}; returns once the observer has shown that it receives events
     * (xinput lists the devices before it selects events, so its first output is not a sign of readiness).
     */
    public static XInputObserver start(String display) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("xinput", "test-xi2", "--root").redirectErrorStream(true);
        builder.environment().put("DISPLAY", display);
        XInputObserver observer = new XInputObserver(display, builder.start());
        Thread reader = new Thread(observer::read, "xinput test-xi2 " + display);
        reader.setDaemon(true);
        reader.start();
        try {
            observer.awaitReady();
            return observer;
        } catch (IOException | RuntimeException e) {
            observer.close();
            throw e;
        }
    }

    /**
     * Setting a device property, even to its current value, makes the server send a property event to every client
     * that selected them; the first one seen proves the selection is in place.
     */
    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ProcessBuilder poke = new ProcessBuilder("xinput", "set-prop", "Virtual core XTEST pointer",
                    "Device Enabled", "1").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            poke.environment().put("DISPLAY", display);
            try {
                poke.start().waitFor();
                synchronized (this) {
                    long waitUntil = System.nanoTime() + Duration.ofMillis(200).toNanos();
                    while (propertyChanges == 0 && !ended && System.nanoTime() < waitUntil) {
                        wait(Math.max(1, (waitUntil - System.nanoTime()) / 1_000_000));
                    }
                    if (propertyChanges > 0) {
                        return;
                    }
                    if (ended) {
                        throw new IOException("xinput test-xi2 on " + display + " ended: " + output);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        throw new IOException("xinput test-xi2 on " + display + " reported no event within " + READY_WAIT + ": "
                + output);
    }

    private void read() {
        OutputLines.read(process, this, output, new XiOutputParser(this::add, this::propertyChanged)::line, () -> {
            ended = true;
            notifyAll();
        });
    }

    private synchronized void add(XiEvent event) {
        if (event instanceof XiEvent.Raw r) {
            raw.add(r);
        } else {
            events.add(event);
        }
        notifyAll();
    }

    private synchronized void propertyChanged() {
        propertyChanges++;
        notifyAll();
    }

    /** Every device event so far, in the order the server delivered them. */
    public synchronized List<XiEvent> events() {
        return List.copyOf(events);
    }

    /** Every raw event so far. */
    public synchronized List<XiEvent.Raw> rawEvents() {
        return List.copyOf(raw);
    }

    /** Moves the cursor past every event seen so far: the next await looks only at what comes after. */
    public synchronized void skipSeen() {
        cursor = events.size();
    }

    /**
     * The first event after the cursor of {@code type} that {@code match} accepts; the cursor moves past it.
     *
     * @throws AssertionError when none arrives within {@code timeout} (the message lists what did)
     */
    public <T extends XiEvent> T awaitNext(Class<T> type, Predicate<? super T> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            int scanned = cursor;
            while (true) {
                for (; scanned < events.size(); scanned++) {
                    XiEvent event = events.get(scanned);
                    if (type.isInstance(event) && match.test(type.cast(event))) {
                        cursor = scanned + 1;
                        return type.cast(event);
                    }
                }
                awaitMore(deadline, () -> "no " + type.getSimpleName() + " as expected within " + timeout
                        + "; after the cursor came " + events.subList(cursor, events.size()));
            }
        }
    }

    /**
     * The next {@code count} events of {@code type} after the cursor, in order, however many others come between;
     * the cursor moves past the last.
     *
     * @throws AssertionError when fewer arrive within {@code timeout}
     */
    public <T extends XiEvent> List<T> awaitAll(Class<T> type, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<T> found = new ArrayList<>();
        synchronized (this) {
            int scanned = cursor;
            while (true) {
                for (; scanned < events.size() && found.size() < count; scanned++) {
                    if (type.isInstance(events.get(scanned))) {
                        found.add(type.cast(events.get(scanned)));
                    }
                }
                if (found.size() == count) {
                    cursor = scanned;
                    return found;
                }
                awaitMore(deadline, () -> "only " + found.size() + " of " + count + " " + type.getSimpleName()
                        + " events within " + timeout + ": " + events.subList(cursor, events.size()));
            }
        }
    }

    /**
     * The events of {@code type} after the cursor once {@code quiet} has passed without a new one (for checking
     * that nothing more arrives); the cursor moves past them.
     */
    public <T extends XiEvent> List<T> settle(Class<T> type, Duration quiet) {
        synchronized (this) {
            int seen = events.size();
            long deadline = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
                if (events.size() != seen) {
                    seen = events.size();
                    deadline = System.nanoTime() + quiet.toNanos();
                }
            }
            List<T> found = events.subList(cursor, events.size()).stream().filter(type::isInstance).map(type::cast)
                    .toList();
            cursor = events.size();
            return found;
        }
    }

    private void awaitMore(long deadline, java.util.function.Supplier<String> failure) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || ended) {
            throw new AssertionError(failure.get() + (ended ? " (xinput ended: " + output + ")" : ""));
        }
        try {
            wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
