package io.lumen.capture.kwin.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.capture.CaptureBackend;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.capture.FrameSink;
import io.lumen.capture.pipewire.OnceEndingSink;
import io.lumen.capture.pipewire.PipeWireSource;
import io.lumen.capture.pipewire.PipeWireStreams;
import io.lumen.wayland.WaylandConnection;
import io.lumen.wayland.WaylandException;
import io.lumen.wayland.WaylandSettings;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Captures a KDE Plasma desktop through KWin's screencast protocol: per session, KWin is asked for a virtual output
 * of the client's size (or an existing output's, or a window's stream), the PipeWire node KWin answers with is
 * handed to {@link PipeWireStreams}, which streams it, and closing the capture makes KWin remove the virtual output.
 * Ranked below the synthetic pattern: chosen by pin or by an app's {@code capture = kwin}.
 */
@Component(service = {CaptureBackend.class, KwinCaptureBackend.class},
        property = "service.ranking:Integer=-10")
public final class KwinCaptureBackend implements CaptureBackend {

    private static final System.Logger LOG = System.getLogger("lumen.capture.kwin");

    @Reference
    private volatile PipeWireStreams streams;
    private volatile WaylandSettings settings = KwinSettings.read(key -> null, System::getenv);
    private final List<KwinCaptureSession> sessions = new CopyOnWriteArrayList<>();
    private final AtomicInteger virtualOutputs = new AtomicInteger();

    public KwinCaptureBackend() {
    }

    /** Outside OSGi: tests, tools. */
    KwinCaptureBackend(PipeWireStreams streams, WaylandSettings settings) {
        this.streams = streams;
        this.settings = settings;
    }

    @Activate
    void activate(BundleContext context) {
        settings = KwinSettings.read(context::getProperty, System::getenv);
        Probe probe = probe();
        // an unavailable probe names the display already
        LOG.log(System.Logger.Level.INFO, "KWin capture: " + probe + (probe.available() ? " on "
                + settings.describe() : ""));
    }

    @Deactivate
    void deactivate() {
        sessions.forEach(KwinCaptureSession::close);
    }

    @Override
    public String id() {
        return "kwin";
    }

    @Override
    public Probe probe() {
        String pipewire = streams.availability();
        if (!pipewire.equals(Probe.ok().toString())) {
            return Probe.unavailable("PipeWire capture is " + pipewire);
        }
        Status status = status();
        return status.problem().map(Probe::unavailable).orElse(Probe.ok());
    }

    /** What lumen:kwin shows: the registry lumen sees, or why it sees none, and why it may not screencast. */
    record Status(String display, Optional<KwinRegistry> registry, Optional<String> problem) {
    }

    Status status() {
        WaylandSettings current = settings;
        // the display first: saying there is none needs no libwayland, whose binding costs a start tens of ms
        if (current.display().isEmpty()) {
            return new Status(current.describe(), Optional.empty(), current.reason());
        }
        Optional<String> library = WaylandConnection.libraryUnavailable();
        if (library.isPresent()) {
            return new Status(current.describe(), Optional.empty(), library);
        }
        try (KwinScreencast connection = KwinScreencast.open(current.display().get(), current.timeout())) {
            KwinRegistry registry = connection.registry(current.timeout());
            return new Status(current.describe(), Optional.of(registry),
                    KwinAccess.refusal(registry, KwinAccess.executable()));
        } catch (WaylandException e) {
            return new Status(current.describe(), Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    @Override
    public CaptureSession open(CaptureRequest request, FrameSink sink) throws BackendException {
        KwinTarget target;
        try {
            target = KwinTarget.parse(request.options().get(CaptureRequest.TARGET));
        } catch (IllegalArgumentException e) {
            throw new BackendException(e.getMessage());
        }
        WaylandSettings current = settings;
        String display = current.display().orElseThrow(() -> new BackendException(current.reason().orElseThrow()));
        KwinScreencast connection = null;
        ScreencastStream stream = null;
        try {
            connection = KwinScreencast.open(display, current.timeout());
            Optional<String> refusal = KwinAccess.refusal(connection.registry(current.timeout()),
                    KwinAccess.executable());
            if (refusal.isPresent()) {
                throw new BackendException(refusal.get());
            }
            stream = request(connection, target, request, current);
            int node = connection.await(stream.node(), current.timeout(), "KWin's created or failed event for the "
                    + stream.kind());
            OnceEndingSink once = new OnceEndingSink(sink, reason -> {
                LOG.log(System.Logger.Level.WARNING, "KWin capture ended: " + reason);
                return reason;
            });
            CaptureSession pipewire = streams.open(PipeWireSource.of(Integer.toUnsignedString(node)), request, once);
            KwinCaptureSession session = new KwinCaptureSession(connection, stream, pipewire, once, node,
                    sessions::remove);
            sessions.add(session);
            LOG.log(System.Logger.Level.INFO, "KWin capture streams the " + stream.kind() + " (PipeWire node "
                    + Integer.toUnsignedString(node) + ")");
            return session;
        } catch (WaylandException e) {
            withdraw(stream, connection);
            throw new BackendException(e.getMessage(), e);
        } catch (BackendException | RuntimeException e) {
            withdraw(stream, connection);
            throw e;
        }
    }

    /** A stream KWin never answered, or that PipeWire could not open, is closed before the connection goes. */
    private static void withdraw(ScreencastStream stream, KwinScreencast connection) {
        if (stream != null) {
            stream.close();
        }
        if (connection != null) {
            connection.close();
        }
    }

    private ScreencastStream request(KwinScreencast connection, KwinTarget target, CaptureRequest request,
                                     WaylandSettings current) throws WaylandException {
        return switch (target) {
            case KwinTarget.Virtual v -> connection.streamVirtualOutput("lumen-" + virtualOutputs.incrementAndGet(),
                    request.mode().width(), request.mode().height(), current.timeout());
            case KwinTarget.Output o -> connection.streamOutput(o.name(), current.timeout());
            case KwinTarget.Window w -> connection.streamWindow(w.uuid(), current.timeout());
        };
    }

    /** For {@code lumen:kwin}: one line per live capture. */
    List<String> describeSessions() {
        return sessions.stream().map(KwinCaptureSession::describe).toList();
    }
}
