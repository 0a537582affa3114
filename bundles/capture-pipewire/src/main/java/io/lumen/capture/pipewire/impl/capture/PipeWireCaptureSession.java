package io.lumen.capture.pipewire.impl.capture;

import io.lumen.api.backend.BackendException;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.capture.FrameSink;
import io.lumen.capture.pipewire.PipeWireStreams;
import io.lumen.capture.pipewire.impl.ffm.PipeWire;
import io.lumen.capture.pipewire.impl.ffm.PipeWireException;
import io.lumen.capture.pipewire.impl.ffm.PwRemote;
import io.lumen.capture.pipewire.impl.spa.SpaPod;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One session's capture of a PipeWire node. Each buffer is copied once, on the PipeWire thread, into a frame the
 * session owns, and queued back at once, so the producer never waits for the encoder and a frame outlives neither
 * the stream's memory nor a swap. When the daemon goes away (a restart) the session connects again and waits for
 * the node to return, for {@link #RECONNECT_WINDOW}; when the producer leaves, negotiation stalls, or the daemon
 * does not come back, it says why through {@link FrameSink#ended}.
 */
public final class PipeWireCaptureSession implements CaptureSession, CaptureLink.Owner {

    private static final System.Logger LOG = System.getLogger("lumen.capture.pipewire");
    /** How long a session waits for a restarted daemon and its node before giving the stream back. */
    static final Duration RECONNECT_WINDOW = Duration.ofSeconds(15);
    private static final Duration RECONNECT_PAUSE = Duration.ofMillis(500);

    private final PipeWire pw;
    private final PwRemote remote;
    private final String target;
    private final CaptureRequest request;
    private final FrameSink sink;
    private final List<SpaPod.ObjectPod> offer;
    private final boolean verbose;
    private final ScheduledExecutorService timer;
    private final Duration negotiationTimeout;
    private final FrameDelivery delivery;
    private CaptureLink link;
    private long reconnectDeadline;
    private int reconnects;
    private boolean ended;
    private boolean closed;

    private PipeWireCaptureSession(PipeWire pw, PwRemote remote, String target, CaptureRequest request,
                                   FrameSink sink, List<SpaPod.ObjectPod> offer, boolean verbose,
                                   ScheduledExecutorService timer, Duration negotiationTimeout) {
        this.pw = pw;
        this.remote = remote;
        this.target = target;
        this.request = request;
        this.sink = sink;
        this.offer = offer;
        this.verbose = verbose;
        this.timer = timer;
        this.negotiationTimeout = negotiationTimeout;
        this.delivery = new FrameDelivery(target, sink, request.firstSequence());
    }

    /**
     * Connects to {@code remote} and asks node {@code target} (a global id or a node name) for {@code request}'s
     * formats: {@code formatPod}, when given, replaces lumen's offer (the LUMEN_PW_FIXED_POD bisection knob).
     */
    public static PipeWireCaptureSession open(PipeWire pw, PwRemote remote, String target, CaptureRequest request,
                                              FrameSink sink, SpaPod.ObjectPod formatPod, boolean verbose,
                                              ScheduledExecutorService timer, Duration negotiationTimeout)
            throws BackendException {
        List<SpaPod.ObjectPod> offer;
        try {
            offer = formatPod != null ? List.of(formatPod) : FormatOffer.pods(request.formats(), request.mode(),
                    "true".equals(request.options().get(PipeWireStreams.EXACT_MODE)));
        } catch (IllegalArgumentException e) {
            throw new BackendException("pipewire capture of " + target + ": " + e.getMessage(), e);
        }
        PipeWireCaptureSession session = new PipeWireCaptureSession(pw, remote, target, request, sink, offer, verbose,
                timer, negotiationTimeout);
        try {
            synchronized (session) {
                session.link = session.connect();
            }
            return session;
        } catch (PipeWireException | RuntimeException e) {
            throw new BackendException("pipewire capture of " + target + ": " + e.getMessage(), e);
        }
    }

    private CaptureLink connect() throws PipeWireException {
        return CaptureLink.open(pw, remote, target, request, delivery, offer, verbose, this, timer,
                negotiationTimeout);
    }

    @Override
    public void linkEnded(CaptureLink ended, String reason) {
        synchronized (this) {
            if (ended != link || closed) {
                return;
            }
            if (reconnectDeadline != 0 && System.nanoTime() - reconnectDeadline < 0) {
                // a link made while waiting for the daemon's return found no node yet: try again
                LOG.log(System.Logger.Level.DEBUG, () -> "pipewire capture " + target + ": not back yet: " + reason);
                scheduleReconnect(ended);
                return;
            }
        }
        // a stopping daemon removes its nodes before it drops the socket: give the loss a moment to show
        timer.schedule(() -> {
            synchronized (this) {
                if (ended != link || reconnectDeadline != 0) {
                    return;
                }
            }
            end(reason);
        }, DAEMON_LOSS_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How long a link's end waits for the daemon's own loss to follow, which is then reconnected instead. */
    private static final Duration DAEMON_LOSS_GRACE = Duration.ofMillis(300);

    @Override
    public void daemonLost(CaptureLink lost, String reason) {
        synchronized (this) {
            if (lost != link || closed) {
                return;
            }
            if (remote.fd() >= 0) {
                // libpipewire closed the portal's fd with the lost connection; its number may be reused already
                timer.execute(() -> {
                    lost.close();
                    end(reason + "; the connection a portal handed over cannot be made again");
                });
                return;
            }
            LOG.log(System.Logger.Level.WARNING, "pipewire capture " + target + ": " + reason + "; connecting again"
                    + " for up to " + RECONNECT_WINDOW.toSeconds() + " s");
            reconnectDeadline = System.nanoTime() + RECONNECT_WINDOW.toNanos();
            scheduleReconnect(lost);
        }
    }

    /** Closes {@code old} off its own loop thread and tries a new link after a pause. */
    private void scheduleReconnect(CaptureLink old) {
        timer.schedule(() -> {
            old.close();
            reconnect();
        }, RECONNECT_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reconnect() {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (System.nanoTime() - reconnectDeadline >= 0) {
                reconnectDeadline = 0;
            } else {
                try {
                    link = connect();
                    reconnects++;
                    LOG.log(System.Logger.Level.INFO, "pipewire capture " + target + ": reconnected to " + remote
                            + " (attempt " + reconnects + ")");
                    return;
                } catch (PipeWireException e) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "pipewire capture " + target + ": " + e.getMessage());
                    timer.schedule(this::reconnect, RECONNECT_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
            }
        }
        end("the PipeWire daemon at " + remote + " and node " + target + " did not come back within "
                + RECONNECT_WINDOW.toSeconds() + " s");
    }

    /** Says once why this capture can deliver no more; the session manager closes it from another thread. */
    private void end(String reason) {
        synchronized (this) {
            if (closed || ended) {
                return;
            }
            ended = true;
        }
        LOG.log(System.Logger.Level.WARNING, "pipewire capture " + target + " ended: " + reason);
        sink.ended(reason);
    }

    @Override
    public synchronized Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("node", target);
        stats.put("state", link.state() + (link.error() == null ? "" : " (" + link.error() + ")"));
        stats.put("format", link.format() == null ? "not negotiated" : link.format().toString());
        stats.putAll(delivery.stats());
        stats.put("reconnects", reconnects);
        return stats;
    }

    @Override
    public void close() {
        CaptureLink last;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            last = link;
        }
        last.close();
        LOG.log(System.Logger.Level.INFO, "pipewire capture " + target + " closed: " + delivery.delivered()
                + " frames delivered of " + delivery.received() + " received");
    }
}
