package io.lumen.capture.pipewire.impl.audio;

import io.lumen.api.audio.AudioCaptureBackend;
import io.lumen.api.audio.AudioCaptureRequest;
import io.lumen.api.audio.AudioCaptureSession;
import io.lumen.api.audio.PcmSink;
import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.capture.pipewire.impl.ffm.PipeWire;
import io.lumen.capture.pipewire.impl.ffm.PwRemote;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The host's audio through PipeWire. By default it makes a virtual sink, {@code lumen}, the default output while a
 * client streams and captures its monitor, so the host goes quiet and the client hears everything; with the
 * client's local-audio setting it captures the monitor of the host's own default sink instead and changes nothing.
 * Ranked above the synthetic tone: wherever a daemon runs, this is the host's audio.
 * <p>
 * Settings (framework properties): {@code lumen.pipewire.remote}, the daemon's socket (shared with the video
 * capture; default: the session's).
 */
@Component(service = AudioCaptureBackend.class, property = "service.ranking:Integer=50")
public final class PipeWireAudioBackend implements AudioCaptureBackend {

    private static final System.Logger LOG = System.getLogger("lumen.capture.pipewire.audio");
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final PipeWire pw;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lumen-pipewire-audio-watch").factory());
    private volatile PwRemote remote = PwRemote.sessionDefault();

    public PipeWireAudioBackend() {
        this(PipeWire.system());
    }

    PipeWireAudioBackend(PipeWire pw) {
        this.pw = pw;
    }

    @Activate
    void activate(BundleContext context) {
        configure(context.getProperty("lumen.pipewire.remote"));
        LOG.log(System.Logger.Level.INFO, "pipewire audio capture: " + probe() + ", daemon " + remote);
    }

    /** Names the daemon's socket (null or blank: the session's). For tests and tools outside OSGi. */
    public void configure(String socket) {
        remote = socket == null || socket.isBlank() ? PwRemote.sessionDefault() : PwRemote.socket(Path.of(socket));
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    @Override
    public String id() {
        return "pipewire-audio";
    }

    /** Cheap: the library is loaded once, and the daemon is looked for as its socket file. */
    @Override
    public Probe probe() {
        if (!pw.isAvailable()) {
            return Probe.unavailable(pw.unavailableReason().orElse("libpipewire missing"));
        }
        if (remote.fd() >= 0) {
            return Probe.ok();
        }
        Optional<Path> socket = socketPath();
        if (socket.isEmpty()) {
            return Probe.unavailable("no PipeWire daemon to reach: XDG_RUNTIME_DIR is unset (a service outside a"
                    + " desktop session: set lumen.pipewire.remote to the daemon's socket)");
        }
        if (!Files.exists(socket.get())) {
            return Probe.unavailable("no PipeWire daemon: " + socket.get() + " does not exist");
        }
        return Probe.ok();
    }

    /** Where the daemon should listen, when that can be known without connecting. */
    private Optional<Path> socketPath() {
        PwRemote daemon = remote;
        if (daemon.socket() != null) {
            return Optional.of(Path.of(daemon.socket()));
        }
        if (daemon.fd() >= 0) {
            return Optional.empty();
        }
        String name = Optional.ofNullable(System.getenv("PIPEWIRE_REMOTE")).filter(n -> !n.isEmpty())
                .orElse("pipewire-0");
        if (name.startsWith("/")) {
            return Optional.of(Path.of(name));
        }
        for (String variable : new String[] {"PIPEWIRE_RUNTIME_DIR", "XDG_RUNTIME_DIR"}) {
            String dir = System.getenv(variable);
            if (dir != null && !dir.isEmpty()) {
                return Optional.of(Path.of(dir, name));
            }
        }
        return Optional.empty();
    }

    @Override
    public AudioCaptureSession open(AudioCaptureRequest request, PcmSink sink) throws BackendException {
        Probe probe = probe();
        if (!probe.available()) {
            throw new BackendException("pipewire audio is " + probe);
        }
        return PipeWireAudioCapture.open(pw, remote, request, sink, timer, TIMEOUT);
    }
}
