package io.lumen.capture.gamescope.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.capture.AppHost;
import io.lumen.api.capture.CaptureBackend;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.capture.FrameSink;
import io.lumen.api.capture.HostedApp;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.pipewire.OnceEndingSink;
import io.lumen.capture.pipewire.PipeWireNode;
import io.lumen.capture.pipewire.PipeWireSource;
import io.lumen.capture.pipewire.PipeWireStreams;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Captures gamescope: runs an app inside it at the client's size and rate (as the {@link AppHost} of apps whose
 * capture is gamescope), or attaches to a running one; finds its PipeWire node and hands it to
 * {@link PipeWireStreams}, which streams it. This bundle only finds nodes; it has no streaming code of its own.
 * <p>
 * Per session, the capture options choose: a launch's gamescope (its output file, see {@link LaunchedGamescope}) is
 * streamed from the node it advertises; else {@link CaptureRequest#TARGET} (a node id, or {@code running} to look
 * gamescope's node up in the registry) attaches; else the attach setting ({@link GamescopeSettings}) does. Ranked
 * below the synthetic pattern: it is chosen by pin or by an app's {@code capture = gamescope}.
 */
@Component(service = {CaptureBackend.class, AppHost.class, GamescopeCaptureBackend.class},
        property = "service.ranking:Integer=-10")
public final class GamescopeCaptureBackend implements CaptureBackend, AppHost {

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

    /**
     * gamescope around {@code appCommand} at the client's mode. Its output goes to {@code output}, where the captures
     * of the launch read the node it advertises; the launcher owns the process.
     */
    @Override
    public HostedApp host(String appCommand, VideoMode mode, Path output) throws BackendException {
        List<String> commandLine = launcher.commandLine(mode, appCommand);
        LOG.log(System.Logger.Level.INFO, "gamescope will run \"" + appCommand + "\" at " + mode.width() + "x"
                + mode.height() + "@" + mode.fps() + "; its output goes to " + output);
        return new HostedApp(commandLine, Map.of(LaunchedGamescope.OUTPUT, output.toString(),
                LaunchedGamescope.OUTPUT_FROM, Long.toString(LaunchedGamescope.sizeOf(output))));
    }

    @Override
    public CaptureSession open(CaptureRequest request, FrameSink sink) throws BackendException {
        Optional<LaunchedGamescope> launched = LaunchedGamescope.from(request.options());
        if (launched.isPresent()) {
            int node = launched.get().awaitNode(settings.nodeTimeout());
            LOG.log(System.Logger.Level.INFO, launched.get().describe() + " advertised node " + node);
            return stream(node, "advertised", launched.get(), request, sink);
        }
        Optional<String> attach = Optional.ofNullable(request.options().get(CaptureRequest.TARGET))
                .filter(t -> !t.isBlank()).or(settings::attach);
        if (attach.isEmpty()) {
            throw new BackendException("gamescope streams an app launched inside it (an app entry with a command and"
                    + " capture = gamescope) or a running gamescope (" + GamescopeSettings.ATTACH_ENV
                    + "=<node id|running>, lumen.gamescope.node, or lumen:capture gamescope <node id|running>)");
        }
        String how = request.options().containsKey(CaptureRequest.TARGET) ? "capture target" : "attach setting";
        int node = attach.get().strip().equals(GamescopeSettings.RUNNING) ? nodeFromRegistry()
                : parseNode(attach.get(), how);
        LOG.log(System.Logger.Level.INFO, "gamescope capture attaches to node " + node + " (" + how + ")");
        return stream(node, how, null, request, sink);
    }

    /** Streams {@code node}; {@code launched}, if there is one, is watched for its exit. */
    private CaptureSession stream(int node, String origin, LaunchedGamescope launched, CaptureRequest request,
                          FrameSink sink) throws BackendException {
        OnceEndingSink explaining = new OnceEndingSink(sink,
                reason -> StallExplanation.explain(reason, launched == null ? null : launched.state()));
        CaptureSession stream = streams.open(PipeWireSource.of(Integer.toString(node)), request, explaining);
        GamescopeCaptureSession session = new GamescopeCaptureSession(stream, launched, node, origin, explaining,
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
