package io.lumen.capture.mutter.impl;

import io.lumen.api.input.RemoteDesktop;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Input for one cast through its remote-desktop session. Every call is a no-reply D-Bus message, so the caller (the
 * session's input thread) never waits for Mutter; one that cannot be sent, or that comes after the cast ended, is
 * counted as dropped. Absolute positions and touch points name the cast's stream, which is how Mutter knows they
 * are in the streamed monitor's coordinates.
 */
final class MutterInput implements RemoteDesktop {

    private static final System.Logger LOG = System.getLogger("lumen.capture.mutter");

    private final MutterCast cast;
    private final String stream;
    private final int width;
    private final int height;
    private final AtomicLong dropped = new AtomicLong();

    MutterInput(MutterCast cast, int width, int height) {
        this.cast = cast;
        this.stream = cast.streamPath();
        this.width = width;
        this.height = height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void pointerMotionAbsolute(double x, double y) {
        send("NotifyPointerMotionAbsolute", "sdd", stream, x, y);
    }

    @Override
    public void pointerMotionRelative(double dx, double dy) {
        send("NotifyPointerMotionRelative", "dd", dx, dy);
    }

    @Override
    public void pointerButton(int button, boolean pressed) {
        send("NotifyPointerButton", "ib", button, pressed);
    }

    @Override
    public void pointerAxis(double dx, double dy, boolean finish) {
        send("NotifyPointerAxis", "ddu", dx, dy, new UInt32(finish ? MutterBus.AXIS_FINISH : 0));
    }

    @Override
    public void pointerAxisDiscrete(int axis, int steps) {
        if (axis != 0 && axis != 1) {
            dropped.incrementAndGet();
            return;
        }
        send("NotifyPointerAxisDiscrete", "ui", new UInt32(axis), steps);
    }

    @Override
    public void keyboardKeycode(int keycode, boolean pressed) {
        send("NotifyKeyboardKeycode", "ub", unsigned(keycode), pressed);
    }

    @Override
    public void keyboardKeysym(int keysym, boolean pressed) {
        send("NotifyKeyboardKeysym", "ub", unsigned(keysym), pressed);
    }

    @Override
    public void touchDown(int slot, double x, double y) {
        send("NotifyTouchDown", "sudd", stream, unsigned(slot), x, y);
    }

    @Override
    public void touchMotion(int slot, double x, double y) {
        send("NotifyTouchMotion", "sudd", stream, unsigned(slot), x, y);
    }

    @Override
    public void touchUp(int slot) {
        send("NotifyTouchUp", "u", unsigned(slot));
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    @Override
    public CompletionStage<String> ended() {
        return cast.ended().minimalCompletionStage();
    }

    private static UInt32 unsigned(int value) {
        return new UInt32(Integer.toUnsignedLong(value));
    }

    private void send(String member, String signature, Object... args) {
        if (!cast.isLive()) {
            dropped.incrementAndGet();
            return;
        }
        try {
            cast.connection().send(MutterBus.REMOTE_DESKTOP, cast.remoteDesktopPath(), MutterBus.REMOTE_DESKTOP_SESSION,
                    member, signature, args);
        } catch (DBusException | RuntimeException e) {
            // the first drop of a cast says why; the count says how many followed
            if (dropped.getAndIncrement() == 0) {
                LOG.log(System.Logger.Level.WARNING, "Mutter input for " + stream + " dropped: " + e);
            }
        }
    }
}
