package io.lumen.capture.pipewire.impl.capture;

import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.media.PixelFormat;
import io.lumen.capture.pipewire.impl.ffm.PipeWire;
import io.lumen.capture.pipewire.impl.ffm.PipeWireException;
import io.lumen.capture.pipewire.impl.ffm.PwBuffer;
import io.lumen.capture.pipewire.impl.ffm.PwConnection;
import io.lumen.capture.pipewire.impl.ffm.PwRemote;
import io.lumen.capture.pipewire.impl.ffm.PwStream;
import io.lumen.capture.pipewire.impl.ffm.StreamState;
import io.lumen.capture.pipewire.impl.spa.NegotiatedVideoFormat;
import io.lumen.capture.pipewire.impl.spa.SpaParam;
import io.lumen.capture.pipewire.impl.spa.SpaPod;
import io.lumen.capture.pipewire.impl.spa.SpaPodBuilder;
import io.lumen.capture.pipewire.impl.spa.SpaPodDescriber;
import io.lumen.capture.pipewire.impl.spa.SpaPodException;
import io.lumen.capture.pipewire.impl.spa.SpaPodParser;
import io.lumen.capture.pipewire.impl.spa.VideoFormatParams;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection to the daemon and one stream on it, from connecting to the node through negotiation to buffers.
 * It tells its owner when it can go on no longer: the producer or the graph ended it, negotiation stalled, or the
 * daemon went away (which the owner may answer with a new link).
 */
