package io.lumen.encode.x264.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.AccessUnitSink;
import io.lumen.api.media.Frame;
import io.lumen.encode.x264.impl.ffm.X264Encoder;
import io.lumen.encode.x264.impl.ffm.X264Exception;
import io.lumen.encode.x264.impl.ffm.X264Library;
import io.lumen.encoding.AvPixelFormat;
import io.lumen.encoding.CaptureConversion;
import io.lumen.encoding.EncodingException;
import io.lumen.encoding.Swscale;

/**
 * One x264 encoder for a session. Access units are numbered 0, 1, 2... in the order this session encoded them, and
 * that number is also the picture's pts in x264, so a client's lost frames (reported in those numbers) name x264's
 * pictures directly. Each frame is converted once into x264's picture (scaled in the same pass) and its access
 * unit handed on before encode returns.
 */
final class X264Session implements EncoderSession {

    private static final System.Logger LOG = System.getLogger("lumen.encode.x264");

    private final String id;
    private final CaptureConversion conversion;
    private X264Settings settings;
    private X264Encoder encoder;
    /** The pts (= frame number) the next picture gets. */
    private long next;
    private long lastIdr = -1;
    private long captureSequence = -1;
    private volatile boolean keyframeRequested = true;
    private volatile int requestedKbps;
    private AccessUnit.Recovery pendingMark = AccessUnit.Recovery.NONE;
    private boolean waveRequested;

    X264Session(X264Library x264, Swscale swscale, String id, X264Settings settings) throws BackendException {
        this.id = id;
        this.settings = settings;
        EncoderConfig config = settings.config();
        this.requestedKbps = config.bitrateKbps();
        this.conversion = new CaptureConversion(swscale, LOG, id, config.mode().width(), config.mode().height(),
                config.tenBit() ? AvPixelFormat.YUV420P10LE : AvPixelFormat.YUV420P);
        try {
            this.encoder = X264Encoder.open(x264, config.mode().width(), config.mode().height(), config.tenBit(),
                    settings.preset(), X264Settings.TUNE, settings.all(), settings.profile());
        } catch (X264Exception e) {
            throw new BackendException(id + ": " + e.getMessage(), e);
        }
        LOG.log(System.Logger.Level.INFO, id + " encoder opened: " + config.codec() + " " + config.mode() + " "
                + config.bitrateKbps() + " kbps, " + settings.referencesUsed() + " reference pictures"
                + (config.intraRefresh() ? ", intra refresh over " + config.intraRefreshFrames() + " pictures" : "")
                + (config.tenBit() ? ", 10-bit" : ""));
    }

    @Override
    public void encode(Frame frame, AccessUnitSink sink) throws BackendException {
        if (encoder == null) {
            throw new IllegalStateException(id + " encoder used after close");
        }
        try {
            applyBitrate();
            conversion.convert(frame, encoder);
            captureSequence = frame.sequence();
            send(frame.captureNanos(), sink);
        } catch (EncodingException e) {
            throw new BackendException(id + " failed on frame " + frame.sequence() + ": " + e.getMessage(), e);
        }
    }

    /** x264's picture still holds the last frame: encoding it again costs no conversion (an all-skip P picture). */
    @Override
    public boolean repeatLast(long captureNanos, AccessUnitSink sink) throws BackendException {
        if (encoder == null) {
            throw new IllegalStateException(id + " encoder used after close");
        }
        if (!conversion.hasConverted() || keyframeRequested || requestedKbps != settings.config().bitrateKbps()) {
            return false;
        }
        try {
            send(captureNanos, sink);
            return true;
        } catch (X264Exception e) {
            throw new BackendException(id + " failed repeating frame " + captureSequence + ": " + e.getMessage(), e);
        }
    }

