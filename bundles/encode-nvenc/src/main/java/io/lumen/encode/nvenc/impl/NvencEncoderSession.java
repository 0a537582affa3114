package io.lumen.encode.nvenc.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.AccessUnitSink;
import io.lumen.api.media.Codec;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.encode.nvenc.impl.ffm.InputCopy;
import io.lumen.encode.nvenc.impl.ffm.LowLatencyConfig;
import io.lumen.encode.nvenc.impl.ffm.NvencDriver;
import io.lumen.encode.nvenc.impl.ffm.NvencEncoder;
import io.lumen.encode.nvenc.impl.ffm.NvencException;
import io.lumen.encode.nvenc.impl.ffm.PictureParams;
import io.lumen.log.WarnOnce;

import java.util.Optional;

/**
 * One NVENC encoder for a session. The native encoder is opened for the first frame's pixel format (the buffer
 * format depends on it) and reopened, with a keyframe, if the capture changes format. encode and close are
 * synchronized: when the bundle stops mid-session the pipeline's close waits for a frame in flight, and the GPU
 * memory is freed before the bundle's classes go.
 *
 * <p>Access units are numbered 0, 1, 2... as this session encoded them, and each number is also the picture's
 * inputTimeStamp in NVENC ({@link ReferenceWindow}), so a client's lost frames, mapped back to these numbers by the
 * session manager, are invalidated by nvEncInvalidateRefFrames with the timestamps NVENC knows them by.
 */
final class NvencEncoderSession implements EncoderSession {

    private static final System.Logger LOG = System.getLogger("lumen.encode.nvenc");

    private final NvencDriver driver;
    private final WarnOnce warnings = new WarnOnce(LOG);
    private EncoderConfig config;
    private NvencEncoder encoder;
    private PixelFormat openedFor;
    private final ReferenceWindow window;
    private boolean closed;
    /** The mark the next picture carries unless it comes out an IDR. */
    private AccessUnit.Recovery pendingMark = AccessUnit.Recovery.NONE;
    private boolean waveRequested;
    private volatile boolean keyframeRequested = true;
    private volatile int requestedKbps;

    NvencEncoderSession(NvencDriver driver, EncoderConfig config) {
        this.driver = driver;
        this.config = config;
        this.requestedKbps = config.bitrateKbps();
        this.window = new ReferenceWindow(config);
    }

    @Override
    public synchronized void encode(Frame frame, AccessUnitSink sink) throws BackendException {
        if (closed) {
            throw new IllegalStateException("nvenc encoder used after close");
        }
        if (frame.width() != config.mode().width() || frame.height() != config.mode().height()) {
            throw new BackendException("nvenc was opened for " + config.mode() + ", got a "
                    + frame.width() + "x" + frame.height() + " frame");
        }
        try {
            ensureOpen(frame.format());
            applyBitrate();
            boolean idr = keyframeRequested;
            keyframeRequested = false;
            long number = window.take();
            boolean wave = waveRequested && !idr;
            waveRequested = false;
            AccessUnit.Recovery mark = wave ? AccessUnit.Recovery.INTRA_REFRESH : pendingMark;
            pendingMark = AccessUnit.Recovery.NONE;
            long captured = frame.captureNanos();
            boolean[] delivered = {false};
            PictureParams.Picture picture = new PictureParams.Picture(number, idr,
                    wave ? config.intraRefreshFrames() : 0);
            encoder.encode(frame, picture, (data, key) -> {
                delivered[0] = true;
                if (key) {
                    window.idr(number);
                }
                sink.accept(new AccessUnit(number, captured, key, config.codec(), data,
                        key ? AccessUnit.Recovery.NONE : mark));
            });
            if (!delivered[0]) {
                warnings.warn("no-output", "NVENC returned no access unit for a frame");
            }
        } catch (NvencException e) {
            throw new BackendException("nvenc failed on frame " + frame.sequence() + ": " + e.getMessage(), e);
        }
    }

