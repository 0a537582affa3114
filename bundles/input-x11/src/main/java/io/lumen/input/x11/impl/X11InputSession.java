package io.lumen.input.x11.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.input.InputEvent;
import io.lumen.api.input.InputKind;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.KeyCodes;
import io.lumen.api.input.MouseButton;
import io.lumen.api.input.MouseButtonChange;
import io.lumen.api.input.MouseMove;
import io.lumen.api.input.MousePosition;
import io.lumen.api.input.Scroll;
import io.lumen.api.input.ScrollAxis;
import io.lumen.api.input.TextInput;
import io.lumen.input.x11.impl.xlib.XConnection;
import io.lumen.input.x11.impl.xlib.XException;
import io.lumen.log.WarnOnce;

import java.util.BitSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;

/**
 * One session's injector: its own connection to the X server, the keys and buttons it holds down, and what is left
 * of a scroll notch on each axis. Every event is written with XFlush and nothing waits for the server.
 */
final class X11InputSession implements InputSession {

    private static final System.Logger LOG = System.getLogger("lumen.input.x11");
    /** X keycodes are Linux key codes plus 8 under the evdev keymap every current X server uses. */
    static final int EVDEV_OFFSET = 8;
    /** Core X wheel buttons: up, down, left, right. */
    static final int WHEEL_UP = 4;
    static final int WHEEL_DOWN = 5;
    static final int WHEEL_LEFT = 6;
    static final int WHEEL_RIGHT = 7;

    private final String sessionId;
    private final XConnection connection;
    private final IntUnaryOperator keyMap;
    private final int minKeycode;
    private final int maxKeycode;
    private final XConnection.ScreenSize screen;
    private final Consumer<X11InputSession> onClose;
    private final WarnOnce warnings = new WarnOnce(LOG);
    private final Keymap keymap;
    private final TextTyper typer;
    private final ScheduledExecutorService restorer;
    private ScheduledFuture<?> restoring;
    /** The keycode each virtual key went down as, so its release lifts the same key whatever changed since. */
    private final int[] pressedAs = new int[256];
    private final BitSet heldKeys = new BitSet(256);
    private final BitSet heldButtons = new BitSet(16);
    private final ScrollAccumulator vertical = new ScrollAccumulator();
    private final ScrollAccumulator horizontal = new ScrollAccumulator();
    private boolean closed;

    /**
     * @param keyMap   a client's virtual-key code to a Linux key code, 0 for none ({@link KeyCodes#linux})
     * @param restorer where the spare keycodes text borrowed are emptied again once idle
     * @param onClose  runs once, after the connection closed
     */
    X11InputSession(String sessionId, XConnection connection, IntUnaryOperator keyMap,
                    ScheduledExecutorService restorer, Consumer<X11InputSession> onClose)
            throws XException {
        this.sessionId = sessionId;
        this.connection = connection;
        this.keyMap = keyMap;
        this.onClose = onClose;
        int[] range = connection.keycodeRange();
        this.minKeycode = range[0];
        this.maxKeycode = range[1];
        this.screen = connection.screenSize();
        this.restorer = restorer;
        this.keymap = new Keymap(connection, minKeycode, maxKeycode);
        this.typer = new TextTyper(sessionId, connection, keymap, warnings, System::nanoTime);
    }

    XConnection.ScreenSize screen() {
        return screen;
    }

    @Override
    public synchronized void accept(InputEvent event) throws BackendException {
        if (closed) {
            throw new BackendException("the X11 input of session " + sessionId + " is closed");
        }
        try {
            switch (event) {
                case KeyChange key -> key(key);
                case MouseMove move -> connection.moveBy(move.deltaX(), move.deltaY());
                case MousePosition position -> connection.moveTo(
                        PointerMapping.scale(position.x(), position.referenceWidth(), screen.width()),
                        PointerMapping.scale(position.y(), position.referenceHeight(), screen.height()));
                case MouseButtonChange change -> button(xButton(change.button()), change.pressed());
                case Scroll scroll -> scroll(scroll);
                case TextInput text -> {
                    if (typer.type(text.text())) {
                        scheduleRestore(SpareKeys.HOLD.toNanos());
                    }
                }
                default -> warnings.warn(InputKind.of(event).label(), "X11 input does not inject "
                        + InputKind.of(event).label() + " events; they are dropped");
            }
        } catch (XException e) {
            throw new BackendException(e.getMessage(), e);
        }
    }

    private void key(KeyChange change) throws XException {
        int virtualKey = change.virtualKey();
        int keycode = pressedAs[virtualKey];
        if (change.pressed() || keycode == 0) {
            keycode = keycodeFor(change);
            if (keycode == 0) {
                return;
            }
        }
        pressedAs[virtualKey] = change.pressed() ? keycode : 0;
        connection.key(keycode, change.pressed());
        heldKeys.set(keycode, change.pressed());
    }

