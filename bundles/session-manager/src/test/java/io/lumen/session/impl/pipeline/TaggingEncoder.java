package io.lumen.session.impl.pipeline;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.AccessUnitSink;
import io.lumen.api.media.Codec;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An encoder for pipeline tests whose output names itself and the source frame ("id:sequence"), so a test
 * can tell which encoder produced each picture; keyframe first and on request, like a real encoder. It can heal a
 * client's loss as an encoder with reference invalidation or intra refresh would, marking the next picture.
 */
final class TaggingEncoder implements EncoderBackend {

    final String id;
    final AtomicInteger opened = new AtomicInteger();
    /** The size and rate of the last open. */
    volatile io.lumen.api.media.VideoMode lastMode;
    final AtomicInteger closed = new AtomicInteger();
    volatile boolean failOnEncode;
    volatile boolean failOnOpen;
    volatile int lastBitrate;
    volatile boolean tenBit;
    /** Set: the encoder repeats its last picture itself, tagged "id:sequence:skip". */
    volatile boolean skips;
    /**
     * Set: it takes frames of any size ({@code scalesInput}), as libav's encoders do; unset, a frame of another size
     * than it was opened for fails, as it would in a real encoder.
     */
    volatile boolean scales;
    /** The size of the last frame it was given, "WxH". */
    volatile String lastFrameSize;
    /** Set: every picture takes this long to encode, as a slow encoder's would. */
    volatile long encodeMillis;
    /** Set: opening takes this long, as a native encoder's start at a large size does. */
    volatile long openMillis;
    /**
     * Set: pictures are numbered by the encoder session itself (1000 times the open's count, then one up per picture),
     * not by the frame's sequence, so a test sees whether the session translated its numbers to the encoder's.
     */
    volatile boolean ownNumbers;
    /** The number of every picture it made, in order, over every open. */
    final List<Long> numbers = new CopyOnWriteArrayList<>();
    /** Set: it invalidates references to pictures its open session made; the next picture says so. */
    volatile boolean invalidates;
    /** The ranges it invalidated, "first-last" in its own numbers. */
    final List<String> invalidated = new CopyOnWriteArrayList<>();
    /** Set: opened with intra refresh, it starts a wave on request; the next picture says so. */
    volatile boolean refreshesInWaves;
    /** Waves started on request. */
    final AtomicInteger refreshes = new AtomicInteger();
    /** The intra refresh period of every open, in order. */
    final List<Integer> intraRefreshFramesOpened = new CopyOnWriteArrayList<>();
    /** Released once per picture while set: encode waits for it, so a test can act while a picture is encoding. */
    volatile Semaphore gate;

    TaggingEncoder(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Probe probe() {
        return Probe.ok();
    }

    @Override
    public Set<Codec> codecs() {
        return Set.of(Codec.H264);
    }

    @Override
    public Set<Codec> tenBitCodecs() {
        return tenBit ? codecs() : Set.of();
    }

    @Override
    public Set<PixelFormat> inputFormats() {
        return Set.of(PixelFormat.BGRX);
    }

    @Override
    public boolean scalesInput() {
        return scales;
    }

    @Override
    public EncoderSession open(EncoderConfig config) throws BackendException {
        if (failOnOpen) {
            throw new BackendException(id + " cannot open");
        }
        if (openMillis > 0) {
            try {
                Thread.sleep(openMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int openIndex = opened.incrementAndGet();
        intraRefreshFramesOpened.add(config.intraRefreshFrames());
        lastBitrate = config.bitrateKbps();
        lastMode = config.mode();
        return new EncoderSession() {
            private boolean keyframeNext = true;
            private boolean open = true;
            private long lastSequence = -1;
            private long nextNumber = 1000L * openIndex;
            private final Set<Long> made = new java.util.HashSet<>();
            private AccessUnit.Recovery recoveryNext = AccessUnit.Recovery.NONE;

            /** Numbers and records a picture of {@code sequence}. */
            private long number(long sequence) {
                long number = ownNumbers ? nextNumber++ : sequence;
                made.add(number);
                numbers.add(number);
                return number;
            }

            @Override
            public boolean invalidateReferences(long first, long last) {
                if (!invalidates || !made.contains(first) || !made.contains(last)) {
                    return false;
                }
                invalidated.add(first + "-" + last);
                recoveryNext = AccessUnit.Recovery.REFERENCES_INVALIDATED;
                return true;
            }

            @Override
            public boolean refreshIntra() {
                if (!refreshesInWaves || !config.intraRefresh()) {
                    return false;
                }
                refreshes.incrementAndGet();
                recoveryNext = AccessUnit.Recovery.INTRA_REFRESH;
                return true;
            }

            @Override
            public boolean repeatLast(long captureNanos, AccessUnitSink sink) {
                if (!skips || lastSequence < 0 || keyframeNext) {
                    return false;
                }
                byte[] tag = (id + ":" + lastSequence + ":skip").getBytes(StandardCharsets.US_ASCII);
                sink.accept(new AccessUnit(number(lastSequence), captureNanos, false, Codec.H264,
                        MemorySegment.ofArray(tag)));
                return true;
            }

            @Override
            public void encode(Frame frame, AccessUnitSink sink) throws BackendException {
                if (!open) {
                    throw new IllegalStateException("encode after close");
                }
                if (failOnEncode) {
                    throw new BackendException(id + " lost its device");
                }
                Semaphore waitFor = gate;
                if (waitFor != null) {
                    waitFor.acquireUninterruptibly();
                }
                if (encodeMillis > 0) {
                    try {
                        Thread.sleep(encodeMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                frame.data(); // a released frame would throw here
                lastFrameSize = frame.width() + "x" + frame.height();
                if (!scales && (frame.width() != config.mode().width() || frame.height() != config.mode().height())) {
                    throw new BackendException(id + " was opened for " + config.mode() + ", got " + lastFrameSize);
                }
                byte[] tag = (id + ":" + frame.sequence()).getBytes(StandardCharsets.US_ASCII);
                AccessUnit.Recovery recovery = keyframeNext ? AccessUnit.Recovery.NONE : recoveryNext;
                sink.accept(new AccessUnit(number(frame.sequence()), frame.captureNanos(), keyframeNext, Codec.H264,
                        MemorySegment.ofArray(tag), recovery));
                recoveryNext = AccessUnit.Recovery.NONE;
                keyframeNext = false;
                lastSequence = frame.sequence();
            }

            @Override
            public void requestKeyframe() {
                keyframeNext = true;
            }

            @Override
            public void setBitrate(int kbps) {
                lastBitrate = kbps;
            }

            @Override
            public void close() {
                open = false;
                closed.incrementAndGet();
            }
        };
    }
}
