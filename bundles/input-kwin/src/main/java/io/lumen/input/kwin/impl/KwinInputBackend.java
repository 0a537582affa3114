package io.lumen.input.kwin.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.input.InputBackend;
import io.lumen.api.input.InputFeedback;
import io.lumen.api.input.InputKind;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.KeyCodes;
import io.lumen.api.session.StreamRequest;
import io.lumen.wayland.EventHandler;
import io.lumen.wayland.RegistrySnapshot;
import io.lumen.wayland.WaylandConnection;
import io.lumen.wayland.WaylandException;
import io.lumen.wayland.WaylandProxy;
import io.lumen.wayland.WaylandSettings;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

/**
 * Injects a session's keyboard, mouse and touch into a KDE Plasma desktop through KWin's
 * {@code org_kde_kwin_fake_input}: one authenticated Wayland connection per session. Ranked above the X11 path, so
 * a Plasma Wayland session uses it when KWin lets lumen in.
 */
@Component(service = InputBackend.class, property = "service.ranking:Integer=30")
public final class KwinInputBackend implements InputBackend {

    static final String ID = "kwin-fake-input";
    /** How long a probe's answer is reused: session listings probe often, and each probe is a connection. */
    static final Duration PROBE_CACHE = Duration.ofSeconds(3);
    private static final System.Logger LOG = System.getLogger("lumen.input.kwin");
    private static final Set<InputKind> KINDS = EnumSet.of(InputKind.KEY, InputKind.MOUSE_MOVE,
            InputKind.MOUSE_POSITION, InputKind.MOUSE_BUTTON, InputKind.SCROLL, InputKind.TOUCH);

    private volatile WaylandSettings settings;
    private final IntUnaryOperator keyCodes;
    private final LongSupplier clock;
    private final List<KwinInputSession> sessions = new CopyOnWriteArrayList<>();
    private volatile CachedProbe cached;

    private record CachedProbe(long at, Probe probe) {
    }

    public KwinInputBackend() {
        this(KwinInputSettings.read(key -> null, System::getenv), KeyCodes::linux, System::nanoTime);
    }

    /** Outside OSGi: tests pass their display, key table and clock. */
    KwinInputBackend(WaylandSettings settings, IntUnaryOperator keyCodes, LongSupplier clock) {
        this.settings = settings;
        this.keyCodes = keyCodes;
        this.clock = clock;
    }

    @Activate
    void activate(BundleContext context) {
        settings = KwinInputSettings.read(context::getProperty, System::getenv);
        cached = null;
        Probe probe = probe();
        // an unavailable probe names the display already
        LOG.log(System.Logger.Level.INFO, "KWin fake input: " + probe + (probe.available() ? " on "
                + settings.describe() : ""));
    }

