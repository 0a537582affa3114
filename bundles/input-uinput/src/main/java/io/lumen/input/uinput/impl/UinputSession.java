package io.lumen.input.uinput.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.input.GamepadArrival;
import io.lumen.api.input.GamepadBattery;
import io.lumen.api.input.GamepadMotion;
import io.lumen.api.input.GamepadState;
import io.lumen.api.input.GamepadTouchpad;
import io.lumen.api.input.HapticsRequest;
import io.lumen.api.input.InputEvent;
import io.lumen.api.input.InputFeedback;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.MouseButtonChange;
import io.lumen.api.input.MouseMove;
import io.lumen.api.input.MousePosition;
import io.lumen.api.input.Pen;
import io.lumen.api.input.Scroll;
import io.lumen.api.input.Touch;
import io.lumen.input.uinput.impl.device.AbsolutePointer;
import io.lumen.input.uinput.impl.device.Keyboard;
import io.lumen.input.uinput.impl.device.PenTablet;
import io.lumen.input.uinput.impl.device.RelativeMouse;
import io.lumen.input.uinput.impl.device.Touchscreen;
import io.lumen.input.uinput.impl.device.VirtualDevice;
import io.lumen.log.WarnOnce;

import java.io.IOException;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

/**
 * One session's virtual devices. The keyboard and the mouse exist from the start, so the desktop has taken them
 * in before the first keystroke; the pointer, touchscreen, pen and pads appear with the first event that needs
 * them (creating one costs the desktop a device scan, and most sessions never touch a pen).
 */
final class UinputSession implements InputSession {

    private static final System.Logger LOG = System.getLogger("lumen.input.uinput");

    private final InputRequest request;
    private final PortOpener opener;
    private final WarnOnce drops = new WarnOnce(LOG);
    private final Keyboard keyboard;
    private final RelativeMouse mouse;
    private final Pads pads;
    private AbsolutePointer pointer;
    private Touchscreen touchscreen;
    private PenTablet pen;
    private boolean closed;

    private UinputSession(InputRequest request, PortOpener opener, PadPorts padPorts, Keyboard keyboard,
                          RelativeMouse mouse, InputFeedback feedback, LongSupplier clockMillis) {
        this.request = request;
        this.opener = opener;
        this.keyboard = keyboard;
        this.mouse = mouse;
        this.pads = new Pads(request.sessionId(), request.clientName(), opener, padPorts, feedback, clockMillis);
    }

    static UinputSession open(InputRequest request, InputFeedback feedback, PortOpener opener, PadPorts padPorts,
                              IntUnaryOperator keyCodes, LongSupplier clockMillis) throws BackendException {
        VirtualDevice keyboardDevice = null;
        try {
            keyboardDevice = VirtualDevice.create(opener.open(), Keyboard.spec(request.clientName()));
            VirtualDevice mouseDevice = VirtualDevice.create(opener.open(), RelativeMouse.spec(request.clientName()));
            LOG.log(System.Logger.Level.INFO, "session " + request.sessionId() + ": uinput keyboard and mouse ready");
            return new UinputSession(request, opener, padPorts, new Keyboard(keyboardDevice, keyCodes),
                    new RelativeMouse(mouseDevice), feedback, clockMillis);
        } catch (IOException e) {
            if (keyboardDevice != null) {
                keyboardDevice.close();
            }
            throw new BackendException("cannot create the virtual keyboard and mouse: " + e.getMessage(), e);
        }
    }

    @Override
    public void accept(InputEvent event) throws BackendException {
        if (closed) {
            throw new BackendException("the uinput session " + request.sessionId() + " is closed");
        }
        try {
            switch (event) {
                case KeyChange key -> {
                    if (!keyboard.accept(key)) {
                        drops.warn("unmapped key", "virtual key 0x" + Integer.toHexString(key.virtualKey())
                                + " maps to no Linux key; dropped");
                    }
                }
                case MouseMove move -> mouse.move(move.deltaX(), move.deltaY());
                case MouseButtonChange button -> mouse.button(button.button(), button.pressed());
                case Scroll scroll -> mouse.scroll(scroll);
                case MousePosition position -> pointer().moveTo(position);
                case Touch touch -> {
                    if (!touchscreen().accept(touch)) {
                        drops.warn("touch slots full", "a touch beyond " + Touchscreen.SLOTS
                                + " fingers was dropped");
                    }
                }
                case Pen stylus -> pen().accept(stylus);
                case GamepadArrival arrival -> pads.arrive(arrival);
                case GamepadState state -> pads.state(state);
                case GamepadTouchpad touch -> pads.touchpad(touch);
                case GamepadMotion motion -> pads.motion(motion);
                case GamepadBattery battery -> pads.battery(battery);
                case HapticsRequest ignored -> {
                    // rumble is always forwarded; the request only tells that the client wants it
                }
                default -> drops.warn("unsupported " + event.getClass().getSimpleName(),
                        event.getClass().getSimpleName() + " is not injected by uinput; dropped");
            }
        } catch (IOException e) {
            throw new BackendException("uinput write failed: " + e.getMessage(), e);
        }
    }

    private AbsolutePointer pointer() throws IOException {
        if (pointer == null) {
            pointer = new AbsolutePointer(VirtualDevice.create(opener.open(),
                    AbsolutePointer.spec(request.clientName(), request.streamWidth(), request.streamHeight())));
        }
        return pointer;
    }

    private Touchscreen touchscreen() throws IOException {
        if (touchscreen == null) {
            touchscreen = new Touchscreen(VirtualDevice.create(opener.open(),
                    Touchscreen.spec(request.clientName(), request.streamWidth(), request.streamHeight())));
        }
        return touchscreen;
    }

    private PenTablet pen() throws IOException {
        if (pen == null) {
            pen = new PenTablet(VirtualDevice.create(opener.open(),
                    PenTablet.spec(request.clientName(), request.streamWidth(), request.streamHeight())));
        }
        return pen;
    }

    /** Whether the pad of {@code controllerNumber} is plugged in; for diagnostics and tests. */
    boolean hasPad(int controllerNumber) {
        return pads.has(controllerNumber);
    }

    /** "DualSense" or "X-Box 360", or null without a pad of that number; for diagnostics and tests. */
    String padKind(int controllerNumber) {
        return pads.kind(controllerNumber);
    }

    /** The kernel's name for an Xbox pad's input device; for tests that open its event node. */
    String xboxPadSysname(int controllerNumber) {
        return pads.xboxSysname(controllerNumber);
    }

    /**
     * Lifts fingers and the pen first (a touch left down would stay a press), then each device lets go of its
     * keys and buttons and is destroyed; the pads' rumble stops with the feedback loop.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (touchscreen != null) {
                touchscreen.liftAll();
            }
            if (pen != null) {
                pen.leave();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "lifting touches at close failed: " + e.getMessage());
        }
        pads.close();
        for (VirtualDevice device : new VirtualDevice[] {
                pen == null ? null : pen.device(), touchscreen == null ? null : touchscreen.device(),
                pointer == null ? null : pointer.device(), mouse.device(), keyboard.device()}) {
            if (device != null) {
                device.close();
            }
        }
        LOG.log(System.Logger.Level.INFO, "session " + request.sessionId() + ": uinput devices removed");
    }
}
