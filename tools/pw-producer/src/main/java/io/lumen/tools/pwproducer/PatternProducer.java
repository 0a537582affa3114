package io.lumen.tools.pwproducer;

import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.pipewire.impl.ffm.BufferData;
import io.lumen.capture.pipewire.impl.ffm.PipeWire;
import io.lumen.capture.pipewire.impl.ffm.PipeWireException;
import io.lumen.capture.pipewire.impl.ffm.PwBuffer;
import io.lumen.capture.pipewire.impl.ffm.PwConnection;
import io.lumen.capture.pipewire.impl.ffm.PwRemote;
import io.lumen.capture.pipewire.impl.ffm.PwStream;
import io.lumen.capture.pipewire.impl.ffm.StreamState;
import io.lumen.capture.pipewire.impl.spa.BufferRequest;
import io.lumen.capture.pipewire.impl.spa.FixedFormat;
import io.lumen.capture.pipewire.impl.spa.NegotiatedVideoFormat;
import io.lumen.capture.pipewire.impl.spa.SpaData;
import io.lumen.capture.pipewire.impl.spa.SpaParam;
import io.lumen.capture.pipewire.impl.spa.SpaPod;
import io.lumen.capture.pipewire.impl.spa.SpaPodBuilder;
import io.lumen.capture.pipewire.impl.spa.SpaPodException;
import io.lumen.capture.pipewire.impl.spa.SpaPodParser;
import io.lumen.capture.pipewire.impl.spa.SpaVideoFormat;
import io.lumen.capture.pipewire.impl.spa.VideoFormatParams;
import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.capture.synthetic.pattern.TestPattern;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A PipeWire {@code Video/Source} node that drives its own clock, as gamescope's does: one fixed BGRx format at its
 * size and rate, MemFd or MemPtr buffers, each frame lumen's {@link TestPattern} with an increasing counter in its
 * stamp, and the buffer's {@code spa_meta_header.pts} set to {@link System#nanoTime()} (CLOCK_MONOTONIC, PipeWire's
 * clock) just before it is queued. Frames are paced by a clock thread of its own, which paints outside the loop
 * lock and then queues and triggers the graph.
 */