final class CaptureLink implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.capture.pipewire");

    /**
     * Hears why a link stopped, possibly on the link's loop thread: each method at most once per link, and
     * {@link #daemonLost} may follow {@link #linkEnded} when a stopping daemon removes the node before its socket.
     */
    interface Owner {
        void linkEnded(CaptureLink link, String reason);

        void daemonLost(CaptureLink link, String reason);
    }

    private final String target;
    private final CaptureRequest request;
    private final FrameDelivery delivery;
    private final boolean verbose;
    private final Owner owner;
    private final PwConnection connection;
    private final PwStream stream;
    private final long receivedAtStart;
    private final BufferImport memory = new BufferImport();
    private ScheduledFuture<?> negotiationWatch;
    private volatile NegotiatedVideoFormat format;
    private volatile boolean stopped;
    /** Reported apart from {@link #stopped}: a daemon going down may first remove the node, then drop the socket. */
    private volatile boolean lost;

    private CaptureLink(String target, CaptureRequest request, FrameDelivery delivery, boolean verbose, Owner owner,
                        PwConnection connection) throws PipeWireException {
        this.target = target;
        this.request = request;
        this.delivery = delivery;
        this.verbose = verbose;
        this.owner = owner;
        this.connection = connection;
        this.receivedAtStart = delivery.received();
        this.stream = PwStream.create(connection, "lumen-capture", Map.of("node.description", "lumen capture"),
                new StreamEvents());
    }

    /**
     * Connects to {@code remote} and asks node {@code target} for one of {@code offer}; gives up (through the
     * owner) when no buffer arrived within {@code negotiationTimeout}.
     */
    static CaptureLink open(PipeWire pw, PwRemote remote, String target, CaptureRequest request,
                            FrameDelivery delivery, List<SpaPod.ObjectPod> offer, boolean verbose, Owner owner,
                            ScheduledExecutorService timer, Duration negotiationTimeout) throws PipeWireException {
        PwConnection connection = PwConnection.open(pw, remote);
        CaptureLink link = null;
        try {
            link = new CaptureLink(target, request, delivery, verbose, owner, connection);
            CaptureLink created = link;
            connection.addErrorListener(error -> {
                if (error.connectionLost() && !created.lost) {
                    created.lost = true;
                    created.stop();
                    owner.daemonLost(created, "the PipeWire daemon connection was lost (" + error + ")");
                }
            });
            if (verbose) {
                for (SpaPod.ObjectPod pod : offer) {
                    LOG.log(System.Logger.Level.INFO, "pipewire capture " + target + ": offering "
                            + SpaPodDescriber.describe(pod));
                }
            }
            try (Arena call = Arena.ofConfined()) {
                List<MemorySegment> pods = new java.util.ArrayList<>();
                for (SpaPod.ObjectPod pod : offer) {
                    pods.add(new SpaPodBuilder().write(pod).toSegment(call));
                }
                link.stream.connect(target(target), pods);
            }
            link.negotiationWatch = timer.schedule(() -> created.checkNegotiated(negotiationTimeout),
                    negotiationTimeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.log(System.Logger.Level.INFO, "pipewire capture " + target + ": connecting for " + request.mode());
            return link;
        } catch (PipeWireException | RuntimeException e) {
            if (link != null) {
                link.close();
            } else {
                connection.close();
            }
            throw e;
        }
    }

    /** A node's global id when {@code target} is a number, else its name. */
    static PwStream.Target target(String target) {
        return target.chars().allMatch(Character::isDigit) && !target.isEmpty() && target.length() < 10
                ? PwStream.Target.id(Integer.parseInt(target)) : PwStream.Target.name(target);
    }

    NegotiatedVideoFormat format() {
        return format;
    }

    StreamState state() {
        return stream.state();
    }

    String error() {
        return stream.error();
    }

    private final class StreamEvents implements PwStream.Events {
        @Override
        public void stateChanged(StreamState previous, StreamState now, String error) {
            LOG.log(System.Logger.Level.INFO, "pipewire capture " + target + ": " + previous + " -> " + now
                    + (error == null ? "" : " (" + error + ")"));
            if (now == StreamState.ERROR) {
                endWith("the stream failed: " + error);
            } else if (now == StreamState.UNCONNECTED && previous != StreamState.UNCONNECTED) {
                endWith(error != null ? error : "the producer left the graph");
            }
        }

        @Override
        public void paramChanged(int id, MemorySegment pod) {
            if (id != SpaParam.FORMAT || pod.address() == 0 || stopped) {
                return;
            }
            try {
                SpaPod parsed = SpaPodParser.parseNative(pod, 1 << 16);
                if (verbose) {
                    LOG.log(System.Logger.Level.INFO, "pipewire capture " + target + ": producer answered "
                            + SpaPodDescriber.describe(parsed));
                }
                NegotiatedVideoFormat negotiated = VideoFormatParams.parseFormat(parsed);
                if (negotiated.pixelFormat().isEmpty() || !request.formats().contains(negotiated.pixelFormat().get())) {
                    endWith("the producer chose " + negotiated + ", which the encoder does not take");
                    return;
                }
                if (negotiated.isDmaBuf() && negotiated.modifier().getAsLong()
                        != VideoFormatParams.DRM_FORMAT_MOD_LINEAR) {
                    endWith("the producer chose DMA-BUF modifier 0x" + Long.toHexString(negotiated.modifier()
                            .getAsLong()) + ", a GPU layout the CPU cannot read (lumen offered LINEAR only)");
                    return;
                }
                PixelFormat pixels = negotiated.pixelFormat().get();
                int stride = negotiated.width() * pixels.bytesPerPixel();
                try (Arena call = Arena.ofConfined()) {
                    stream.updateParams(List.of(
                            new SpaPodBuilder().write(VideoFormatParams.buffers(BufferParams.request(
                                    stride, (int) pixels.frameBytes(stride, negotiated.height()),
                                    negotiated.isDmaBuf()))).toSegment(call),
                            new SpaPodBuilder().write(VideoFormatParams.headerMeta()).toSegment(call)));
                }
                format = negotiated;
                LOG.log(System.Logger.Level.INFO, "pipewire capture " + target + ": negotiated " + negotiated);
            } catch (SpaPodException | PipeWireException e) {
                endWith("the producer's format could not be read: " + e.getMessage());
            }
        }

        /**
         * Takes the newest buffer waiting and hands older ones straight back (counted): when the loop ran late, the
         * freshest picture is the one worth the copy.
         */
        @Override
        public void process(PwStream self) {
            PwBuffer newest = null;
            try {
                for (PwBuffer next = self.dequeue(); next != null; next = self.dequeue()) {
                    if (newest != null) {
                        delivery.superseded();
                        giveBack(self, newest);
                    }
                    newest = next;
                }
            } catch (PipeWireException e) {
                delivery.drop("dequeue failed: " + e.getMessage());
            }
            if (newest == null) {
                return;
            }
            try {
                if (!stopped) {
                    delivery.take(newest, format, memory);
                }
            } finally {
                giveBack(self, newest);
            }
        }

        @Override
        public void removeBuffer(PwBuffer buffer) {
            if (buffer.dataCount() > 0) {
                memory.forget(buffer.data(0).fd());
            }
        }

        private void giveBack(PwStream self, PwBuffer buffer) {
            try {
                self.queue(buffer);
            } catch (PipeWireException e) {
                delivery.drop("queue failed: " + e.getMessage());
            }
        }
    }

    private void checkNegotiated(Duration timeout) {
        if (delivery.received() > receivedAtStart) {
            return;
        }
        String seconds = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
        endWith(format == null
                ? "negotiating for " + seconds + ": producer did not acknowledge the format (state "
                        + stream.state() + ")"
                : "negotiated " + format + " " + seconds + " ago but no frame arrived");
    }

    private void endWith(String reason) {
        if (stop()) {
            owner.linkEnded(this, reason);
        }
    }

    /**
     * Marks the link stopped (later events of it are ignored) and ends its negotiation watch; true for the call
     * that stopped it, which alone tells the owner why.
     */
    private boolean stop() {
        synchronized (this) {
            if (stopped) {
                return false;
            }
            stopped = true;
        }
        if (negotiationWatch != null) {
            negotiationWatch.cancel(false);
        }
        return true;
    }

    /** Ends the stream and the connection; not from one of the link's own callbacks. */
    @Override
    public void close() {
        stop();
        stream.close();
        connection.close();
        memory.close();
    }
}
