package io.lumen.capture.portal.impl;

import io.lumen.api.input.RemoteDesktop;
import io.lumen.dbus.BusMessages;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Input for one portal screencast through the remote desktop it was granted as: the RemoteDesktop portal's Notify*
 * calls on that session, absolute positions and touch points naming the granted stream's node. The caller (the
 * session's input thread) only queues an event; one sender thread per session sends them one at a time and waits for
 * each reply before the next, because xdg-desktop-portal handles every call on a worker thread of its own and two
 * calls in flight together (a key's press and release) could reach the desktop swapped. An event the user did not
 * allow (a device type not shared), one that finds the queue full, the session ended or the portal refusing it, is
 * dropped and counted, never thrown.
 */
final class PortalInput implements RemoteDesktop {

    private static final System.Logger LOG = System.getLogger("lumen.capture.portal");
    /** About a second of a fast mouse: past it, the portal is stuck and old motion is worth nothing. */
    private static final int QUEUE = 1024;
    private static final Duration REPLY_WAIT = Duration.ofSeconds(2);
    private static final Map<String, Variant<?>> NO_OPTIONS = Map.of();
    private static final Map<String, Variant<?>> FINISH = BusMessages.vardict("finish", true);

    private record Notify(String member, String signature, Object[] args) {
    }

    private static final Notify STOP = new Notify("", "", new Object[0]);

    private final DBusConnection connection;
    private final DBusPath session;
    private final UInt32 stream;
    private final int devices;
    private final int width;
    private final int height;
    private final CompletableFuture<String> ended;
    private final BlockingQueue<Notify> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();

    /**
     * @param devices the device types the user shared (PortalBus.KEYBOARD | POINTER | TOUCHSCREEN)
     * @param width   the granted stream's size as the portal knows it, which bounds the positions it accepts
     */
    PortalInput(DBusConnection connection, DBusPath session, int node, int devices, int width, int height,
                CompletableFuture<String> ended) {
        this.connection = connection;
        this.session = session;
        this.stream = new UInt32(Integer.toUnsignedLong(node));
        this.devices = devices;
        this.width = width;
        this.height = height;
        this.ended = ended;
        Thread.ofPlatform().daemon().name("lumen-portal-input-" + Integer.toUnsignedString(node)).start(this::run);
        ended.whenComplete((reason, failure) -> {
            queue.clear();
            queue.offer(STOP);
        });
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** The device types the user shared, for lumen:portal and the stats. */
    int devices() {
        return devices;
    }

    long delivered() {
        return delivered.get();
    }

    @Override
    public void pointerMotionAbsolute(double x, double y) {
        send(PortalBus.POINTER, "NotifyPointerMotionAbsolute", "oa{sv}udd", session, NO_OPTIONS, stream, inside(x, width),
                inside(y, height));
    }

    @Override
    public void pointerMotionRelative(double dx, double dy) {
        send(PortalBus.POINTER, "NotifyPointerMotion", "oa{sv}dd", session, NO_OPTIONS, dx, dy);
    }

    @Override
    public void pointerButton(int button, boolean pressed) {
        send(PortalBus.POINTER, "NotifyPointerButton", "oa{sv}iu", session, NO_OPTIONS, button, state(pressed));
    }

    @Override
    public void pointerAxis(double dx, double dy, boolean finish) {
        send(PortalBus.POINTER, "NotifyPointerAxis", "oa{sv}dd", session, finish ? FINISH : NO_OPTIONS, dx, dy);
    }

    @Override
    public void pointerAxisDiscrete(int axis, int steps) {
        if (axis != 0 && axis != 1) {
            dropped.incrementAndGet();
            return;
        }
        send(PortalBus.POINTER, "NotifyPointerAxisDiscrete", "oa{sv}ui", session, NO_OPTIONS, new UInt32(axis), steps);
    }

    @Override
    public void keyboardKeycode(int keycode, boolean pressed) {
        send(PortalBus.KEYBOARD, "NotifyKeyboardKeycode", "oa{sv}iu", session, NO_OPTIONS, keycode, state(pressed));
    }

    @Override
    public void keyboardKeysym(int keysym, boolean pressed) {
        send(PortalBus.KEYBOARD, "NotifyKeyboardKeysym", "oa{sv}iu", session, NO_OPTIONS, keysym, state(pressed));
    }

    @Override
    public void touchDown(int slot, double x, double y) {
        send(PortalBus.TOUCHSCREEN, "NotifyTouchDown", "oa{sv}uudd", session, NO_OPTIONS, stream, unsigned(slot),
                inside(x, width), inside(y, height));
    }

    @Override
    public void touchMotion(int slot, double x, double y) {
        send(PortalBus.TOUCHSCREEN, "NotifyTouchMotion", "oa{sv}uudd", session, NO_OPTIONS, stream, unsigned(slot),
                inside(x, width), inside(y, height));
    }

    @Override
    public void touchUp(int slot) {
        send(PortalBus.TOUCHSCREEN, "NotifyTouchUp", "oa{sv}u", session, NO_OPTIONS, unsigned(slot));
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    @Override
    public CompletionStage<String> ended() {
        return ended.minimalCompletionStage();
    }

    /** The portal takes a position only strictly inside the stream: the right and bottom edges are moved in. */
    private static double inside(double value, int size) {
        if (size <= 0 || Double.isNaN(value)) {
            return Double.isNaN(value) ? 0 : value;
        }
        return Math.clamp(value, 0, Math.nextDown((double) size));
    }

    private static UInt32 state(boolean pressed) {
        return new UInt32(pressed ? 1 : 0);
    }

    private static UInt32 unsigned(int value) {
        return new UInt32(Integer.toUnsignedLong(value));
    }

    private void send(int device, String member, String signature, Object... args) {
        if ((devices & device) == 0 || ended.isDone()) {
            dropped.incrementAndGet();
            return;
        }
        if (!queue.offer(new Notify(member, signature, args))) {
            drop("the portal is not keeping up (" + QUEUE + " events waiting)");
        }
    }

    private void run() {
        try {
            for (Notify next = queue.take(); next != STOP; next = queue.take()) {
                deliver(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(Notify notify) {
        try {
            BusMessages.call(connection, PortalBus.NAME, PortalBus.PATH, PortalBus.REMOTE_DESKTOP, notify.member(),
                    REPLY_WAIT, notify.signature(), notify.args());
            delivered.incrementAndGet();
        } catch (BusMessages.NoReply e) {
            drop(notify.member() + " unanswered within " + REPLY_WAIT.toMillis() + " ms");
        } catch (DBusExecutionException e) {
            drop(notify.member() + " refused: " + e.getMessage());
        } catch (DBusException | RuntimeException e) {
            drop(notify.member() + " not sent: " + e);
        }
    }

    /** The first drop of a session says why; the count says how many followed. */
    private void drop(String reason) {
        if (dropped.getAndIncrement() == 0 && !ended.isDone()) {
            LOG.log(System.Logger.Level.WARNING, "portal input for stream " + stream + " dropped: " + reason);
        }
    }
}
