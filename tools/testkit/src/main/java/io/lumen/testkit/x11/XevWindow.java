package io.lumen.testkit.x11;

import io.lumen.testkit.Commands;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A window that reports what the keys pressed in it type, as an ordinary X application sees it: {@code xev}
 * (package x11-utils) on a window of its own, its output parsed into {@link Typed} events. Where
 * {@link XInputObserver} says which keycode went down, this says which keysym and text the client's keymap lookup
 * (XLookupString) made of it, after the client refreshed its keymap for any MappingNotify before it.
 * <p>
 * Key events go to the focused window; with no window manager focus follows the pointer, so the test puts the
 * pointer into the window first ({@link #awaitFocus}). xev runs under the C.UTF-8 locale, so the text is UTF-8.
 */
public final class XevWindow implements AutoCloseable {

    private static final Duration FOCUS_TRY = Duration.ofMillis(200);

    private final Process process;
    private final List<Typed> typed = new ArrayList<>();
    private final StringBuilder output = new StringBuilder();
    private int focusNotices;
    private int mappingNotices;
    private int cursor;
    private boolean ended;

    private XevWindow(Process process) {
        this.process = process;
    }

    /** Why a test may skip: xev is not installed and {@value XvfbServer#REQUIRE_ENV} is unset. */
    public static Optional<String> skipReason() {
        if (System.getenv(XvfbServer.REQUIRE_ENV) != null || Commands.onPath("xev")) {
            return Optional.empty();
        }
        return Optional.of("xev not installed (bash .ci/run installs x11-utils)");
    }

    /**
     * Opens a {@code width} x {@code height} window at ({@code x}, {@code y}) on {@code display}. It is ready once
     * {@link #awaitFocus} returns: xev writes to a pipe through a buffer it flushes only after an event, so nothing
     * it prints before the first one (its window's id) can be awaited.
     */
    public static XevWindow open(String display, int x, int y, int width, int height) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("xev", "-geometry", width + "x" + height + "+" + x + "+" + y,
                "-event", "keyboard").redirectErrorStream(true);
        builder.environment().put("DISPLAY", display);
        builder.environment().put("LC_ALL", "C.UTF-8");
        XevWindow window = new XevWindow(builder.start());
        Thread reader = new Thread(window::read, "xev " + display);
        reader.setDaemon(true);
        reader.start();
        return window;
    }

    /**
     * Returns once the window has the keyboard focus. {@code enter} must move the pointer out of the window and
     * into it (a crossing, which is what focus follows); it is repeated until xev reports the focus (its
     * KeymapNotify), since the window may not exist yet the first times.
     *
     * @throws AssertionError when the focus does not arrive within {@code timeout}
     */
    public void awaitFocus(Runnable enter, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int before;
            synchronized (this) {
                before = focusNotices;
            }
            enter.run();
            synchronized (this) {
                long tryUntil = Math.min(deadline, System.nanoTime() + FOCUS_TRY.toNanos());
                while (focusNotices == before && !ended && System.nanoTime() < tryUntil) {
                    waitUntil(tryUntil);
                }
                if (focusNotices > before) {
                    return;
                }
                if (ended || System.nanoTime() >= deadline) {
                    throw new AssertionError("the xev window got no focus within " + timeout + ": " + output);
                }
            }
        }
    }

    /**
     * Runs {@code tap} (one key pressed and released) and waits until xev has looked both up, then forgets them, so
     * a test starts with an empty record. Xlib loads a client's keymap, and starts following its changes, at the
     * client's first key lookup: a keycode bound while that first lookup is under way can stay unseen by it. An
     * application that has handled a key before does not meet that, so a test waits the first lookup out.
     *
     * @throws AssertionError when the two events do not arrive within {@code timeout}
     */
    public void awaitFirstLookup(Runnable tap, Duration timeout) {
        tap.run();
        awaitEvents(2, timeout);
        synchronized (this) {
            typed.clear();
            cursor = 0;
        }
    }

    /**
     * The next {@code count} key presses after the cursor (releases are skipped); the cursor moves past the last.
     *
     * @throws AssertionError when fewer arrive within {@code timeout}
     */
    public List<Typed> awaitPresses(int count, Duration timeout) {
        return await(count, Typed::pressed, "key presses", timeout);
    }

    /**
     * The next {@code count} key presses after the cursor that typed text (modifier keys are skipped); the cursor
     * moves past the last.
     *
     * @throws AssertionError when fewer arrive within {@code timeout}
     */
    public List<Typed> awaitText(int count, Duration timeout) {
        return await(count, t -> t.pressed() && !t.text().isEmpty(), "key presses typing text", timeout);
    }

    private synchronized List<Typed> await(int count, Predicate<Typed> match, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Typed> found = new ArrayList<>();
        int scanned = cursor;
        while (true) {
            for (; scanned < typed.size() && found.size() < count; scanned++) {
                if (match.test(typed.get(scanned))) {
                    found.add(typed.get(scanned));
                }
            }
            if (found.size() == count) {
                cursor = scanned;
                return found;
            }
            if (ended || System.nanoTime() >= deadline) {
                throw new AssertionError("only " + found.size() + " of " + count + " " + what + " within "
                        + timeout + ": " + typed.subList(cursor, typed.size())
                        + (ended ? " (xev ended: " + output + ")" : ""));
            }
            waitUntil(deadline);
        }
    }

    /** Every key press and release so far, in order. */
    public synchronized List<Typed> events() {
        return List.copyOf(typed);
    }

    /**
     * Every key press and release so far, once there are at least {@code count}.
     *
     * @throws AssertionError when fewer arrive within {@code timeout}
     */
    public synchronized List<Typed> awaitEvents(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (typed.size() < count) {
            if (ended || System.nanoTime() >= deadline) {
                throw new AssertionError("only " + typed.size() + " of " + count + " key events within " + timeout
                        + ": " + typed);
            }
            waitUntil(deadline);
        }
        return List.copyOf(typed);
    }

    /** How many MappingNotify events xev has handled: each keymap change brings some. */
    public synchronized int mappingNotices() {
        return mappingNotices;
    }

    private void waitUntil(long deadline) {
        try {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void read() {
        OutputLines.read(process, this, output, new XevOutputParser(this::keyTyped, this::notice)::line, () -> {
            ended = true;
            notifyAll();
        });
    }

    private synchronized void keyTyped(Typed event) {
        typed.add(event);
        notifyAll();
    }

    private synchronized void notice(XevOutputParser.Notice notice) {
        switch (notice) {
            case FOCUS -> focusNotices++;
            case MAPPING -> mappingNotices++;
        }
        notifyAll();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * A key event as the client looked it up.
     *
     * @param keycode the X keycode
     * @param keysym  the keysym the client's keymap gave the key (0, NoSymbol, for an empty key)
     * @param text    what XLookupString made of it, in UTF-8; empty for none
     */
    public record Typed(boolean pressed, int keycode, long keysym, String text) {
    }
}
