package io.lumen.input.x11.impl.xlib;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.ReentrantLock;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One connection to an X server (a Display*), for one session or one probe. Every call holds the connection's
 * lock, so a close from another thread never overlaps an event. Events are written with XFlush only (no round
 * trip): the injector must not wait for the server. A connection whose server went away fails every call with
 * {@link XException} and is closed by closing its socket: XCloseDisplay on a broken connection crashes libX11 1.8.
 */
public final class XConnection implements AutoCloseable {

    /** XTest's "now" for the delay argument; any other value delays the event by that many milliseconds. */
    private static final long CURRENT_TIME = 0L;
    private static final int TRUE = 1;
    private static final int FALSE = 0;
    /** XkbUseCoreKbd, and XkbStateRec on LP64: 18 bytes, group at 0, the effective mods at 6. */
    private static final int XKB_USE_CORE_KEYBOARD = 0x100;
    /** The core event type, and the size of the XEvent union (24 longs) on LP64. */
    private static final int MAPPING_NOTIFY = 34;
    private static final long X_EVENT_SIZE = 192;
    private static final long XKB_STATE_SIZE = 18;
    private static final long XKB_STATE_GROUP = 0;
    private static final long XKB_STATE_MODS = 6;

    private final Xlib xlib;
    private final XErrorTraps traps;
    private final String name;
    private final MemorySegment display;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private XConnection(Xlib xlib, XErrorTraps traps, String name, MemorySegment display) {
        this.xlib = xlib;
        this.traps = traps;
        this.name = name;
        this.display = display;
    }

    /** Connects to {@code name} (":0", ":1.0", "host:2"); Xlib reads XAUTHORITY from the environment. */
    public static XConnection open(Xlib xlib, XErrorTraps traps, String name) throws XException {
        MemorySegment display;
        try (Arena arena = Arena.ofConfined()) {
            display = (MemorySegment) xlib.openDisplay.invokeExact(arena.allocateFrom(name));
            if (display.address() == 0) {
                throw new XException("cannot open X display " + name);
            }
            xlib.setIoErrorExitHandler.invokeExact(display, traps.ioExitStub, MemorySegment.NULL);
        } catch (XException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("XOpenDisplay(" + name + ") failed", e);
        }
        traps.forget(display);
        return new XConnection(xlib, traps, name, display);
    }

    public String name() {
        return name;
    }

    /** Whether the server has the XTEST extension (one round trip). */
    public boolean hasXTest() throws XException {
        return ask("XTestQueryExtension", arena -> {
            MemorySegment ints = arena.allocate(JAVA_INT, 4);
            return (int) xlib.testQueryExtension.invokeExact(display, ints, ints.asSlice(4), ints.asSlice(8),
                    ints.asSlice(12)) != 0;
        });
    }

    /** The root window's size now (one round trip): it follows RandR changes, which XDisplayWidth does not. */
    public ScreenSize screenSize() throws XException {
        return ask("XGetGeometry", arena -> {
            long root = (long) xlib.defaultRootWindow.invokeExact(display);
            MemorySegment rootOut = arena.allocate(JAVA_LONG);
            MemorySegment ints = arena.allocate(JAVA_INT, 6);
            int status = (int) xlib.getGeometry.invokeExact(display, root, rootOut, ints, ints.asSlice(4),
                    ints.asSlice(8), ints.asSlice(12), ints.asSlice(16), ints.asSlice(20));
            if (status != 0) {
                return new ScreenSize(ints.getAtIndex(JAVA_INT, 2), ints.getAtIndex(JAVA_INT, 3));
            }
            int screen = (int) xlib.defaultScreen.invokeExact(display);
            return new ScreenSize((int) xlib.displayWidth.invokeExact(display, screen),
                    (int) xlib.displayHeight.invokeExact(display, screen));
        });
    }

