package io.lumen.capture.portal.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.capture.CaptureBackend;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.capture.FrameSink;
import io.lumen.api.input.RemoteDesktop;
import io.lumen.capture.pipewire.OnceEndingSink;
import io.lumen.capture.pipewire.PipeWireSource;
import io.lumen.capture.pipewire.PipeWireStreams;
import io.lumen.dbus.SessionBuses;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Captures any desktop with an xdg-desktop-portal ScreenCast backend (GNOME, KDE, wlroots): the desktop asks the
 * user once in its own dialog, the portal's restore token is kept in lumen's data directory under the app's consent
 * name, and later streams (after reboots too) start without asking; a token the desktop no longer honours only
 * means the user is asked again. The PipeWire connection the portal hands over goes to {@link PipeWireStreams}.
 * Ranked below every backend that needs no user: chosen by pin or by an app's {@code capture = portal}.
 */
@Component(service = {CaptureBackend.class, PortalCaptureBackend.class},
        property = "service.ranking:Integer=-20")
public final class PortalCaptureBackend implements CaptureBackend {

    private static final System.Logger LOG = System.getLogger("lumen.capture.portal");

    @Reference
    private volatile PipeWireStreams streams;
    private volatile PortalSettings settings = PortalSettings.read(key -> null, System::getenv);
    private final List<PortalCaptureSession> sessions = new CopyOnWriteArrayList<>();
    private final Map<String, PortalCaptureSession> bySession = new ConcurrentHashMap<>();

    public PortalCaptureBackend() {
    }

    /** Outside OSGi: tests, tools. */
    PortalCaptureBackend(PipeWireStreams streams, PortalSettings settings) {
        this.streams = streams;
        this.settings = settings;
    }

    @Activate
    void activate(BundleContext context) {
        settings = PortalSettings.read(context::getProperty, System::getenv);
        LOG.log(System.Logger.Level.INFO, "portal capture: " + settings.describe());
    }

    @Deactivate
    void deactivate() {
        sessions.forEach(PortalCaptureSession::close);
    }

    @Override
    public String id() {
        return "portal";
    }

    @Override
    public Probe probe() {
        String pipewire = streams.availability();
        if (!pipewire.equals(Probe.ok().toString())) {
            return Probe.unavailable("PipeWire capture is " + pipewire);
        }
        return status().problem().map(Probe::unavailable).orElse(Probe.ok());
    }

    /** What lumen:portal shows: the portal's ScreenCast as lumen sees it, or why it sees none. */
    record Status(PortalSettings settings, Optional<PortalScreenCast.Capabilities> capabilities,
                  Optional<Boolean> passesFileDescriptors, Optional<String> problem) {
    }

    Status status() {
        PortalSettings current = settings;
        if (current.bus().isEmpty()) {
            return new Status(current, Optional.empty(), Optional.empty(), Optional.of(SessionBuses.noAddress()));
        }
        Optional<String> gone = SessionBuses.unreachable(current.bus().get());
        if (gone.isPresent()) {
            return new Status(current, Optional.empty(), Optional.empty(), gone);
        }
        PortalScreenCast cast;
        try {
            cast = PortalScreenCast.connect(current.bus().get());
        } catch (BackendException e) {
            return new Status(current, Optional.empty(), Optional.empty(), Optional.of(e.getMessage()));
        }
        try (cast) {
            Optional<Boolean> passes = Optional.of(cast.passesFileDescriptors());
            PortalScreenCast.Capabilities capabilities = cast.capabilities();
            Optional<String> problem = capabilities.sourceTypes() == 0
                    ? Optional.of("the desktop's portal has no ScreenCast backend (no source types offered)")
                    : Optional.empty();
            return new Status(current, Optional.of(capabilities), passes, problem);
        } catch (BackendException e) {
            return new Status(current, Optional.empty(), Optional.of(cast.passesFileDescriptors()),
                    Optional.of(e.getMessage()));
        }
    }

    RestoreTokens tokens() {
        return new RestoreTokens(settings.tokens());
    }

