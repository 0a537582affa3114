package io.lumen.capture.mutter.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.capture.CaptureBackend;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.capture.FrameSink;
import io.lumen.api.input.RemoteDesktop;
import io.lumen.api.input.RemoteDesktops;
import io.lumen.capture.pipewire.OnceEndingSink;
import io.lumen.capture.pipewire.PipeWireSource;
import io.lumen.capture.pipewire.PipeWireStreams;
import io.lumen.dbus.SessionBuses;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Captures a GNOME desktop through Mutter's ScreenCast D-Bus API: per capture, Mutter is asked for a virtual
 * monitor that takes the client's size and rate (or an existing monitor's, or a window's stream), on a D-Bus
 * connection of the capture's own, with a remote-desktop session linked to it, which input-remote-desktop finds
 * through this backend's {@link RemoteDesktops} service ({@code lumen.capture.backend=mutter}); the PipeWire node
 * Mutter answers with is handed to {@link PipeWireStreams}. Closing the capture ends the sessions and Mutter removes
 * the virtual monitor. Ranked below the synthetic pattern: chosen by pin or by an app's {@code capture = mutter}.
 */
@Component(service = {CaptureBackend.class, RemoteDesktops.class, MutterCaptureBackend.class},
        property = {"service.ranking:Integer=-10", RemoteDesktops.CAPTURE_BACKEND + "=" + MutterCaptureBackend.ID})
public final class MutterCaptureBackend implements CaptureBackend, RemoteDesktops {

    static final String ID = "mutter";

    private static final System.Logger LOG = System.getLogger("lumen.capture.mutter");

    @Reference
    private volatile PipeWireStreams streams;
    private volatile MutterSettings settings = MutterSettings.read(key -> null, System::getenv);
    private final List<MutterCaptureSession> sessions = new CopyOnWriteArrayList<>();
    private final Map<String, MutterCaptureSession> bySession = new ConcurrentHashMap<>();

    public MutterCaptureBackend() {
    }

    /** Outside OSGi: tests, tools. */
    MutterCaptureBackend(PipeWireStreams streams, MutterSettings settings) {
        this.streams = streams;
        this.settings = settings;
    }

    @Activate
    void activate(BundleContext context) {
        try {
            settings = MutterSettings.read(context::getProperty, System::getenv);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "Mutter capture: " + e.getMessage() + "; using the defaults");
            settings = MutterSettings.read(key -> key.equals(SessionBuses.SETTING)
                    ? context.getProperty(key) : null, System::getenv);
        }
        LOG.log(System.Logger.Level.INFO, "Mutter capture: " + probe() + " on " + settings.describe());
    }

    @Deactivate
    void deactivate() {
        sessions.forEach(MutterCaptureSession::close);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Probe probe() {
        String pipewire = streams.availability();
        if (!pipewire.equals(Probe.ok().toString())) {
            return Probe.unavailable("PipeWire capture is " + pipewire);
        }
        return reachable(MutterBus.SCREEN_CAST).map(Probe::unavailable).orElse(Probe.ok());
    }

    @Override
    public String availability() {
        return reachable(MutterBus.REMOTE_DESKTOP).orElse("ok");
    }

    /** Why {@code service} cannot be reached on the session bus now, or empty when it can. */
    private Optional<String> reachable(String service) {
        MutterSettings current = settings;
        try (MutterConnection connection = MutterConnection.open(current)) {
            return connection.owned(service) ? Optional.empty() : Optional.of(service + " is not on the "
                    + current.describe() + " (is this a GNOME session, and is lumen running in it?)");
        } catch (BackendException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public Optional<RemoteDesktop> remoteDesktop(String sessionId) {
        MutterCaptureSession session = sessionId == null ? null : bySession.get(sessionId);
        return session == null || !session.cast().isLive() ? Optional.empty() : Optional.of(session.input());
    }

    @Override
    public CaptureSession open(CaptureRequest request, FrameSink sink) throws BackendException {
        MutterTarget target;
        try {
            target = MutterTarget.parse(request.options().get(CaptureRequest.TARGET));
        } catch (IllegalArgumentException e) {
            throw new BackendException(e.getMessage());
        }
        MutterSettings current = settings;
        MutterCast cast = MutterCast.open(current, target, request.mode());
        try {
            String description = "Mutter " + cast.describeTarget(request.mode());
            OnceEndingSink once = new OnceEndingSink(sink, reason -> {
                LOG.log(System.Logger.Level.WARNING, description + " capture ended: " + reason);
                return reason;
            });
            CaptureSession pipewire = streams.open(PipeWireSource.of(Integer.toUnsignedString(cast.node())),
                    pipewireRequest(target, request), once);
            int[] size = StreamSize.of(cast, request.mode());
            Optional<String> sessionId = Optional.ofNullable(request.options().get(CaptureRequest.SESSION_ID));
            MutterCaptureSession session = new MutterCaptureSession(cast, pipewire, once,
                    new MutterInput(cast, size[0], size[1]), sessionId, description, this::forget);
            sessions.add(session);
            sessionId.ifPresent(id -> bySession.put(id, session));
            LOG.log(System.Logger.Level.INFO, description + " streams PipeWire node "
                    + Integer.toUnsignedString(cast.node()) + sessionId.map(id -> " for session " + id).orElse(""));
            return session;
        } catch (BackendException | RuntimeException e) {
            cast.close();
            throw e;
        }
    }

    /** A virtual monitor takes the size and rate the consumer fixes, so capture-pipewire offers exactly the client's. */
    private static CaptureRequest pipewireRequest(MutterTarget target, CaptureRequest request) {
        if (!(target instanceof MutterTarget.Virtual)) {
            return request;
        }
        Map<String, String> options = new HashMap<>(request.options());
        options.put(PipeWireStreams.EXACT_MODE, "true");
        return new CaptureRequest(request.mode(), request.formats(), request.firstSequence(), options);
    }

    private void forget(MutterCaptureSession session) {
        sessions.remove(session);
        session.sessionId().ifPresent(id -> bySession.remove(id, session));
    }

    MutterSettings settings() {
        return settings;
    }

    /** For {@code lumen:mutter}: one line per live capture. */
    List<String> describeSessions() {
        return sessions.stream().map(MutterCaptureSession::describe).toList();
    }
}