    /** The keycodes the server accepts, inclusive; a fake key outside them is a protocol error. */
    public int[] keycodeRange() throws XException {
        return ask("XDisplayKeycodes", arena -> {
            MemorySegment ints = arena.allocate(JAVA_INT, 2);
            int ignored = (int) xlib.displayKeycodes.invokeExact(display, ints, ints.asSlice(4));
            return new int[] {ints.getAtIndex(JAVA_INT, 0), ints.getAtIndex(JAVA_INT, 1)};
        });
    }

    /** The keycode carrying {@code keysym} in the server's keymap, 0 when none does. */
    public int keycodeOf(long keysym) throws XException {
        return ask("XKeysymToKeycode",
                arena -> Byte.toUnsignedInt((byte) xlib.keysymToKeycode.invokeExact(display, keysym)));
    }

    /** The core keyboard mapping of keycodes {@code first}..{@code last} as the server has it now (one round trip). */
    @SuppressWarnings("restricted") // sizing the array XGetKeyboardMapping returns
    public KeyboardMapping keyboardMapping(int first, int last) throws XException {
        return ask("XGetKeyboardMapping", arena -> {
            MemorySegment perOut = arena.allocate(JAVA_INT);
            int count = last - first + 1;
            MemorySegment rows = (MemorySegment) xlib.getKeyboardMapping.invokeExact(display, (byte) first, count,
                    perOut);
            if (rows.address() == 0) {
                throw new XException("the X server on " + name + " sent no keyboard mapping");
            }
            try {
                int per = perOut.get(JAVA_INT, 0);
                long[] keysyms = rows.reinterpret(JAVA_LONG.byteSize() * count * per).toArray(JAVA_LONG);
                return new KeyboardMapping(first, per, keysyms);
            } finally {
                int ignored = (int) xlib.free.invokeExact(rows);
            }
        });
    }

    /**
     * Binds {@code keysyms} (unshifted, shifted, ...) to {@code keycode}, or nothing when none are given, then waits
     * until the server has done it: a key pressed after this returns types the new symbols. Every client is told
     * (MappingNotify) and fetches the change when it handles that notice.
     */
    public void remap(int keycode, long... keysyms) throws XException {
        long[] row = keysyms.length == 0 ? new long[] {KeyboardMapping.NO_SYMBOL} : keysyms;
        ask("XChangeKeyboardMapping", arena -> {
            int ignored = (int) xlib.changeKeyboardMapping.invokeExact(display, keycode, row.length,
                    arena.allocateFrom(JAVA_LONG, row), 1);
            // discarding: this connection never reads its events, and the MappingNotify every change brings
            // would pile up in its queue
            return (int) xlib.sync.invokeExact(display, TRUE);
        });
    }

    /**
     * Whether the server announced a keymap change (MappingNotify) since the last call, without waiting: only what
     * already arrived on the socket is read. The notices are taken off the queue, which nothing else reads.
     */
    public boolean mappingChanged() throws XException {
        return ask("XCheckTypedEvent", arena -> {
            int ignored = (int) xlib.pending.invokeExact(display);
            MemorySegment event = arena.allocate(X_EVENT_SIZE);
            boolean changed = false;
            while ((int) xlib.checkTypedEvent.invokeExact(display, MAPPING_NOTIFY, event) != 0) {
                changed = true;
            }
            return changed;
        });
    }

    /** The core keyboard's effective modifiers and group now (one round trip). */
    public KeyboardState keyboardState() throws XException {
        return ask("XkbGetState", arena -> {
            MemorySegment state = arena.allocate(XKB_STATE_SIZE);
            int status = (int) xlib.xkbGetState.invokeExact(display, XKB_USE_CORE_KEYBOARD, state);
            if (status != 0) {
                throw new XException("the X server on " + name + " did not report its keyboard state (XKB "
                        + "status " + status + ")");
            }
            return new KeyboardState(Byte.toUnsignedInt(state.get(JAVA_BYTE, XKB_STATE_MODS)),
                    Byte.toUnsignedInt(state.get(JAVA_BYTE, XKB_STATE_GROUP)));
        });
    }

