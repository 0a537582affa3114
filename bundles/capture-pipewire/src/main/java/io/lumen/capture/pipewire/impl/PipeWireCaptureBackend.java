package io.lumen.capture.pipewire.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.capture.CaptureBackend;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.capture.FrameSink;
import io.lumen.capture.pipewire.PipeWireNode;
import io.lumen.capture.pipewire.PipeWireSource;
import io.lumen.capture.pipewire.PipeWireStreams;
import io.lumen.capture.pipewire.impl.capture.PipeWireCaptureSession;
import io.lumen.capture.pipewire.impl.ffm.NodeDirectory;
import io.lumen.capture.pipewire.impl.ffm.PipeWire;
import io.lumen.capture.pipewire.impl.ffm.PipeWireException;
import io.lumen.capture.pipewire.impl.ffm.PwConnection;
import io.lumen.capture.pipewire.impl.ffm.PwRemote;
import io.lumen.capture.pipewire.impl.ffm.VideoNode;
import io.lumen.capture.pipewire.impl.spa.FixedFormat;
import io.lumen.capture.pipewire.impl.spa.SpaPodDescriber;
import io.lumen.capture.pipewire.impl.spa.SpaPod;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Captures any PipeWire video node (and, as {@link PipeWireStreams}, streams the nodes other capture bundles find), named per session by the {@link CaptureRequest#TARGET} capture option (a node id or name:
 * {@code lumen:capture pipewire <node>}, or an app's {@code capture = pipewire <node>}). Ranked below the synthetic
 * pattern, because without a target it has nothing to capture: it is chosen by pin or by app.
 * <p>
 * Settings (framework properties, or the environment for the debug knobs): {@code lumen.pipewire.remote}, the
 * daemon's socket (default: the session's, from XDG_RUNTIME_DIR); {@code lumen.pipewire.negotiation-timeout-ms}
 * (5000); {@code LUMEN_PW_FIXED_POD}, a fixed format to offer instead of lumen's, for bisecting a negotiation;
 * {@code LUMEN_PW_VERBOSE=1}, each offer and answer in the log.
 */
@Component(service = {CaptureBackend.class, PipeWireStreams.class},
        property = "service.ranking:Integer=-10")
public final class PipeWireCaptureBackend implements CaptureBackend, PipeWireStreams {

    private static final System.Logger LOG = System.getLogger("lumen.capture.pipewire");

    private final PipeWire pw;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lumen-pipewire-watch").factory());
    private volatile PwRemote remote = PwRemote.sessionDefault();
    private volatile Duration negotiationTimeout = Duration.ofSeconds(5);
    private volatile SpaPod.ObjectPod fixedFormat;
    private volatile boolean verbose;

    public PipeWireCaptureBackend() {
        this(PipeWire.system());
    }

    PipeWireCaptureBackend(PipeWire pw) {
        this.pw = pw;
    }

    @Activate
    void activate(BundleContext context) {
        configure(context.getProperty("lumen.pipewire.remote"),
                context.getProperty("lumen.pipewire.negotiation-timeout-ms"), System.getenv(FixedFormat.ENV),
                "1".equals(System.getenv("LUMEN_PW_VERBOSE")));
        LOG.log(System.Logger.Level.INFO, "pipewire capture: " + probe() + ", daemon " + remote);
    }

    /**
     * Applies the settings; a bad value is refused with the setting's name. Public for tools that run the backend
     * outside OSGi (a benchmark on a private daemon).
     */
    public void configure(String socket, String timeoutMillis, String fixedPod, boolean verboseNegotiation) {
        remote = socket == null || socket.isBlank() ? PwRemote.sessionDefault() : PwRemote.socket(Path.of(socket));
        if (timeoutMillis != null && !timeoutMillis.isBlank()) {
            negotiationTimeout = Duration.ofMillis(Long.parseLong(timeoutMillis.strip()));
        }
        fixedFormat = fixedPod == null || fixedPod.isBlank() ? null : FixedFormat.parse(fixedPod).toPod();
        if (fixedFormat != null) {
            LOG.log(System.Logger.Level.WARNING, "pipewire capture offers only the fixed format " + FixedFormat.ENV
                    + "=" + fixedPod);
        }
        verbose = verboseNegotiation;
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }


    @Override
    public String id() {
        return "pipewire";
    }

    @Override
    public Probe probe() {
        return pw.isAvailable() ? Probe.ok() : Probe.unavailable(pw.unavailableReason().orElse("libpipewire missing"));
    }

    @Override
    public CaptureSession open(CaptureRequest request, FrameSink sink) throws BackendException {
        String target = request.options().get(CaptureRequest.TARGET);
        if (target == null || target.isBlank()) {
            throw new BackendException("pipewire needs a node to capture: lumen:capture pipewire <node id or name>"
                    + " (lumen:pw-nodes lists them), or an app's \"capture = pipewire <node>\"");
        }
        return open(PipeWireSource.of(target), request, sink);
    }

    @Override
    public CaptureSession open(PipeWireSource source, CaptureRequest request, FrameSink sink)
            throws BackendException {
        if (!pw.isAvailable()) {
            throw new BackendException("pipewire is " + probe());
        }
        PwRemote daemon = source.fd().isPresent() ? PwRemote.fd(source.fd().getAsInt())
                : source.socket().map(PwRemote::socket).orElse(remote);
        return PipeWireCaptureSession.open(pw, daemon, source.node(), request, sink, fixedFormat, verbose, timer,
                negotiationTimeout);
    }

    @Override
    public List<PipeWireNode> nodes(Optional<Path> socket) throws BackendException {
        if (!pw.isAvailable()) {
            throw new BackendException("pipewire is " + probe());
        }
        PwRemote daemon = socket.map(PwRemote::socket).orElse(remote);
        try (PwConnection connection = PwConnection.open(pw, daemon);
             NodeDirectory directory = NodeDirectory.open(connection, new NodeDirectory.Listener() { },
                     Duration.ofSeconds(3))) {
            List<PipeWireNode> nodes = new ArrayList<>();
            for (VideoNode n : directory.list()) {
                List<String> formats = new ArrayList<>();
                for (SpaPod format : directory.formats(n.id(), Duration.ofSeconds(3))) {
                    formats.add(SpaPodDescriber.describe(format).replaceFirst(
                            "^EnumFormat\\{mediaType=video, mediaSubtype=raw, (.*)}$", "$1"));
                }
                nodes.add(new PipeWireNode(n.id(), n.name(), n.description() == null ? "" : n.description(),
                        n.mediaClass(), n.serial(), formats));
            }
            nodes.sort(Comparator.comparingInt(PipeWireNode::id));
            return List.copyOf(nodes);
        } catch (PipeWireException e) {
            throw new BackendException("listing the video nodes: " + e.getMessage(), e); // the message names the daemon
        }
    }

    @Override
    public String configuredDaemon() {
        return remote.toString();
    }

    @Override
    public String availability() {
        return probe().toString();
    }
}