public final class PatternProducer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.tools.pwproducer");
    private static final int BUFFERS = 4;
    private static final int MIN_BUFFERS = 2;
    private static final int MAX_BUFFERS = 8;
    private static final int REMEMBERED_STAMPS = 1024;

    /**
     * @param produced           frames queued to the consumer
     * @param buffersUnavailable clock ticks with no free buffer: the consumer still held every one
     * @param lateTicks          ticks that came more than a frame late (the clock then restarts from now)
     */
    public record Counts(long produced, long buffersUnavailable, long lateTicks) {
        @Override
        public String toString() {
            return "produced " + produced + " frames, " + buffersUnavailable
                    + " ticks without a free buffer (the consumer held them), " + lateTicks + " late ticks";
        }
    }

    private final String nodeName;
    private final VideoMode mode;
    private final BufferMemory memory;
    private final int stride;
    private final int frameBytes;
    private final TestPattern pattern;
    private final PwConnection connection;
    private final PwStream stream;
    private final Map<Integer, MemFd> memFds = new ConcurrentHashMap<>();
    private final CompletableFuture<Integer> inGraph = new CompletableFuture<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final long[] stampedCounters = new long[REMEMBERED_STAMPS];
    private final long[] stampedPts = new long[REMEMBERED_STAMPS];
    private final Thread clock;
    private volatile StreamState state = StreamState.UNCONNECTED;
    private volatile boolean running = true;
    private volatile boolean idle;

    /** Publishes node {@code nodeName} on {@code remote} and starts its clock; frames flow once a consumer links. */
    public PatternProducer(PipeWire pw, PwRemote remote, String nodeName, VideoMode mode, BufferMemory memory)
            throws PipeWireException {
        this.nodeName = nodeName;
        this.mode = mode;
        this.memory = memory;
        this.stride = TestPattern.minimumStride(mode.width(), PixelFormat.BGRX);
        this.frameBytes = Math.toIntExact(PixelFormat.BGRX.frameBytes(stride, mode.height()));
        this.pattern = new TestPattern(mode.width(), mode.height(), PixelFormat.BGRX);
        Arrays.fill(stampedCounters, -1);
        this.connection = PwConnection.open(pw, remote);
        connection.addErrorListener(error -> {
            if (error.connectionLost()) {
                ended.complete("the PipeWire daemon connection was lost (" + error + ")");
            }
        });
        try {
            stream = PwStream.createVideoSource(connection, nodeName,
                    Map.of("node.description", "lumen pattern producer (" + memory.spaName() + ")"), new Events());
            SpaPod.ObjectPod format = new FixedFormat(Optional.of(SpaVideoFormat.BGRx.number()),
                    Optional.of(new SpaPod.RectanglePod(mode.width(), mode.height())),
                    Optional.of(new SpaPod.FractionPod(mode.fps(), 1)), memory.hasModifier()
                    ? OptionalLong.of(VideoFormatParams.DRM_FORMAT_MOD_LINEAR) : OptionalLong.empty()).toPod();
            try (Arena call = Arena.ofConfined()) {
                stream.connectAsDriver(List.of(new SpaPodBuilder().write(format).toSegment(call)), memory.allocation());
            }
        } catch (PipeWireException | RuntimeException e) {
            connection.close();
            throw e;
        }
        clock = Thread.ofPlatform().name("pattern-clock").daemon().start(this::runClock);
    }

    private final class Events implements PwStream.Events {
        @Override
        public void stateChanged(StreamState previous, StreamState now, String error) {
            state = now;
            LOG.log(System.Logger.Level.INFO, "producer " + nodeName + ": " + previous + " -> " + now
                    + (error == null ? "" : " (" + error + ")"));
            if (now == StreamState.PAUSED && !inGraph.isDone()) {
                try {
                    inGraph.complete(stream.nodeId());
                } catch (PipeWireException e) {
                    inGraph.completeExceptionally(e);
                }
            } else if (now == StreamState.ERROR) {
                ended.complete("the stream failed: " + error);
            } else if (now == StreamState.UNCONNECTED && previous != StreamState.UNCONNECTED && running) {
                ended.complete("the stream left the graph");
            }
        }

        @Override
        public void paramChanged(int id, MemorySegment pod) {
            if (id != SpaParam.FORMAT || pod.address() == 0) {
                return;
            }
            try {
                NegotiatedVideoFormat format = VideoFormatParams.parseFormat(SpaPodParser.parseNative(pod, 1 << 16));
                if (format.width() != mode.width() || format.height() != mode.height()) {
                    ended.complete("the graph agreed on " + format + ", not the offered " + mode);
                    return;
                }
                BufferRequest request = new BufferRequest(BUFFERS, MIN_BUFFERS, MAX_BUFFERS, 1, frameBytes, stride,
                        SpaData.mask(memory.dataType()));
                try (Arena call = Arena.ofConfined()) {
                    stream.updateParams(List.of(
                            new SpaPodBuilder().write(VideoFormatParams.buffers(request)).toSegment(call),
                            new SpaPodBuilder().write(VideoFormatParams.headerMeta()).toSegment(call)));
                }
                LOG.log(System.Logger.Level.INFO, "producer " + nodeName + ": format " + format + ", "
                        + memory.spaName() + " buffers");
            } catch (SpaPodException | PipeWireException e) {
                ended.complete("the agreed format could not be used: " + e.getMessage());
            }
        }

        @Override
        public void addBuffer(PwBuffer buffer) {
            if (memory.allocation() != PwStream.BufferAllocation.STREAM) {
                return;
            }
            int allowed = buffer.data(0).type();
            if ((allowed & SpaData.mask(memory.dataType())) == 0) {
                ended.complete("the consumer takes no " + memory.spaName() + " buffers (data types 0x"
                        + Integer.toHexString(allowed) + ")");
                return;
            }
            MemFd memFd = MemFd.allocate("lumen-pattern-" + nodeName, frameBytes);
            memFds.put(memFd.fd(), memFd);
            buffer.attachMemory(0, memory.dataType(), memFd.fd(), 0, memFd.mapped());
        }

        @Override
        public void removeBuffer(PwBuffer buffer) {
            BufferData data = buffer.data(0);
            MemFd memFd = data.type() == memory.dataType() ? memFds.remove((int) data.fd()) : null;
            if (memFd != null) {
                memFd.close();
            }
        }
    }

    /**
     * The producer's own clock: a tick every frame interval on absolute deadlines, so the rate does not drift with
     * the time each frame takes. A tick more than a frame late restarts the clock from now instead of bursting.
     */
    private void runClock() {
        long interval = mode.frameIntervalNanos();
        long due = System.nanoTime();
        while (running) {
            due += interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (-wait > interval) {
                late.incrementAndGet();
                due = System.nanoTime();
            }
            if (running && !idle && state == StreamState.STREAMING) {
                try {
                    produceFrame();
                } catch (PipeWireException | RuntimeException e) {
                    ended.complete("producing a frame failed: " + e);
                    return;
                }
            }
        }
    }

    private void produceFrame() throws PipeWireException {
        PwBuffer buffer = stream.dequeue();
        if (buffer == null) {
            unavailable.incrementAndGet();
            return;
        }
        BufferData data = buffer.data(0);
        if (!data.isMapped() || Integer.toUnsignedLong(data.maxSize()) < frameBytes) {
            stream.queue(buffer);
            throw new IllegalStateException("buffer of type " + data.type() + ", " + data.maxSize()
                    + " bytes, mapped " + data.isMapped() + ": cannot hold a " + frameBytes + "-byte frame");
        }
        long counter = produced.get();
        pattern.paint(data.data(), stride, counter, FrameStamp.now(counter));
        buffer.writeChunk(0, 0, frameBytes, stride);
        long pts = System.nanoTime();
        buffer.writeHeader(pts, counter);
        remember(counter, pts);
        stream.queue(buffer);
        stream.triggerProcess();
        produced.incrementAndGet();
    }

    private synchronized void remember(long counter, long pts) {
        int slot = (int) (counter % REMEMBERED_STAMPS);
        stampedCounters[slot] = counter;
        stampedPts[slot] = pts;
    }

    /** The pts stamped on frame {@code counter}, if it is among the last {@value #REMEMBERED_STAMPS} produced. */
    public synchronized OptionalLong ptsOf(long counter) {
        int slot = (int) (counter % REMEMBERED_STAMPS);
        return stampedCounters[slot] == counter ? OptionalLong.of(stampedPts[slot]) : OptionalLong.empty();
    }

    /** Waits until the node is in the graph (its stream paused, ready to be linked); its global id. */
    public int awaitInGraph(Duration timeout) throws PipeWireException, InterruptedException {
        try {
            return CompletableFuture.anyOf(inGraph, ended).thenApply(result -> {
                if (result instanceof String reason) {
                    throw new IllegalStateException(reason);
                }
                return (Integer) result;
            }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PipeWireException("node " + nodeName + " not in the graph after " + timeout.toMillis()
                    + " ms (state " + state + ")");
        } catch (ExecutionException e) {
            throw new PipeWireException("node " + nodeName + ": " + e.getCause().getMessage());
        }
    }

    /** Completes with the reason when the producer can produce no more (daemon gone, stream failed). */
    public CompletableFuture<String> ended() {
        return ended;
    }

    /**
     * Set: the producer sends no frames, as a damage-driven one (Mutter, KWin) does while nothing on screen changes;
     * cleared, it goes on with the next counter.
     */
    public void idle(boolean idle) {
        this.idle = idle;
    }

    public String nodeName() {
        return nodeName;
    }

    public StreamState state() {
        return state;
    }

    public Counts counts() {
        return new Counts(produced.get(), unavailable.get(), late.get());
    }

    /** Stops the clock and takes the node out of the graph; consumers see the producer leave. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(clock);
        try {
            clock.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stream.close();
        connection.close();
        memFds.values().forEach(MemFd::close);
        memFds.clear();
    }
}