    public void key(int keycode, boolean pressed) throws XException {
        send("XTestFakeKeyEvent",
                () -> (int) xlib.fakeKey.invokeExact(display, keycode, pressed ? TRUE : FALSE, CURRENT_TIME));
    }

    public void button(int button, boolean pressed) throws XException {
        send("XTestFakeButtonEvent",
                () -> (int) xlib.fakeButton.invokeExact(display, button, pressed ? TRUE : FALSE, CURRENT_TIME));
    }

    /** Moves the pointer to ({@code x}, {@code y}) of the screen it is on (screen -1: XTest's "current"). */
    public void moveTo(int x, int y) throws XException {
        send("XTestFakeMotionEvent", () -> (int) xlib.fakeMotion.invokeExact(display, -1, x, y, CURRENT_TIME));
    }

    public void moveBy(int dx, int dy) throws XException {
        send("XTestFakeRelativeMotionEvent",
                () -> (int) xlib.fakeRelativeMotion.invokeExact(display, dx, dy, CURRENT_TIME));
    }

    /** Waits until the server has handled everything sent (a round trip); never on the per-event path. */
    public void sync() throws XException {
        ask("XSync", arena -> (int) xlib.sync.invokeExact(display, FALSE));
    }

    /** Idempotent. A broken connection only has its socket closed (see the class comment). */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (!traps.lost(display)) {
                // a server lost now shows here, not in the middle of XCloseDisplay
                int ignored = (int) xlib.sync.invokeExact(display, FALSE);
            }
            if (traps.lost(display)) {
                int fd = (int) xlib.connectionNumber.invokeExact(display);
                int ignored = (int) xlib.closeFd.invokeExact(fd);
            } else {
                int ignored = (int) xlib.closeDisplay.invokeExact(display);
            }
            traps.forget(display);
        } catch (Throwable e) {
            throw new IllegalStateException("closing the X display " + name + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    public boolean isLost() {
        return traps.lost(display);
    }

    /** One event, written out at once: XFlush hands it to the socket without waiting for an answer. */
    private void send(String call, NativeCall body) throws XException {
        lock.lock();
        try {
            checkOpen();
            int ignored = body.run();
            ignored = (int) xlib.flush.invokeExact(display);
            checkLost();
        } catch (XException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(call + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** A query or round trip, with scratch memory for its out-parameters. */
    private <T> T ask(String call, NativeQuery<T> body) throws XException {
        lock.lock();
        try (Arena arena = Arena.ofConfined()) {
            checkOpen();
            T answer = body.run(arena);
            checkLost();
            return answer;
        } catch (XException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(call + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    @FunctionalInterface
    private interface NativeCall {
        int run() throws Throwable;
    }

    @FunctionalInterface
    private interface NativeQuery<T> {
        T run(Arena arena) throws Throwable;
    }

    private void checkLost() throws XException {
        if (traps.lost(display)) {
            throw new XException("the connection to the X server " + name + " broke (the server stopped?)");
        }
    }

    private void checkOpen() throws XException {
        if (closed) {
            throw new XException("the connection to the X server " + name + " is closed");
        }
        checkLost();
    }

    /**
     * What the keyboard does to a key now.
     *
     * @param modifiers the effective core modifier bits (Shift 0x01, Lock 0x02, Control 0x04, Mod1..Mod5 0x08..0x80)
     * @param group     the effective layout group, 0 for the first
     */
    public record KeyboardState(int modifiers, int group) {
        public static final int SHIFT = 0x01;
        public static final int LOCK = 0x02;
        /** Where the usual keymaps put ISO_Level3_Shift (AltGr). */
        public static final int MOD5 = 0x80;

        public boolean has(int modifier) {
            return (modifiers & modifier) != 0;
        }

        public KeyboardState without(int modifier) {
            return new KeyboardState(modifiers & ~modifier, group);
        }
    }

    /** A screen's size in pixels. */
    public record ScreenSize(int width, int height) {
    }
}
