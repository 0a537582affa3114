package io.lumen.input.x11.impl.xlib;

import io.lumen.nativeaccess.NativeLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The libX11 and libXtst calls the injector makes, bound through FFM. Only stable Xlib/XTest entry points are used;
 * the one struct read is XErrorEvent (see {@link XErrorTraps}). Xlib types on x86-64 and AArch64 Linux: Display* is
 * a pointer, Window/KeySym/Time are unsigned long (64 bits), Bool and Status are int, KeyCode is an unsigned char.
 * A machine without the libraries gets a reason naming the Debian package instead of a crash.
 */
public final class Xlib {

    public static final String X11 = "libX11.so.6";
    public static final String XTST = "libXtst.so.6";

    private final String unavailable;
    final MethodHandle openDisplay;
    final MethodHandle closeDisplay;
    final MethodHandle flush;
    final MethodHandle sync;
    final MethodHandle defaultScreen;
    final MethodHandle displayWidth;
    final MethodHandle displayHeight;
    final MethodHandle defaultRootWindow;
    final MethodHandle getGeometry;
    final MethodHandle keysymToKeycode;
    final MethodHandle displayKeycodes;
    final MethodHandle connectionNumber;
    final MethodHandle setErrorHandler;
    final MethodHandle setIoErrorHandler;
    final MethodHandle setIoErrorExitHandler;
    final MethodHandle testQueryExtension;
    final MethodHandle fakeKey;
    final MethodHandle fakeButton;
    final MethodHandle fakeMotion;
    final MethodHandle fakeRelativeMotion;
    final MethodHandle closeFd;
    final MethodHandle getKeyboardMapping;
    final MethodHandle changeKeyboardMapping;
    final MethodHandle free;
    final MethodHandle xkbGetState;
    final MethodHandle pending;
    final MethodHandle checkTypedEvent;