    @Override
    public CaptureSession open(CaptureRequest request, FrameSink sink) throws BackendException {
        PortalTarget target;
        try {
            target = PortalTarget.parse(request.options().get(CaptureRequest.TARGET));
        } catch (IllegalArgumentException e) {
            throw new BackendException(e.getMessage());
        }
        PortalSettings current = settings;
        String bus = current.bus().orElseThrow(() -> new BackendException(SessionBuses.noAddress()));
        RestoreTokens tokens = new RestoreTokens(current.tokens());
        Optional<String> remembered = tokens.load(target.consent());
        PortalScreenCast cast = PortalScreenCast.connect(bus);
        PortalScreenCast.Granted granted;
        try {
            granted = cast.start(target, remembered, current.callTimeout(), current.consentTimeout());
        } catch (BackendException | RuntimeException e) {
            if (cast.restoreTokenSpent()) {
                // the portal dropped the token when it took it; keeping it would only cost a round trip next time
                tokens.forget(target.consent());
            }
            cast.close();
            throw e;
        }
        if (granted.rememberable()) {
            remember(tokens, target, remembered, granted.restoreToken());
        }
        try {
            OnceEndingSink once = new OnceEndingSink(sink, reason -> {
                LOG.log(System.Logger.Level.WARNING, "portal capture ended: " + reason);
                return reason;
            });
            String node = Integer.toUnsignedString(granted.node());
            OptionalInt fd = cast.openPipeWireRemote();
            PipeWireSource source = fd.isPresent() ? new PipeWireSource(node, Optional.empty(), fd)
                    : PipeWireSource.of(node);
            CaptureSession pipewire = streams.open(source, request, once);
            Optional<PortalInput> input = input(cast, target, granted, request);
            Optional<String> sessionId = Optional.ofNullable(request.options().get(CaptureRequest.SESSION_ID));
            PortalCaptureSession session = new PortalCaptureSession(cast, pipewire, once, target, granted.node(),
                    fd.isPresent(), remembered.isPresent() && granted.rememberable(), input, sessionId, this::forget);
            sessions.add(session);
            sessionId.ifPresent(id -> bySession.put(id, session));
            LOG.log(System.Logger.Level.INFO, "portal capture streams " + session.describe());
            return session;
        } catch (BackendException | RuntimeException e) {
            cast.close();
            throw e;
        }
    }

    /** The granted remote desktop's input, when the target asked for it and the user shared a device. */
    private static Optional<PortalInput> input(PortalScreenCast cast, PortalTarget target,
                                               PortalScreenCast.Granted granted, CaptureRequest request) {
        if (!target.input()) {
            return Optional.empty();
        }
        if (granted.devices() == 0) {
            LOG.log(System.Logger.Level.WARNING, "the user allowed the screencast \"" + target.consent() + "\" but"
                    + " no input device: this stream carries no input");
            return Optional.empty();
        }
        // a portal that names no size leaves lumen the mode it asked for; the portal then refuses absolute motion
        int width = granted.width() > 0 ? granted.width() : request.mode().width();
        int height = granted.height() > 0 ? granted.height() : request.mode().height();
        return Optional.of(new PortalInput(cast.connection(), cast.session(), granted.node(), granted.devices(),
                width, height, cast.ended()));
    }

    /**
     * The remote desktop streaming for lumen session {@code sessionId}, if that session's portal capture carries
     * input and still lives (for the RemoteDesktops service).
     */
    Optional<RemoteDesktop> remoteDesktop(String sessionId) {
        PortalCaptureSession session = sessionId == null ? null : bySession.get(sessionId);
        return session == null || !session.isLive() ? Optional.empty() : session.input().<RemoteDesktop>map(in -> in);
    }

    /** "ok" when the portal offers a remote desktop now, else why not. */
    String inputAvailability() {
        Status status = status();
        if (status.problem().isPresent()) {
            return status.problem().get();
        }
        return status.capabilities().filter(c -> c.deviceTypes() != 0).map(c -> "ok")
                .orElse("the desktop portal offers no RemoteDesktop (no remote-desktop backend on this desktop)");
    }

    private void forget(PortalCaptureSession session) {
        sessions.remove(session);
        session.sessionId().ifPresent(id -> bySession.remove(id, session));
    }

    /** Keeps the token the portal gave back; none back means the consent was not kept (or not renewed). */
    private static void remember(RestoreTokens tokens, PortalTarget target, Optional<String> before,
                                 Optional<String> after) {
        if (after.isPresent() && !after.equals(before)) {
            try {
                tokens.save(target.consent(), after.get());
                LOG.log(System.Logger.Level.INFO, "screencast consent \"" + target.consent() + "\" remembered in "
                        + tokens.file(target.consent()) + ": later streams start without asking");
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "screencast consent \"" + target.consent() + "\" could not be"
                        + " remembered (" + e.getMessage() + "): the desktop will ask again next time");
            }
        } else if (after.isEmpty() && before.isPresent()) {
            tokens.forget(target.consent());
            LOG.log(System.Logger.Level.INFO, "the desktop did not renew the screencast consent \"" + target.consent()
                    + "\": the next stream asks again");
        }
    }

    /** For {@code lumen:portal}: one line per live capture. */
    List<String> describeSessions() {
        return sessions.stream().map(PortalCaptureSession::describe).toList();
    }
}