    /** The X keycode a virtual key stands for, 0 (with a warning) for none the server accepts. */
    private int keycodeFor(KeyChange change) throws XException {
        int virtualKey = change.virtualKey();
        if (change.nonNormalized()) {
            // the client means the key that types this letter or digit here, wherever the host's layout has it
            long keysym = Keysyms.ofLetterOrDigitKey(virtualKey);
            if (keysym != Keysyms.NONE) {
                var placement = keymap.current().find(keysym);
                if (placement.isPresent()) {
                    return placement.get().keycode();
                }
            }
        }
        int linux = keyMap.applyAsInt(virtualKey);
        if (linux == KeyCodes.NONE) {
            warnings.warn(String.format("virtual key 0x%02x", virtualKey), String.format(
                    "virtual key 0x%02x has no Linux key code; it is dropped", virtualKey));
            return 0;
        }
        int keycode = linux + EVDEV_OFFSET;
        if (keycode < minKeycode || keycode > maxKeycode) {
            warnings.warn("keycode " + keycode, "X keycode " + keycode + " (virtual key " + virtualKey
                    + ") is outside the server's " + minKeycode + ".." + maxKeycode + "; it is dropped");
            return 0;
        }
        return keycode;
    }

    /** Runs {@link #restoreSpares()} in {@code nanos}, unless a run is pending already (it reschedules itself). */
    private void scheduleRestore(long nanos) {
        if (restoring != null && !restoring.isDone()) {
            return;
        }
        try {
            restoring = restorer.schedule(this::restoreSpares, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the backend is going away; close() empties the spares
        }
    }

    private synchronized void restoreSpares() {
        if (closed) {
            return;
        }
        try {
            long next = typer.restoreSpares(false);
            restoring = null;
            if (next > 0) {
                scheduleRestore(next);
            }
        } catch (XException e) {
            restoring = null;
            warnings.warn("restoring spares", "X11 input of session " + sessionId + " could not empty the keycodes"
                    + " it borrowed for text: " + e.getMessage());
        } catch (RuntimeException e) {
            restoring = null;
            LOG.log(System.Logger.Level.WARNING, "X11 input of session " + sessionId + ": emptying the borrowed"
                    + " keycodes failed", e);
        }
    }

    private void button(int button, boolean pressed) throws XException {
        connection.button(button, pressed);
        heldButtons.set(button, pressed);
    }

    /** Core X buttons: 1 left, 2 middle, 3 right, 4-7 the wheels, 8 back (X1), 9 forward (X2). */
    static int xButton(MouseButton button) {
        return switch (button) {
            case LEFT -> 1;
            case MIDDLE -> 2;
            case RIGHT -> 3;
            case X1 -> 8;
            case X2 -> 9;
        };
    }

    private void scroll(Scroll scroll) throws XException {
        boolean vertical = scroll.axis() == ScrollAxis.VERTICAL;
        int notches = (vertical ? this.vertical : horizontal).add(scroll.amount());
        int button = vertical ? (notches > 0 ? WHEEL_UP : WHEEL_DOWN) : (notches > 0 ? WHEEL_RIGHT : WHEEL_LEFT);
        for (int i = Math.abs(notches); i > 0; i--) {
            connection.button(button, true);
            connection.button(button, false);
        }
    }

    /**
     * Releases what this session still holds (the client may have vanished mid-press), waits until the server has
     * it all, then disconnects.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (restoring != null) {
            restoring.cancel(false);
        }
        int keys = heldKeys.cardinality();
        int buttons = heldButtons.cardinality();
        try {
            for (int keycode = heldKeys.nextSetBit(0); keycode >= 0; keycode = heldKeys.nextSetBit(keycode + 1)) {
                connection.key(keycode, false);
            }
            for (int button = heldButtons.nextSetBit(0); button >= 0; button = heldButtons.nextSetBit(button + 1)) {
                connection.button(button, false);
            }
            connection.sync();
            if (typer.borrowed() > 0) {
                typer.restoreSpares(true);
            }
        } catch (XException e) {
            LOG.log(System.Logger.Level.INFO, "X11 input of session " + sessionId + ": nothing released (nor the"
                    + " keycodes borrowed for text emptied): " + e.getMessage());
        } finally {
            heldKeys.clear();
            heldButtons.clear();
            connection.close();
            onClose.accept(this);
        }
        LOG.log(System.Logger.Level.INFO, "X11 input of session " + sessionId + " closed on " + connection.name()
                + (keys + buttons > 0 ? " (released " + keys + " keys and " + buttons + " buttons)" : ""));
    }

    /**
     * For diagnostics: "session s1 on :1, 1280x720, holding 1 keys and 0 buttons", and ", 2 keycodes borrowed for
     * text" while spares are bound.
     */
    synchronized String describe() {
        int borrowed = typer.borrowed();
        return "session " + sessionId + " on " + connection.name() + ", " + screen.width() + "x" + screen.height()
                + ", holding " + heldKeys.cardinality() + " keys and " + heldButtons.cardinality() + " buttons"
                + (borrowed > 0 ? ", " + borrowed + " keycodes borrowed for text" : "");
    }
}
