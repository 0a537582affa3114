package io.lumen.encode.java.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.AccessUnitSink;
import io.lumen.api.media.Codec;
import io.lumen.api.media.Frame;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.codecs.h264.io.model.SliceType;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Rect;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * One JCodec encoder: an IDR first and on request, P pictures otherwise (no periodic keyframes: a game stream
 * asks for one when it lost data). Output goes to one reused buffer that the sink sees only during its call.
 */
final class JavaH264Session implements EncoderSession {

    private static final System.Logger LOG = System.getLogger("lumen.encode.java");
    static final int FRAME_NUM_PERIOD = 256;

    private final EncoderConfig config;
    private final QpRateControl rateControl;
    private final H264Encoder encoder;
    private final Picture picture;
    private final YuvConverter converter;
    private final ByteBuffer output;
    private volatile boolean keyframeRequested = true;
    private boolean closed;
    private int frameNum;
    /** The all-skip picture for the stream the last IDR began; null before one, or when it could not be made. */
    private SkipPicture skip;
    private long lastSequence;

    JavaH264Session(EncoderConfig config) {
        this.config = config;
        int width = config.mode().width();
        int height = config.mode().height();
        this.rateControl = new QpRateControl(config.bitrateKbps(), config.mode());
        this.encoder = new H264Encoder(rateControl);
        // JCodec sizes frame_num from the key interval; IDRs come only on request (encodePFrame never inserts
        // one), so this only sets how far frame_num counts before it wraps, as H.264 allows
        this.encoder.setKeyInterval(FRAME_NUM_PERIOD);
        int paddedWidth = (width + 15) & ~15;
        int paddedHeight = (height + 15) & ~15;
        this.picture = Picture.createCropped(paddedWidth, paddedHeight, ColorSpace.YUV420J, new Rect(0, 0, width, height));
        this.converter = new YuvConverter(width, height);
        // worst case: I_PCM-sized macroblocks plus headers
        this.output = ByteBuffer.allocate(paddedWidth * paddedHeight * 2 + 4096);
        LOG.log(System.Logger.Level.INFO, "java-h264 encoder opened: " + config.mode() + " " + config.bitrateKbps() + " kbps");
    }

    @Override
    public void encode(Frame frame, AccessUnitSink sink) throws BackendException {
        if (closed) {
            throw new IllegalStateException("java-h264 encoder used after close");
        }
        converter.convert(frame, picture);
        boolean idr = keyframeRequested;
        keyframeRequested = false;
        output.clear();
        ByteBuffer encoded;
        try {
            // JCodec's encodePFrame marks P pictures as IDR (repeating SPS/PPS and a bogus idr flag in every slice
            // header), so P pictures are made through doEncodeFrame with our own frame_num
            frameNum = idr ? 0 : (frameNum + 1) % FRAME_NUM_PERIOD;
            encoded = idr ? encoder.encodeIDRFrame(picture, output)
                    : encoder.doEncodeFrame(picture, output, false, frameNum, SliceType.P);
        } catch (RuntimeException e) {
            throw new BackendException("JCodec failed on frame " + frame.sequence() + ": " + e, e);
        }
        rateControl.pictureDone(encoded.remaining());
        lastSequence = frame.sequence();
        if (idr) {
            skip = skipPictureAfter(encoded);
        }
        sink.accept(new AccessUnit(frame.sequence(), frame.captureNanos(), idr, Codec.H264, MemorySegment.ofBuffer(encoded)));
    }

    private static SkipPicture skipPictureAfter(ByteBuffer idr) {
        try {
            return SkipPicture.after(idr);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "java-h264: idle repeats will encode the last frame again, no skip"
                    + " picture for this stream: " + e.getMessage());
            return null;
        }
    }

    /**
     * An all-skip P picture: the decoder shows the last picture again. It is a reference picture, so frame_num
     * moves on as for an encoded one, and the rate control does not see it (it says nothing about the next
     * picture's size).
     */
    @Override
    public boolean repeatLast(long captureNanos, AccessUnitSink sink) {
        if (closed) {
            throw new IllegalStateException("java-h264 encoder used after close");
        }
        if (skip == null || keyframeRequested) {
            return false;
        }
        frameNum = (frameNum + 1) % FRAME_NUM_PERIOD;
        ByteBuffer unit = skip.write(frameNum, output);
        sink.accept(new AccessUnit(lastSequence, captureNanos, false, Codec.H264, MemorySegment.ofBuffer(unit)));
        return true;
    }

    @Override
    public void requestKeyframe() {
        keyframeRequested = true;
    }

    @Override
    public void setBitrate(int kbps) {
        if (kbps <= 0) {
            throw new IllegalArgumentException("bitrate must be positive: " + kbps);
        }
        rateControl.setBitrate(kbps);
    }

    /** The QP the next picture will use (for tests and diagnostics). */
    int qp() {
        return rateControl.qp();
    }

    @Override
    public void close() {
        closed = true;
        LOG.log(System.Logger.Level.INFO, "java-h264 encoder closed: " + config.mode());
    }
}
