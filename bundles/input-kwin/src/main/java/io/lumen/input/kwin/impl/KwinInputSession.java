package io.lumen.input.kwin.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.input.InputEvent;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.MouseButtonChange;
import io.lumen.api.input.MouseMove;
import io.lumen.api.input.MousePosition;
import io.lumen.api.input.PointerCodes;
import io.lumen.api.input.Scroll;
import io.lumen.api.input.Touch;
import io.lumen.api.input.TouchAction;
import io.lumen.log.WarnOnce;
import io.lumen.wayland.Fixed;
import io.lumen.wayland.OutputInfo;
import io.lumen.wayland.Requests;
import io.lumen.wayland.WaylandConnection;
import io.lumen.wayland.WaylandException;
import io.lumen.wayland.WaylandProxy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntUnaryOperator;

/**
 * One session's fake input: its own authenticated connection to KWin, so KWin sees one fake device per session
 * and drops it with the connection. Every event becomes requests handed to the connection's dispatch thread in the
 * client's order; {@link #accept} never waits for KWin. The keys, buttons and touches the session holds down are
 * remembered, so closing releases them before it disconnects.
 */
final class KwinInputSession implements InputSession {

    private static final System.Logger LOG = System.getLogger("lumen.input.kwin");
    private static final WarnOnce DROPS = new WarnOnce(LOG);

    private final WaylandConnection connection;
    private final WaylandProxy fakeInput;
    private final IntUnaryOperator keyCodes;
    /** The output absolute positions land on; empty: the first output there is when the event arrives. */
    private final Optional<String> outputName;
    private final String description;
    private final Runnable onClose;
    // the session's control thread (accept and close never run at once)
    private final Set<Integer> heldKeys = new LinkedHashSet<>();
    private final Set<Integer> heldButtons = new LinkedHashSet<>();
    private final Set<Integer> touches = new LinkedHashSet<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    KwinInputSession(WaylandConnection connection, WaylandProxy fakeInput, IntUnaryOperator keyCodes,
                     Optional<String> outputName, String description, Runnable onClose) {
        this.connection = connection;
        this.fakeInput = fakeInput;
        this.keyCodes = keyCodes;
        this.outputName = outputName;
        this.description = description;
        this.onClose = onClose;
    }

    @Override
    public void accept(InputEvent event) throws BackendException {
        if (connection.lost().isDone()) {
            throw new BackendException("the connection to KWin at " + connection.display() + " was lost: "
                    + connection.lost().join());
        }
        switch (event) {
            case KeyChange key -> key(key);
            case MouseMove move -> send(FakeInput.POINTER_MOTION, 1, "relative motion", Fixed.of(move.deltaX()),
                    Fixed.of(move.deltaY()));
            case MousePosition position -> absolute(position);
            case MouseButtonChange change -> {
                int button = PointerCodes.button(change.button());
                track(heldButtons, button, change.pressed());
                send(FakeInput.BUTTON, 1, "buttons", button, change.pressed() ? FakeInput.PRESSED : FakeInput.RELEASED);
            }
            case Scroll scroll -> send(FakeInput.AXIS, 1, "scrolling", PointerCodes.axis(scroll.axis()),
                    Fixed.of(Translation.axisValue(scroll)));
            case Touch touch -> touch(touch);
            default -> DROPS.warn(event.getClass().getSimpleName(), "KWin fake input cannot inject "
                    + event.getClass().getSimpleName() + " events; they are dropped");
        }
    }

    private void key(KeyChange key) {
        int code = keyCodes.applyAsInt(key.virtualKey());
        if (code <= 0) {
            DROPS.warn("key " + key.virtualKey(), "no Linux key code for the client's virtual key 0x"
                    + Integer.toHexString(key.virtualKey()) + "; it is dropped");
            return;
        }
        if (supports(FakeInput.KEYBOARD_SINCE, "keys")) {
            track(heldKeys, code, key.pressed());
            submit(requests -> requests.send(fakeInput, FakeInput.KEYBOARD_KEY, code,
                    key.pressed() ? FakeInput.PRESSED : FakeInput.RELEASED));
        }
    }