    @Deactivate
    void deactivate() {
        sessions.forEach(KwinInputSession::close);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<InputKind> kinds() {
        return KINDS;
    }

    @Override
    public Probe probe() {
        CachedProbe last = cached;
        long now = clock.getAsLong();
        if (last != null && now - last.at() < PROBE_CACHE.toNanos()) {
            return last.probe();
        }
        Probe probe = probeNow();
        cached = new CachedProbe(now, probe);
        return probe;
    }

    private Probe probeNow() {
        WaylandSettings current = settings;
        // the display first: saying there is none needs no libwayland, whose binding costs a start tens of ms
        if (current.display().isEmpty()) {
            return Probe.unavailable("no Wayland display: " + current.reason().orElseThrow());
        }
        Optional<String> library = WaylandConnection.libraryUnavailable();
        if (library.isPresent()) {
            return Probe.unavailable(library.get());
        }
        try (WaylandConnection connection = WaylandConnection.open(current.display().get(), current.timeout())) {
            return refusal(connection.snapshot(current.timeout())).map(Probe::unavailable).orElse(Probe.ok());
        } catch (WaylandException e) {
            return Probe.unavailable("no Wayland display: " + e.getMessage());
        }
    }

    /**
     * KWin does not refuse fake input with an error: it leaves the global out of the registry of a client it does
     * not trust, exactly as it does with its screencast.
     */
    static Optional<String> refusal(RegistrySnapshot registry) {
        if (registry.version(FakeInput.INTERFACE) > 0) {
            return Optional.empty();
        }
        String remedy = "run KWin with KWIN_WAYLAND_NO_PERMISSION_CHECKS=1, or give lumen a .desktop file (e.g."
                + " ~/.local/share/applications/lumen.desktop) whose Exec= is lumen's executable, " + executable()
                + ", with X-KDE-Wayland-Interfaces=" + FakeInput.INTERFACE + " (KWin reads it when lumen connects)";
        if (!registry.looksLikeKwin()) {
            return Optional.of("the compositor at " + registry.display() + " does not offer " + FakeInput.INTERFACE
                    + " (it is not KWin: it advertises no KDE interfaces)");
        }
        return Optional.of("KWin at " + registry.display() + " does not offer " + FakeInput.INTERFACE + " to lumen"
                + " (KWin hides it from clients it does not trust): " + remedy);
    }

    /** The executable KWin sees for this process: the java binary, not a launcher script. */
    static String executable() {
        return ProcessHandle.current().info().command().orElse("the java binary that runs lumen");
    }

    @Override
    public InputSession open(InputRequest request, InputFeedback feedback) throws BackendException {
        WaylandSettings current = settings;
        String display = current.display().orElseThrow(() -> new BackendException("no Wayland display: "
                + current.reason().orElseThrow()));
        WaylandConnection connection;
        try {
            connection = WaylandConnection.open(display, current.timeout());
        } catch (WaylandException e) {
            throw new BackendException("no Wayland display: " + e.getMessage(), e);
        }
        try {
            Optional<String> refusal = refusal(connection.snapshot(current.timeout()));
            if (refusal.isPresent()) {
                throw new BackendException(refusal.get());
            }
            String reason = "stream this desktop to " + request.clientName() + " (session " + request.sessionId()
                    + ") and type, point and touch for it";
            WaylandProxy fakeInput = connection.call(requests -> {
                WaylandProxy bound = requests.bind(FakeInput.DESCRIBED, FakeInput.VERSION,
                        EventHandler.IGNORE).orElseThrow(() -> new WaylandException(
                        FakeInput.INTERFACE + " went away"));
                // KWin ignores every other request of this object until it has granted this one
                requests.send(bound, FakeInput.AUTHENTICATE, "lumen", reason);
                return bound;
            }, current.timeout(), "binding " + FakeInput.INTERFACE);
            connection.await(connection.sync(), current.timeout(), "KWin's answer to authenticate");
            Optional<String> output = streamedOutput(request);
            String description = "session " + request.sessionId() + " on " + display + " (" + FakeInput.INTERFACE
                    + " v" + fakeInput.version() + ", absolute positions on " + output.orElse("the first output") + ")";
            KwinInputSession[] session = new KwinInputSession[1];
            session[0] = new KwinInputSession(connection, fakeInput, keyCodes, output, description,
                    () -> sessions.remove(session[0]));
            sessions.add(session[0]);
            LOG.log(System.Logger.Level.INFO, "KWin fake input opened: " + description);
            return session[0];
        } catch (WaylandException e) {
            connection.close();
            throw new BackendException(e.getMessage(), e);
        } catch (BackendException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The output the session streams, when its capture is KWin's stream of an existing output
     * ({@code output:<name>} or a bare name); a virtual output or window cast, or another capture, names none.
     */
    static Optional<String> streamedOutput(InputRequest request) {
        if (!"kwin".equals(request.options().get(StreamRequest.CAPTURE_BACKEND))) {
            return Optional.empty();
        }
        String target = request.options().getOrDefault(CaptureRequest.TARGET, "").strip();
        if (target.isEmpty() || target.equals("virtual") || target.startsWith("window:")) {
            return Optional.empty();
        }
        String name = target.startsWith("output:") ? target.substring("output:".length()).strip() : target;
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }
}
