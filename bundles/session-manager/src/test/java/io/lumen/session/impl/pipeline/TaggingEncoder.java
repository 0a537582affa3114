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
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An encoder for pipeline tests whose output names itself and the source frame ("id:sequence"), so a test
 * can tell which encoder produced each picture; keyframe first and on request, like a real encoder.
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
        opened.incrementAndGet();
        lastBitrate = config.bitrateKbps();
        lastMode = config.mode();
        return new EncoderSession() {
            private boolean keyframeNext = true;
            private boolean open = true;
            private long lastSequence = -1;

            @Override
            public boolean repeatLast(long captureNanos, AccessUnitSink sink) {
                if (!skips || lastSequence < 0 || keyframeNext) {
                    return false;
                }
                byte[] tag = (id + ":" + lastSequence + ":skip").getBytes(StandardCharsets.US_ASCII);
                sink.accept(new AccessUnit(lastSequence, captureNanos, false, Codec.H264, MemorySegment.ofArray(tag)));
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
                sink.accept(new AccessUnit(frame.sequence(), frame.captureNanos(), keyframeNext, Codec.H264,
                        MemorySegment.ofArray(tag)));
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