    private Xlib(String unavailable, NativeLibrary x11, NativeLibrary xtst) {
        this.unavailable = unavailable;
        boolean bound = unavailable == null;
        openDisplay = bound ? x11.downcall("XOpenDisplay", FunctionDescriptor.of(ADDRESS, ADDRESS)) : null;
        closeDisplay = bound ? x11.downcall("XCloseDisplay", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        flush = bound ? x11.downcall("XFlush", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        sync = bound ? x11.downcall("XSync", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)) : null;
        defaultScreen = bound ? x11.downcall("XDefaultScreen", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        displayWidth = bound ? x11.downcall("XDisplayWidth", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT))
                : null;
        displayHeight = bound ? x11.downcall("XDisplayHeight", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT))
                : null;
        defaultRootWindow = bound ? x11.downcall("XDefaultRootWindow", FunctionDescriptor.of(JAVA_LONG, ADDRESS))
                : null;
        // Status XGetGeometry(dpy, drawable, Window *root, int *x, int *y, unsigned *w, unsigned *h,
        //                     unsigned *border, unsigned *depth)
        getGeometry = bound ? x11.downcall("XGetGeometry", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS)) : null;
        keysymToKeycode = bound ? x11.downcall("XKeysymToKeycode", FunctionDescriptor.of(JAVA_BYTE, ADDRESS,
                JAVA_LONG)) : null;
        displayKeycodes = bound ? x11.downcall("XDisplayKeycodes", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                ADDRESS, ADDRESS)) : null;
        connectionNumber = bound ? x11.downcall("XConnectionNumber", FunctionDescriptor.of(JAVA_INT, ADDRESS))
                : null;
        setErrorHandler = bound ? x11.downcall("XSetErrorHandler", FunctionDescriptor.of(ADDRESS, ADDRESS)) : null;
        setIoErrorHandler = bound ? x11.downcall("XSetIOErrorHandler", FunctionDescriptor.of(ADDRESS, ADDRESS))
                : null;
        setIoErrorExitHandler = bound ? x11.downcall("XSetIOErrorExitHandler", FunctionDescriptor.ofVoid(ADDRESS,
                ADDRESS, ADDRESS)) : null;
        testQueryExtension = bound ? xtst.downcall("XTestQueryExtension", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS)) : null;
        fakeKey = bound ? xtst.downcall("XTestFakeKeyEvent", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT,
                JAVA_INT, JAVA_LONG)) : null;
        fakeButton = bound ? xtst.downcall("XTestFakeButtonEvent", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                JAVA_INT, JAVA_INT, JAVA_LONG)) : null;
        fakeMotion = bound ? xtst.downcall("XTestFakeMotionEvent", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG)) : null;
        fakeRelativeMotion = bound ? xtst.downcall("XTestFakeRelativeMotionEvent", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG)) : null;
        // KeySym *XGetKeyboardMapping(dpy, KeyCode first, int count, int *keysyms_per_keycode_return)
        getKeyboardMapping = bound ? x11.downcall("XGetKeyboardMapping", FunctionDescriptor.of(ADDRESS, ADDRESS,
                JAVA_BYTE, JAVA_INT, ADDRESS)) : null;
        // int XChangeKeyboardMapping(dpy, int first, int keysyms_per_keycode, KeySym *keysyms, int num_codes)
        changeKeyboardMapping = bound ? x11.downcall("XChangeKeyboardMapping", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT)) : null;
        free = bound ? x11.downcall("XFree", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        // Status XkbGetState(dpy, unsigned device_spec, XkbStateRec *state_return)
        xkbGetState = bound ? x11.downcall("XkbGetState", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT,
                ADDRESS)) : null;
        pending = bound ? x11.downcall("XPending", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        // Bool XCheckTypedEvent(dpy, int event_type, XEvent *event_return)
        checkTypedEvent = bound ? x11.downcall("XCheckTypedEvent", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT,
                ADDRESS)) : null;
        closeFd = bound ? NativeLibrary.libc().downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT)) : null;
        if (bound) {
            initThreads(x11);
        }
    }

    /**
     * Loads libX11 and libXtst under the given names (tests pass names that do not exist). Never throws for a
     * missing or too old library: {@link #unavailableReason()} says what is wrong and what to install.
     */
    public static Xlib load(Arena arena, String x11Name, String xtstName) {
        NativeLibrary x11 = NativeLibrary.load(arena, x11Name);
        if (!x11.isAvailable()) {
            return new Xlib(x11.unavailableReason().orElseThrow() + " (apt-get install libx11-6)", null, null);
        }
        NativeLibrary xtst = NativeLibrary.load(arena, xtstName);
        if (!xtst.isAvailable()) {
            return new Xlib(xtst.unavailableReason().orElseThrow() + " (apt-get install libxtst6)", null, null);
        }
        // XSetIOErrorExitHandler arrived in libX11 1.7 (2020); without it a lost X server would end the JVM.
        for (String symbol : new String[] {"XSetIOErrorExitHandler", "XDisplayKeycodes", "XGetGeometry",
                "XGetKeyboardMapping", "XChangeKeyboardMapping", "XkbGetState", "XPending", "XCheckTypedEvent"}) {
            if (!x11.hasSymbol(symbol)) {
                return new Xlib(x11Name + " has no " + symbol + " (libX11 1.7 or later is needed)", null, null);
            }
        }
        for (String symbol : new String[] {"XTestQueryExtension", "XTestFakeKeyEvent", "XTestFakeButtonEvent",
                "XTestFakeMotionEvent", "XTestFakeRelativeMotionEvent"}) {
            if (!xtst.hasSymbol(symbol)) {
                return new Xlib(xtstName + " has no " + symbol, null, null);
            }
        }
        return new Xlib(null, x11, xtst);
    }

    /**
     * Connections are used from the session's control thread and closed from others, and probes open their own on
     * any thread: Xlib must lock its internals. libX11 1.8 does this by itself; older ones need the call before
     * any other, which is why it is made as soon as the library is bound.
     */
    private static void initThreads(NativeLibrary x11) {
        try {
            int ignored = (int) x11.downcall("XInitThreads", FunctionDescriptor.of(JAVA_INT)).invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("XInitThreads failed", e);
        }
    }

    public boolean isAvailable() {
        return unavailable == null;
    }

    /** "libXtst.so.6 not found (apt-get install libxtst6)"; empty when both libraries loaded. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }
}
