package io.lumen.capture.gamescope.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.capture.CaptureBackend;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.capture.FrameSink;
import io.lumen.capture.pipewire.PipeWireNode;
import io.lumen.capture.pipewire.PipeWireSource;
import io.lumen.capture.pipewire.PipeWireStreams;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Captures gamescope: launches it around the session's app at the client's size and rate, or attaches to a running
 * one, finds its PipeWire node and hands it to {@link PipeWireStreams}, which streams it. This bundle only finds
 * nodes; it has no streaming code of its own.
 * <p>
 * Per session, the capture options choose: {@link CaptureRequest#TARGET} (a node id, or {@code running} to look
 * gamescope's node up in the registry) attaches; else the attach setting ({@link GamescopeSettings}) attaches; else
 * {@value #COMMAND} (the app's command line) is launched inside gamescope. Ranked below the synthetic pattern: it
 * is chosen by pin or by an app's {@code capture = gamescope}.
 */
@Component(service = {CaptureBackend.class, GamescopeCaptureBackend.class},
        property = "service.ranking:Integer=-10")
public final class GamescopeCaptureBackend implements CaptureBackend {

    /** Capture option: the app's shell command line, run inside gamescope. */
    static final String COMMAND = "command";
    /** gamescope's pipewire.cpp names its stream's node so; an adapter object carries the name too. */
    static final String NODE_NAME = "gamescope";

    private static final System.Logger LOG = System.getLogger("lumen.capture.gamescope");

    @Reference
    private volatile PipeWireStreams streams;
    private volatile GamescopeSettings settings = GamescopeSettings.defaults();
    private volatile GamescopeLauncher launcher = new GamescopeLauncher(settings.binary());
    private final List<GamescopeCaptureSession> sessions = new CopyOnWriteArrayList<>();

    public GamescopeCaptureBackend() {
    }

    /** Outside OSGi: tests, tools. */
    GamescopeCaptureBackend(PipeWireStreams streams, GamescopeSettings settings) {
        this.streams = streams;
        configure(settings);
    }

    @Activate
    void activate(BundleContext context) {
        configure(GamescopeSettings.read(context::getProperty, System::getenv));
        LOG.log(System.Logger.Level.INFO, "gamescope capture: " + probe() + "; " + settings.describeAttach());
    }

    private void configure(GamescopeSettings newSettings) {
        settings = newSettings;
        launcher = new GamescopeLauncher(newSettings.binary());
    }

    @Deactivate
    void deactivate() {
        sessions.forEach(GamescopeCaptureSession::close);
    }

    @Override
    public String id() {
        return "gamescope";
    }

    @Override
    public Probe probe() {
        String pipewire = streams.availability();
        if (!pipewire.equals(Probe.ok().toString())) {
            return Probe.unavailable("PipeWire capture is " + pipewire);
        }
        if (settings.attach().isPresent()) {
            return Probe.ok();
        }
        return launcher.unavailableReason().map(Probe::unavailable).orElse(Probe.ok());
    }

    @Override
    public CaptureSession open(CaptureRequest request, FrameSink sink) throws BackendException {
        Optional<String> attach = Optional.ofNullable(request.options().get(CaptureRequest.TARGET))
                .filter(t -> !t.isBlank()).or(settings::attach);
        if (attach.isPresent()) {
            String how = request.options().containsKey(CaptureRequest.TARGET) ? "capture target" : "attach setting";
            int node = attach.get().strip().equals(GamescopeSettings.RUNNING) ? nodeFromRegistry()
                    : parseNode(attach.get(), how);
            LOG.log(System.Logger.Level.INFO, "gamescope capture attaches to node " + node + " (" + how + ")");
            return stream(node, how, null, request, sink);
        }
        String command = request.options().get(COMMAND);
        if (command == null || command.isBlank()) {
            throw new BackendException("gamescope needs an app to run (the capture option \"" + COMMAND + "\": an app"
                    + " entry's command) or a gamescope to attach to (" + GamescopeSettings.ATTACH_ENV
                    + "=<node id|running>, lumen.gamescope.node, or lumen:capture gamescope <node id|running>)");
        }
        GamescopeProcess process = launcher.launch(request.mode(), command);
        try {
            int node = process.awaitNode(settings.nodeTimeout());
            return stream(node, "advertised", process, request, sink);
        } catch (BackendException | RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /**
     * Streams {@code node}; a launched gamescope that exits ends the capture at once, rather than after the pipewire
     * capture's wait for a departed node to come back.
     */
    CaptureSession stream(int node, String origin, GamescopeProcess launched, CaptureRequest request,
                          FrameSink sink) throws BackendException {
        FrameSink explaining = new StallExplainingSink(sink, launched == null ? () -> null : launched::state);
        CaptureSession stream = streams.open(PipeWireSource.of(Integer.toString(node)), request, explaining);
        if (launched != null) {
            launched.exitedOnItsOwn().thenAccept(reason -> explaining.ended("gamescope " + launched.state()));
        }
        GamescopeCaptureSession session = new GamescopeCaptureSession(stream, launched, node, origin,
                sessions::remove);
        sessions.add(session);
        return session;
    }

    private static int parseNode(String value, String how) throws BackendException {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new BackendException("gamescope attaches to a node id or \"" + GamescopeSettings.RUNNING
                    + "\", not \"" + value + "\" (" + how + ")");
        }
    }

    /**
     * gamescope's node as the registry shows it, for when its log line is not available. The newest Video/Source
     * named {@value #NODE_NAME} wins: several gamescopes may run, and the newest is the likeliest one just started.
     */
    int nodeFromRegistry() throws BackendException {
        List<PipeWireNode> named = streams.nodes(Optional.empty()).stream()
                .filter(n -> n.name().equals(NODE_NAME)).toList();
        return named.stream()
                .max(Comparator.comparing((PipeWireNode n) -> n.mediaClass().equals("Video/Source"))
                        .thenComparingLong(PipeWireNode::serial).thenComparingInt(PipeWireNode::id))
                .map(PipeWireNode::id)
                .orElseThrow(() -> new BackendException("no PipeWire video node named \"" + NODE_NAME + "\" on "
                        + streams.configuredDaemon() + ": is gamescope running, built with PipeWire, on this daemon?"));
    }

    /** For {@code lumen:gamescope}: one line per live capture, launched or attached. */
    List<String> describeSessions() {
        return sessions.stream().map(GamescopeCaptureSession::describe).toList();
    }

    String describeSettings() {
        return settings.describeAttach() + "; binary " + settings.binary() + " (" + launcher.locate()
                .map(p -> "found at " + p).orElse("not found") + "); node timeout "
                + settings.nodeTimeout().toMillis() + " ms";
    }
}
