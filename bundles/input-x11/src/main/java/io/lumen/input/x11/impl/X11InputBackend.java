package io.lumen.input.x11.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.input.InputBackend;
import io.lumen.api.input.InputFeedback;
import io.lumen.api.input.InputKind;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.KeyCodes;
import io.lumen.input.x11.impl.xlib.XConnection;
import io.lumen.input.x11.impl.xlib.XErrorTraps;
import io.lumen.input.x11.impl.xlib.XException;
import io.lumen.input.x11.impl.xlib.Xlib;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * Injects a session's keyboard, text, mouse and scroll wheel into an X server (Xorg, Xvfb, Xwayland) through the XTEST
 * extension, each session on its own connection. Ranked 20: above having no injector, below uinput (50), which works
 * under any desktop, and the compositors' own input paths (30).
 */
@Component(service = InputBackend.class, property = "service.ranking:Integer=20")
public final class X11InputBackend implements InputBackend {

    private static final System.Logger LOG = System.getLogger("lumen.input.x11");
    static final Duration PROBE_MAX_AGE = Duration.ofSeconds(3);
    private static final Set<InputKind> KINDS = EnumSet.of(InputKind.KEY, InputKind.MOUSE_MOVE,
            InputKind.MOUSE_POSITION, InputKind.MOUSE_BUTTON, InputKind.SCROLL, InputKind.TEXT);
    /** XK_a and XK_Left, and where the evdev keymap puts them (KEY_A and KEY_LEFT plus 8). */
    private static final long KEYSYM_A = 0x61;
    private static final long KEYSYM_LEFT = 0xff51;
    private static final int EVDEV_A = 38;
    private static final int EVDEV_LEFT = 113;

    /** Bound on first use: a host with no X display configured never pays for binding libX11 (tens of ms). */
    private final Supplier<Xlib> xlib;
    private final IntUnaryOperator keyMap;
    private final ProbeCache probes = new ProbeCache(PROBE_MAX_AGE, System::nanoTime, this::check);
    private final List<X11InputSession> sessions = new CopyOnWriteArrayList<>();
    /** Empties the keycodes sessions borrowed for text; its one thread starts on demand and ends when idle. */
    private final ScheduledThreadPoolExecutor restorer = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "lumen-x11-keymap");
        thread.setDaemon(true);
        return thread;
    });
    private volatile X11Settings settings;
    private XErrorTraps traps;

    public X11InputBackend() {
        this(SystemXlib::get, KeyCodes::linux, X11Settings.read(key -> null, System::getenv));
    }

    /** Outside OSGi, on this machine's libraries: tests, tools. */
    X11InputBackend(IntUnaryOperator keyMap, X11Settings settings) {
        this(SystemXlib::get, keyMap, settings);
    }

    /**
     * Outside OSGi, on given libraries.
     *
     * @param keyMap a client's virtual-key code to a Linux key code, 0 for none
     */
    X11InputBackend(Xlib xlib, IntUnaryOperator keyMap, X11Settings settings) {
        this(() -> xlib, keyMap, settings);
    }

    private X11InputBackend(Supplier<Xlib> xlib, IntUnaryOperator keyMap, X11Settings settings) {
        this.xlib = xlib;
        this.keyMap = keyMap;
        this.settings = settings;
        restorer.setKeepAliveTime(10, TimeUnit.SECONDS);
        restorer.allowCoreThreadTimeOut(true);
        restorer.setRemoveOnCancelPolicy(true);
    }

    @Activate
    void activate(BundleContext context) {
        settings = X11Settings.read(context::getProperty, System::getenv);
        probes.invalidate();
        LOG.log(System.Logger.Level.INFO, "X11 input on " + settings.describe() + ": " + probe());
    }

    /**
     * Closes every session first (each empties the keycodes it borrowed): the error handlers must outlive the
     * connections that may call them.
     */
    @Deactivate
    void deactivate() {
        sessions.forEach(X11InputSession::close);
        restorer.shutdownNow();
        synchronized (this) {
            if (traps != null) {
                traps.close();
                traps = null;
            }
        }
    }

    @Override
    public String id() {
        return "x11";
    }

    @Override
    public Set<InputKind> kinds() {
        return KINDS;
    }

    @Override
    public Probe probe() {
        return probes.get();
    }

    private Probe check() {
        try {
            connect().close();
            return Probe.ok();
        } catch (XException e) {
            return Probe.unavailable(e.getMessage());
        } catch (RuntimeException e) {
            return Probe.unavailable("X11 input failed: " + e);
        }
    }

    @Override
    public InputSession open(InputRequest request, InputFeedback feedback) throws BackendException {
        XConnection connection = null;
        try {
            connection = connect();
            warnIfNotEvdev(connection);
            X11InputSession session = new X11InputSession(request.sessionId(), connection, keyMap, restorer,
                    sessions::remove);
            sessions.add(session);
            LOG.log(System.Logger.Level.INFO, "X11 input opened for session " + request.sessionId() + " on "
                    + connection.name() + " (" + session.screen().width() + "x" + session.screen().height() + ")");
            return session;
        } catch (XException e) {
            if (connection != null) {
                connection.close();
            }
            throw new BackendException(e.getMessage(), e);
        } catch (RuntimeException e) {
            if (connection != null) {
                connection.close();
            }
            throw e;
        }
    }

    /** A connection to the configured display that has XTEST; the exception's message is the reason for users. */
    XConnection connect() throws XException {
        String display = settings.display().orElseThrow(() -> new XException(X11Settings.NO_DISPLAY));
        Xlib library = xlib.get();
        if (!library.isAvailable()) {
            throw new XException(library.unavailableReason().orElseThrow());
        }
        XConnection connection = XConnection.open(library, traps(), display);
        try {
            if (!connection.hasXTest()) {
                throw new XException("X server on " + display + " has no XTEST extension");
            }
            return connection;
        } catch (XException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private synchronized XErrorTraps traps() {
        if (traps == null) {
            traps = new XErrorTraps(xlib.get());
        }
        return traps;
    }

    /** Keys are sent by position as evdev numbers them; another keymap would type other keys, so say so once. */
    private static void warnIfNotEvdev(XConnection connection) throws XException {
        int a = connection.keycodeOf(KEYSYM_A);
        int left = connection.keycodeOf(KEYSYM_LEFT);
        if (a != EVDEV_A || left != EVDEV_LEFT) {
            LOG.log(System.Logger.Level.WARNING, "the X server on " + connection.name() + " does not use the evdev"
                    + " keymap (a is keycode " + a + ", Left " + left + "; evdev has " + EVDEV_A + " and "
                    + EVDEV_LEFT + "): keys will type what the server's keymap puts at their evdev position");
        }
    }

    /** This machine's libX11 and libXtst, bound once by the first backend that needs them. */
    private static final class SystemXlib {
        private static final Xlib INSTANCE = Xlib.load(Arena.ofAuto(), Xlib.X11, Xlib.XTST);

        static Xlib get() {
            return INSTANCE;
        }
    }

    /** The live sessions, for diagnostics. */
    List<String> describeSessions() {
        return sessions.stream().map(X11InputSession::describe).toList();
    }
}