    private void ensureOpen(PixelFormat format) throws NvencException, BackendException {
        if (encoder != null && openedFor == format) {
            return;
        }
        int bufferFormat = InputCopy.bufferFormat(format, config.tenBit());
        if (bufferFormat < 0) {
            throw new BackendException("nvenc takes no " + format + " frames" + (config.tenBit() ? " in 10-bit" : ""));
        }
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
        LowLatencyConfig.Settings settings = new LowLatencyConfig.Settings(config.codec() == Codec.HEVC,
                config.tenBit(), config.bitrateKbps(), config.mode().fps(), config.slices(), window.references(),
                config.intraRefreshFrames());
        encoder = NvencEncoder.open(driver, settings, config.mode().width(), config.mode().height(), bufferFormat);
        openedFor = format;
        keyframeRequested = true;
        LOG.log(System.Logger.Level.INFO, "nvenc encoder opened: " + config.codec() + " " + config.mode() + " "
                + config.bitrateKbps() + " kbps" + (config.tenBit() ? " 10-bit" : "") + " from " + format + ", "
                + window.references() + " reference pictures"
                + (config.intraRefresh() ? ", intra refresh over " + config.intraRefreshFrames() + " pictures" : ""));
    }

    /** On the encode thread: the rate set from any thread reaches the open encoder by nvEncReconfigureEncoder. */
    private void applyBitrate() throws NvencException {
        int kbps = requestedKbps;
        if (kbps == config.bitrateKbps()) {
            return;
        }
        encoder.reconfigureBitrate(kbps);
        LOG.log(System.Logger.Level.INFO, "nvenc bitrate " + config.bitrateKbps() + " -> " + kbps + " kbps");
        config = config.withBitrate(kbps);
    }

    @Override
    public void requestKeyframe() {
        keyframeRequested = true;
    }

    /**
     * One nvEncInvalidateRefFrames per lost picture, by the timestamp it was encoded with, while the picture before
     * them is still in the DPB ({@link ReferenceWindow}); the next picture then says REFERENCES_INVALIDATED.
     */
    @Override
    public synchronized boolean invalidateReferences(long firstFrame, long lastFrame) {
        Optional<String> refused = closed || encoder == null ? Optional.of("the encoder is not open")
                : window.refusal(firstFrame, lastFrame);
        if (refused.isEmpty()) {
            try {
                for (long n = firstFrame; n <= lastFrame; n++) {
                    encoder.invalidate(n);
                }
            } catch (NvencException e) {
                refused = Optional.of(e.getMessage());
            }
        }
        if (refused.isPresent()) {
            LOG.log(System.Logger.Level.INFO, "nvenc cannot invalidate frames " + firstFrame + "-" + lastFrame + ": "
                    + refused.get());
            return false;
        }
        pendingMark = AccessUnit.Recovery.REFERENCES_INVALIDATED;
        LOG.log(System.Logger.Level.INFO, "nvenc invalidated frames " + firstFrame + "-" + lastFrame + ": frame "
                + (window.lastTaken() + 1) + " references frame " + (firstFrame - 1) + " or older");
        return true;
    }

    /**
     * The next picture starts a wave (forceIntraRefreshWithFrameCnt) and is the one marked INTRA_REFRESH: NVENC
     * starts a forced wave on the picture that asks for it, so no SEI needs reading to know where it begins.
     */
    @Override
    public synchronized boolean refreshIntra() {
        if (closed || !config.intraRefresh()) {
            return false;
        }
        waveRequested = true;
        LOG.log(System.Logger.Level.INFO, "nvenc intra refresh wave requested after frame " + window.lastTaken());
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
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (encoder != null) {
            encoder.close();
            encoder = null;
            LOG.log(System.Logger.Level.INFO, "nvenc encoder closed: " + config.mode() + ", " + (window.lastTaken() + 1) + " frames");
        }
    }
}
