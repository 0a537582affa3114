package io.lumen.capture.pipewire.impl.audio;

import io.lumen.api.audio.AudioCaptureRequest;
import io.lumen.api.audio.AudioCaptureSession;
import io.lumen.api.audio.AudioFormat;
import io.lumen.api.audio.PcmSink;
import io.lumen.api.backend.BackendException;
import io.lumen.capture.pipewire.impl.ffm.PipeWire;
import io.lumen.capture.pipewire.impl.ffm.PipeWireException;
import io.lumen.capture.pipewire.impl.ffm.PwConnection;
import io.lumen.capture.pipewire.impl.ffm.PwCreatedNode;
import io.lumen.capture.pipewire.impl.ffm.PwMetadata;
import io.lumen.capture.pipewire.impl.ffm.PwRegistry;
import io.lumen.capture.pipewire.impl.ffm.PwRemote;
import io.lumen.capture.pipewire.impl.ffm.PwStream;
import io.lumen.capture.pipewire.impl.ffm.StreamState;
import io.lumen.capture.pipewire.impl.spa.AudioFormatParams;
import io.lumen.capture.pipewire.impl.spa.SpaParam;
import io.lumen.capture.pipewire.impl.spa.SpaPodBuilder;
import io.lumen.capture.pipewire.impl.spa.SpaPodException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One audio capture: lumen's own connection, and in default mode the {@link LumenSink} apps now play into, whose
 * monitor it captures; in local-audio mode the monitor of the default sink the host keeps playing on. Periods go
 * to the {@link PcmSink} from the PipeWire thread ({@link PcmDelivery}).
 * <p>
 * The capture ends, telling the sink once, when the daemon goes away or the captured sink is removed. A stopping
 * daemon may remove its nodes before it drops the socket, so a sink's removal (and a stream's unrequested end)
 * waits {@link #GRACE} for the connection loss that would make it the daemon's going.
 */
final class PipeWireAudioCapture implements AudioCaptureSession {

    private static final System.Logger LOG = System.getLogger("lumen.capture.pipewire.audio");
    static final Duration GRACE = Duration.ofMillis(300);
    static final String DAEMON_GONE = "the PipeWire daemon went away";
    static final String SINK_REMOVED = "the lumen sink was removed";

    private final AudioCaptureRequest request;
    private final PcmSink sink;
    private final ScheduledExecutorService timer;
    private final Duration timeout;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final PcmDelivery delivery;
    private final Arena params = Arena.ofShared();
    private PwConnection connection;
    private PwRegistry registry;
    private PwMetadata defaults;
    private PwCreatedNode lumenSink;
    private PwStream stream;
    private volatile int capturedId = -1;
    private volatile String captured = "";
    private volatile String previousDefault;
    private volatile String defaultWhileCapturing = "";
    private volatile String endReason;
    private boolean closed;

    private PipeWireAudioCapture(AudioCaptureRequest request, PcmSink sink, ScheduledExecutorService timer,
                                 Duration timeout) {
        this.request = request;
        this.sink = sink;
        this.timer = timer;
        this.timeout = timeout;
        this.delivery = new PcmDelivery(request.format(), sink, request.hostPlaysToo() ? "the default sink"
                : "the lumen sink");
    }

    /** Sets the capture up; a failure closes whatever was made and says what was missing. */
    static PipeWireAudioCapture open(PipeWire pw, PwRemote remote, AudioCaptureRequest request, PcmSink sink,
                                     ScheduledExecutorService timer, Duration timeout) throws BackendException {
        PipeWireAudioCapture capture = new PipeWireAudioCapture(request, sink, timer, timeout);
        try {
            capture.start(pw, remote);
            return capture;
        } catch (PipeWireException | RuntimeException e) {
            capture.close();
            throw new BackendException("pipewire audio capture: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            capture.close();
            throw new BackendException("pipewire audio capture: interrupted while starting", e);
        }
    }

    private void start(PipeWire pw, PwRemote remote) throws PipeWireException, InterruptedException {
        connection = PwConnection.open(pw, remote);
        connection.addErrorListener(error -> {
            if (error.connectionLost()) {
                end(DAEMON_GONE + " (" + error + ")");
            }
        });
        registry = PwRegistry.open(connection, new PwRegistry.Listener() {
            @Override
            public void removed(PwRegistry.Global global) {
                if (global.id() == capturedId) {
                    endAfterGrace(sinkRemoved());
                }
            }
        }, timeout);
        PwRegistry.Global metadata = registry.globals(PwRegistry.METADATA).stream()
                .filter(g -> "default".equals(g.property("metadata.name"))).findFirst()
                .orElseThrow(() -> new PipeWireException("the daemon at " + remote + " has no \"default\" metadata:"
                        + " no session manager (WirePlumber) is running, and nothing would link the capture"));
        defaults = PwMetadata.bind(registry, metadata.id(), timeout);
        previousDefault = LumenSink.nameIn(defaults.get(LumenSink.DEFAULT_SINK)).orElse(null);
        String target;
        if (request.hostPlaysToo()) {
            target = Optional.ofNullable(request.options().get(AudioCaptureRequest.TARGET)).filter(t -> !t.isBlank())
                    .or(() -> Optional.ofNullable(previousDefault))
                    .orElseThrow(() -> new PipeWireException("local audio: there is no default sink to capture"));
            capturedId = registry.nodeNamed(target).map(PwRegistry.Global::id)
                    .orElseThrow(() -> new PipeWireException("local audio: the sink " + target + " is not there"));
            defaultWhileCapturing = previousDefault;
        } else {
            startLumenSink();
            target = LumenSink.NODE_NAME;
        }
        captured = target;
        startStream(target);
        LOG.log(System.Logger.Level.INFO, "pipewire audio capture: the monitor of " + target + " (node " + capturedId
                + "), " + request.format() + ", node.latency " + latency()
                + (request.hostPlaysToo() ? "; the host keeps playing" : "; default output was "
                + previousDefault + ", now " + defaultWhileCapturing));
    }

    private void startLumenSink() throws PipeWireException, InterruptedException {
        if (!LumenSink.removeStale(connection, registry, defaults, timeout).isEmpty()) {
            // the stale sink was the default: the one to come back after this capture is the one chosen next
            defaults.await(p -> !LumenSink.nameIn(Optional.ofNullable(p.get(LumenSink.DEFAULT_SINK)))
                    .filter(LumenSink.NODE_NAME::equals).isPresent(), timeout);
            previousDefault = LumenSink.nameIn(defaults.get(LumenSink.DEFAULT_SINK)).orElse(null);
        }
        if (registry.nodeNamed(LumenSink.NODE_NAME).isPresent()) {
            // a live connection owns it (another lumen): its sink goes with it, ours shares the name
            LOG.log(System.Logger.Level.WARNING, "pipewire audio: another live lumen sink exists, node "
                    + registry.nodeNamed(LumenSink.NODE_NAME).get().id());
        }
        String client = request.options().get(AudioCaptureRequest.CLIENT);
        lumenSink = LumenSink.create(connection, request.format(), client, timeout);
        capturedId = lumenSink.id();
        previousDefault = previousDefault != null && !previousDefault.equals(LumenSink.NODE_NAME)
                ? previousDefault : null;
        // WirePlumber picks the sink by its priority: wait for it, so apps started from now on play into it
        boolean isDefault = defaults.await(p -> LumenSink.nameIn(Optional.ofNullable(p.get(LumenSink.DEFAULT_SINK)))
                .filter(LumenSink.NODE_NAME::equals).isPresent(), timeout);
        defaultWhileCapturing = LumenSink.nameIn(defaults.get(LumenSink.DEFAULT_SINK)).orElse("none");
        if (!isDefault) {
            LOG.log(System.Logger.Level.WARNING, "pipewire audio: the session manager kept " + defaultWhileCapturing
                    + " as the default output; apps that play there are not streamed");
        }
    }

    private String latency() {
        return AudioFormat.samplesIn(request.packetMillis()) + "/" + AudioFormat.SAMPLE_RATE;
    }

    private void startStream(String target) throws PipeWireException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("media.type", "Audio");
        properties.put("media.category", "Capture");
        properties.put("media.role", "Music");
        properties.put("node.name", "lumen-audio-capture");
        properties.put("stream.capture.sink", "true");
        properties.put("node.latency", latency());
        stream = PwStream.create(connection, "lumen-audio-capture", properties, new PwStream.Events() {
            @Override
            public void stateChanged(StreamState previous, StreamState now, String error) {
                if (now == StreamState.ERROR || (now == StreamState.UNCONNECTED && error != null)) {
                    endAfterGrace("the capture stream ended: " + error);
                }
            }

            @Override
            public void paramChanged(int id, MemorySegment pod) {
                if (id != SpaParam.FORMAT || pod.address() == 0) {
                    return;
                }
                try {
                    delivery.negotiated(AudioFormatParams.parseFormat(pod));
                } catch (SpaPodException e) {
                    LOG.log(System.Logger.Level.WARNING, "pipewire audio: unreadable format: " + e.getMessage());
                }
            }

            @Override
            public void process(PwStream s) {
                try {
                    delivery.process(s);
                } catch (PipeWireException e) {
                    endAfterGrace("reading a buffer failed: " + e.getMessage());
                }
            }
        });
        MemorySegment format = new SpaPodBuilder().write(AudioFormatParams.enumFormat(request.format()))
                .toSegment(params);
        stream.connect(PwStream.Target.name(target), List.of(format));
    }

    /**
     * Ends the capture after {@link #GRACE}, with the deepest reason known by then: the daemon's going, else the
     * captured sink's removal (which also ends the stream, in whichever order the events come), else {@code reason}.
     */
    private void endAfterGrace(String reason) {
        if (ended.get()) {
            return;
        }
        timer.schedule(() -> end(connection.lostBecause() != null ? DAEMON_GONE
                : registry.global(capturedId).isEmpty() ? sinkRemoved() : reason),
                GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String sinkRemoved() {
        return request.hostPlaysToo() ? "the captured sink " + captured + " was removed" : SINK_REMOVED;
    }

    /** Tells the sink once, unless lumen is closing the capture itself. */
    private void end(String reason) {
        if (ended.compareAndSet(false, true)) {
            endReason = reason;
            delivery.stop();
            LOG.log(System.Logger.Level.WARNING, "pipewire audio capture of " + captured + " ended: " + reason);
            sink.ended(reason);
        }
    }

    @Override
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("mode", request.hostPlaysToo() ? "local audio (the host keeps playing)" : "virtual sink");
        stats.put("captures", "the monitor of " + captured + " (node " + capturedId + ")");
        stats.put("sink node", capturedId);
        try {
            stats.put("capture node", stream == null ? -1 : stream.nodeId());
            stats.put("state", stream == null ? "not connected" : stream.state().toString());
        } catch (PipeWireException | RuntimeException e) {
            stats.put("state", "unknown: " + e.getMessage());
        }
        stats.put("default output", defaultWhileCapturing + (request.hostPlaysToo() ? " (left alone)"
                : ", was " + previousDefault));
        stats.put("requested", request.format() + ", node.latency " + latency());
        stats.putAll(delivery.stats());
        if (endReason != null) {
            stats.put("ended", endReason);
        }
        return stats;
    }

    /**
     * Stops delivery, then takes the stream and the sink down and waits (briefly) for the session manager to put
     * the previous default back. Safe to repeat; not from a PipeWire callback.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ended.set(true); // lumen closing is not an end to report
        delivery.stop();
        if (stream != null) {
            stream.close();
        }
        if (lumenSink != null) {
            lumenSink.close();
            awaitDefaultRestored();
        }
        if (defaults != null) {
            defaults.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (connection != null) {
            connection.close();
        }
        params.close();
    }

    private void awaitDefaultRestored() {
        if (connection.lostBecause() != null || defaults == null) {
            return;
        }
        try {
            boolean restored = defaults.await(p -> !LumenSink.nameIn(Optional.ofNullable(p.get(
                    LumenSink.DEFAULT_SINK))).filter(LumenSink.NODE_NAME::equals).isPresent(), timeout);
            String now = LumenSink.nameIn(defaults.get(LumenSink.DEFAULT_SINK)).orElse("none");
            LOG.log(restored ? System.Logger.Level.INFO : System.Logger.Level.WARNING, "pipewire audio: the lumen"
                    + " sink is gone; the default output is " + now + (restored ? "" : " still")
                    + " (was " + previousDefault + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