    private void send(long captureNanos, AccessUnitSink sink) throws X264Exception {
        long pts = next++;
        boolean idr = keyframeRequested;
        keyframeRequested = false;
        boolean out = encoder.encode(pts, idr, (data, unitPts, isIdr, recoveryPoint) -> {
            AccessUnit.Recovery recovery = AccessUnit.Recovery.NONE;
            if (isIdr) {
                lastIdr = unitPts;
                waveRequested = false;
                pendingMark = AccessUnit.Recovery.NONE;
            } else if (waveRequested && recoveryPoint) {
                recovery = AccessUnit.Recovery.INTRA_REFRESH;
                waveRequested = false;
            } else if (pendingMark == AccessUnit.Recovery.REFERENCES_INVALIDATED) {
                recovery = pendingMark;
                pendingMark = AccessUnit.Recovery.NONE;
            }
            sink.accept(new AccessUnit(unitPts, captureNanos, isIdr, settings.config().codec(), data, recovery));
        });
        if (!out) {
            throw new X264Exception("x264 held picture " + pts + " back (" + encoder.delayedFrames()
                    + " delayed): the zero-latency settings did not take");
        }
    }

    /** On the encode thread: x264 takes a new rate without reopening. */
    private void applyBitrate() throws X264Exception {
        int kbps = requestedKbps;
        int current = settings.config().bitrateKbps();
        if (kbps == current) {
            return;
        }
        encoder.reconfigure(settings.rate(kbps));
        settings = new X264Settings(settings.config().withBitrate(kbps), settings.preset(), settings.references());
        LOG.log(System.Logger.Level.INFO, id + " bitrate " + current + " -> " + kbps + " kbps");
    }

    @Override
    public void requestKeyframe() {
        keyframeRequested = true;
    }

    /**
     * Steps over pictures {@code firstFrame}..{@code lastFrame}: possible while the picture before them is still
     * one of x264's references and was not before the last IDR, and not while refreshing in waves (x264 refuses
     * then). x264 does not say whether the pictures are still held, so the window is checked here.
     */
    @Override
    public boolean invalidateReferences(long firstFrame, long lastFrame) {
        long lastEncoded = next - 1;
        String refused = null;
        if (encoder == null || firstFrame > lastFrame || firstFrame < 0 || firstFrame > lastEncoded) {
            refused = "not frames this encoder has sent (" + lastEncoded + " was the last)";
        } else if (settings.config().intraRefresh()) {
            refused = "it refreshes in waves, where x264 invalidates nothing";
        } else if (firstFrame <= lastIdr) {
            refused = "the IDR " + lastIdr + " is among them";
        } else if (lastEncoded - (firstFrame - 1) >= settings.referencesUsed()) {
            refused = "frame " + (firstFrame - 1) + " has left the " + settings.referencesUsed()
                    + " reference pictures";
        } else if (!encoder.invalidateReference(firstFrame)) {
            refused = "x264 refuses";
        }
        if (refused != null) {
            LOG.log(System.Logger.Level.INFO, id + " cannot invalidate frames " + firstFrame + "-" + lastFrame + ": "
                    + refused);
            return false;
        }
        pendingMark = AccessUnit.Recovery.REFERENCES_INVALIDATED;
        LOG.log(System.Logger.Level.INFO, id + " invalidated frames " + firstFrame + "-" + lastFrame + ": frame "
                + next + " references frame " + (firstFrame - 1) + " or older");
        return true;
    }

    @Override
    public boolean refreshIntra() {
        if (encoder == null || !settings.config().intraRefresh()) {
            return false;
        }
        encoder.intraRefresh();
        waveRequested = true;
        LOG.log(System.Logger.Level.INFO, id + " intra refresh wave requested after frame " + (next - 1));
        return true;
    }

    @Override
    public void setBitrate(int kbps) {
        if (kbps <= 0) {
            throw new IllegalArgumentException("bitrate must be positive: " + kbps);
        }
        requestedKbps = kbps;
    }

    @Override
    public void close() {
        if (encoder == null) {
            return;
        }
        try {
            encoder.close();
            conversion.close();
        } finally {
            encoder = null;
            LOG.log(System.Logger.Level.INFO, id + " encoder closed: " + settings.config().mode() + ", " + next
                    + " frames");
        }
    }
}
