package io.lumen.capture.pipewire.impl.capture;

import io.lumen.api.backend.BackendException;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.capture.FrameSink;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.capture.pipewire.impl.ffm.BufferData;
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
import io.lumen.nativeaccess.WarnOnce;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One session's capture of a PipeWire node: its own connection and stream. Each buffer is copied once, on the
 * PipeWire thread, into a frame the session owns, and queued back at once, so the producer never waits for the
 * encoder and a frame outlives neither the stream's memory nor a swap. When the producer goes away, the daemon
 * connection is lost, or negotiation does not finish in time, the session says why through
 * {@link FrameSink#ended}.
 */
public final class PipeWireCaptureSession implements CaptureSession {

    private static final System.Logger LOG = System.getLogger("lumen.capture.pipewire");

    private final String target;
    private final CaptureRequest request;
    private final FrameSink sink;
    private final boolean verbose;
    private final WarnOnce drops = new WarnOnce(LOG);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final FramePool pool = new FramePool();
    private final PwConnection connection;
    private final PwStream stream;
    private final ScheduledFuture<?> negotiationWatch;
    private volatile NegotiatedVideoFormat format;
    private volatile String bufferType = "none yet";
    private volatile String timestamps = "none yet";
    private volatile boolean closed;

    private PipeWireCaptureSession(String target, CaptureRequest request, FrameSink sink, boolean verbose,
                                   PwConnection connection, ScheduledExecutorService timer,
                                   Duration negotiationTimeout) throws PipeWireException {
        this.target = target;
        this.request = request;
        this.sink = sink;
        this.verbose = verbose;
        this.connection = connection;
        this.stream = PwStream.create(connection, "lumen-capture", Map.of("node.description", "lumen capture"),
                new StreamEvents());
        this.negotiationWatch = timer.schedule(() -> checkNegotiated(negotiationTimeout),
                negotiationTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Connects to {@code remote} and asks node {@code target} (a global id or a node name) for {@code request}'s
     * formats: {@code formatPod}, when given, replaces lumen's offer (the LUMEN_PW_FIXED_POD bisection knob).
     */
    public static PipeWireCaptureSession open(PipeWire pw, PwRemote remote, String target, CaptureRequest request,
                                              FrameSink sink, SpaPod.ObjectPod formatPod, boolean verbose,
                                              ScheduledExecutorService timer, Duration negotiationTimeout)
            throws BackendException {
        PwConnection connection;
        try {
            connection = PwConnection.open(pw, remote);
        } catch (PipeWireException e) {
            throw new BackendException("pipewire: " + e.getMessage(), e);
        }
        PipeWireCaptureSession session = null;
        try {
            session = new PipeWireCaptureSession(target, request, sink, verbose, connection, timer,
                    negotiationTimeout);
            connection.addErrorListener(session::coreError);
            SpaPod.ObjectPod offer = formatPod != null ? formatPod
                    : VideoFormatParams.enumFormat(FormatOffer.of(request.formats()), request.mode());
            if (verbose) {
                LOG.log(System.Logger.Level.INFO, "pipewire capture " + target + ": offering "
                        + SpaPodDescriber.describe(offer));
            }
            try (Arena call = Arena.ofConfined()) {
                session.stream.connect(target(target), List.of(new SpaPodBuilder().write(offer).toSegment(call)));
            }
            LOG.log(System.Logger.Level.INFO, "pipewire capture " + target + ": connecting for " + request.mode());
            return session;
        } catch (PipeWireException | RuntimeException e) {
            if (session != null) {
                session.close();
            } else {
                connection.close();
            }
            throw new BackendException("pipewire capture of " + target + ": " + e.getMessage(), e);
        }
    }

    /** A node's global id when {@code target} is a number, else its name. */
    static PwStream.Target target(String target) {
        return target.chars().allMatch(Character::isDigit) && !target.isEmpty() && target.length() < 10
                ? PwStream.Target.id(Integer.parseInt(target)) : PwStream.Target.name(target);
    }

    private final class StreamEvents implements PwStream.Events {
        @Override
        public void stateChanged(StreamState previous, StreamState now, String error) {
            LOG.log(System.Logger.Level.INFO, "pipewire capture " + target + ": " + previous + " -> " + now
                    + (error == null ? "" : " (" + error + ")"));
            if (closed) {
                return;
            }
            if (now == StreamState.ERROR) {
                end("the stream failed: " + error);
            } else if (now == StreamState.UNCONNECTED && previous != StreamState.UNCONNECTED) {
                end(error != null ? error : "the producer left the graph");
            }
        }

        @Override
        public void paramChanged(int id, MemorySegment pod) {
            if (id != SpaParam.FORMAT || pod.address() == 0 || closed) {
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
                    end("the producer chose " + negotiated + ", which the encoder does not take");
                    return;
                }
                format = negotiated;
                PixelFormat pixels = negotiated.pixelFormat().get();
                int stride = negotiated.width() * pixels.bytesPerPixel();
                try (Arena call = Arena.ofConfined()) {
                    stream.updateParams(List.of(
                            new SpaPodBuilder().write(VideoFormatParams.buffers(BufferParams.request(
                                    stride, (int) pixels.frameBytes(stride, negotiated.height())))).toSegment(call),
                            new SpaPodBuilder().write(VideoFormatParams.headerMeta()).toSegment(call)));
                }
                LOG.log(System.Logger.Level.INFO, "pipewire capture " + target + ": negotiated " + negotiated);
            } catch (SpaPodException | PipeWireException e) {
                end("the producer's format could not be read: " + e.getMessage());
            }
        }

        @Override
        public void process(PwStream self) {
            PwBuffer buffer;
            try {
                buffer = self.dequeue();
            } catch (PipeWireException e) {
                drops.warn("dequeue failed", "pipewire capture " + target + ": " + e.getMessage());
                return;
            }
            if (buffer == null) {
                return;
            }
            try {
                received.incrementAndGet();
                take(buffer);
            } finally {
                try {
                    self.queue(buffer);
                } catch (PipeWireException e) {
                    drops.warn("queue failed", "pipewire capture " + target + ": " + e.getMessage());
                }
            }
        }
    }

    /** Copies the buffer's picture into a pooled frame and hands it on; counts and names every drop. */
    private void take(PwBuffer buffer) {
        NegotiatedVideoFormat current = format;
        if (current == null || closed) {
            drop("buffer before a format was negotiated");
            return;
        }
        if (buffer.dataCount() < 1) {
            drop("buffer without data");
            return;
        }
        PixelFormat pixels = current.pixelFormat().orElseThrow();
        BufferData data = buffer.data(0);
        bufferType = BufferParams.typeName(data.type());
        BufferImport.Picture picture = BufferImport.picture(data, pixels, current.width(), current.height());
        if (picture.isDropped()) {
            drop(picture.dropReason());
            return;
        }
        try {
            int packed = current.width() * pixels.bytesPerPixel();
            MemorySegment copy = pool.take(pixels.frameBytes(packed, current.height()));
            if (copy == null) {
                drop("the encoder still holds every frame");
                return;
            }
            Rows.copy(picture.pixels(), picture.stride(), copy, packed, packed, current.height(), pixels);
            long sequence = request.firstSequence() + delivered.getAndIncrement();
            sink.accept(new Frame(copy, pixels, current.width(), current.height(), packed, sequence,
                    captureTime(buffer), () -> pool.give(copy)));
        } finally {
            if (picture.ownMapping() != null) {
                BufferImport.unmap(picture.ownMapping());
            }
        }
    }

    /**
     * When the producer stamped the buffer (its spa_meta_header, on PipeWire's monotonic clock, the clock of
     * {@link System#nanoTime()}), that time, so the session's latency counts from the producer; else the arrival.
     */
    private long captureTime(PwBuffer buffer) {
        long now = System.nanoTime();
        OptionalLong pts = buffer.pts();
        boolean stamped = pts.isPresent() && pts.getAsLong() > 0 && pts.getAsLong() <= now
                && now - pts.getAsLong() < STAMP_PLAUSIBLE_NANOS;
        String source = stamped ? "the producer's (buffer header)" : pts.isPresent()
                ? "arrival (the producer's header time is not on the monotonic clock)" : "arrival (no buffer header)";
        if (!source.equals(timestamps)) {
            timestamps = source;
            LOG.log(System.Logger.Level.INFO, "pipewire capture " + target + ": frame times are " + source);
        }
        return stamped ? pts.getAsLong() : now;
    }

    /** A header time further back than this is on another clock (a producer's stream time, not monotonic). */
    private static final long STAMP_PLAUSIBLE_NANOS = 1_000_000_000L;

    private void drop(String reason) {
        drops.warn(reason, "pipewire capture " + target + " drops a frame: " + reason + " (logged once, counted)");
    }

    private void checkNegotiated(Duration timeout) {
        if (closed || delivered.get() > 0) {
            return;
        }
        String seconds = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
        end(format == null
                ? "negotiating for " + seconds + ": producer did not acknowledge the format (state "
                        + stream.state() + ")"
                : "negotiated " + format + " " + seconds + " ago but no frame arrived (" + received.get()
                        + " buffers, " + drops.counts() + ")");
    }

    private void coreError(PwConnection.CoreError error) {
        if (error.connectionLost()) {
            end("the PipeWire daemon connection was lost (" + error + ")");
        }
    }

    /** Says once why this capture can deliver no more; the session manager closes it from another thread. */
    private void end(String reason) {
        if (closed || !ended.compareAndSet(false, true)) {
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "pipewire capture " + target + " ended: " + reason);
        sink.ended(reason);
    }

    @Override
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("node", target);
        stats.put("state", stream.state() + (stream.error() == null ? "" : " (" + stream.error() + ")"));
        stats.put("format", format == null ? "not negotiated" : format.toString());
        stats.put("buffer type", bufferType);
        stats.put("frames received", received.get());
        stats.put("frames delivered", delivered.get());
        stats.put("copies per frame", 1);
        stats.put("frame times", timestamps);
        Map<String, Long> dropped = drops.counts();
        stats.put("frames dropped", dropped.values().stream().mapToLong(Long::longValue).sum()
                + (dropped.isEmpty() ? "" : " " + dropped));
        return stats;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        negotiationWatch.cancel(false);
        stream.close();
        connection.close();
        LOG.log(System.Logger.Level.INFO, "pipewire capture " + target + " closed: " + delivered.get()
                + " frames delivered of " + received.get() + " received");
    }
}