    private void absolute(MousePosition position) {
        if (!supports(FakeInput.ABSOLUTE_SINCE, "absolute positions")) {
            return;
        }
        submit(requests -> {
            Optional<OutputInfo> output = output(requests.outputs());
            if (output.isEmpty()) {
                DROPS.warn("no output", "KWin at " + connection.display() + " has no output to place the pointer on");
                return;
            }
            double[] at = Translation.position(position, output.get());
            requests.send(fakeInput, FakeInput.POINTER_MOTION_ABSOLUTE, Fixed.of(at[0]), Fixed.of(at[1]));
        });
    }

    private void touch(Touch touch) {
        if (!supports(FakeInput.TOUCH_SINCE, "touch")) {
            return;
        }
        int id = (int) touch.pointerId();
        switch (touch.action()) {
            case DOWN, MOVE -> {
                boolean down = touch.action() == TouchAction.DOWN || !touches.contains(id);
                touches.add(id);
                submit(requests -> {
                    Optional<OutputInfo> output = output(requests.outputs());
                    if (output.isPresent()) {
                        double[] at = Translation.position(touch.x(), touch.y(), output.get());
                        requests.send(fakeInput, down ? FakeInput.TOUCH_DOWN : FakeInput.TOUCH_MOTION, id,
                                Fixed.of(at[0]), Fixed.of(at[1]));
                        requests.send(fakeInput, FakeInput.TOUCH_FRAME);
                    }
                });
            }
            case UP -> {
                if (touches.remove(id)) {
                    submit(requests -> {
                        requests.send(fakeInput, FakeInput.TOUCH_UP, id);
                        requests.send(fakeInput, FakeInput.TOUCH_FRAME);
                    });
                }
            }
            case CANCEL, CANCEL_ALL -> cancelTouches();
            default -> {
                // hovering is not touching: fake input has nothing for it
            }
        }
    }

    /** Fake input cancels every touch at once; the client's CANCEL of one finger voids the others too. */
    private void cancelTouches() {
        if (!touches.isEmpty()) {
            touches.clear();
            submit(requests -> requests.send(fakeInput, FakeInput.TOUCH_CANCEL));
        }
    }

    private Optional<OutputInfo> output(List<OutputInfo> outputs) {
        if (outputName.isPresent()) {
            Optional<OutputInfo> named = outputs.stream().filter(o -> o.name().equals(outputName.get())).findFirst();
            if (named.isPresent()) {
                return named;
            }
            DROPS.warn("output " + outputName.get(), "KWin at " + connection.display() + " has no output named \""
                    + outputName.get() + "\" (it has " + outputs.stream().map(OutputInfo::name).toList()
                    + "); absolute positions go to the first");
        }
        return outputs.stream().findFirst();
    }

    private static void track(Set<Integer> held, int code, boolean pressed) {
        if (pressed) {
            held.add(code);
        } else {
            held.remove(code);
        }
    }

    private boolean supports(int since, String what) {
        if (fakeInput.version() < since) {
            DROPS.warn(what, "KWin's " + FakeInput.INTERFACE + " is version " + fakeInput.version() + "; " + what
                    + " need version " + since + " and are dropped");
            return false;
        }
        return true;
    }

    private void send(int opcode, int since, String what, Object... args) {
        if (supports(since, what)) {
            submit(requests -> requests.send(fakeInput, opcode, args));
        }
    }

    private interface Send {
        void to(Requests requests) throws WaylandException;
    }

    private void submit(Send send) {
        connection.submit(requests -> {
            send.to(requests);
            return null;
        }).whenComplete((ignored, e) -> {
            if (e != null) {
                DROPS.warn("request", "a fake input request to KWin at " + connection.display() + " failed: "
                        + e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Integer> keys = List.copyOf(heldKeys);
        List<Integer> buttons = List.copyOf(heldButtons);
        boolean touching = !touches.isEmpty();
        heldKeys.clear();
        heldButtons.clear();
        touches.clear();
        if (!connection.lost().isDone()) {
            submit(requests -> {
                for (int key : keys) {
                    requests.send(fakeInput, FakeInput.KEYBOARD_KEY, key, FakeInput.RELEASED);
                }
                for (int button : buttons) {
                    requests.send(fakeInput, FakeInput.BUTTON, button, FakeInput.RELEASED);
                }
                if (touching) {
                    requests.send(fakeInput, FakeInput.TOUCH_CANCEL);
                }
            });
        }
        connection.close(); // runs the releases queued above, flushes, then disconnects
        onClose.run();
        LOG.log(System.Logger.Level.INFO, "KWin fake input closed: " + description + "; released " + keys.size()
                + " keys and " + buttons.size() + " buttons");
    }
}
