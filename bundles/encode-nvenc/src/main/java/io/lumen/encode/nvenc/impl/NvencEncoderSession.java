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
import io.lumen.log.WarnOnce;

/**
 * One NVENC encoder for a session. The native encoder is opened for the first frame's pixel format (the buffer
 * format depends on it) and reopened, with a keyframe, if the capture changes format. encode and close are
 * synchronized: when the bundle stops mid-session the pipeline's close waits for a frame in flight, and the GPU
 * memory is freed before the bundle's classes go.
 */
final class NvencEncoderSession implements EncoderSession {

    private static final System.Logger LOG = System.getLogger("lumen.encode.nvenc");

    private final NvencDriver driver;
    private final WarnOnce warnings = new WarnOnce(LOG);
    private EncoderConfig config;
    private NvencEncoder encoder;
    private PixelFormat openedFor;
    private long frames;
    private boolean closed;
    private volatile boolean keyframeRequested = true;
    private volatile int requestedKbps;

    NvencEncoderSession(NvencDriver driver, EncoderConfig config) {
        this.driver = driver;
        this.config = config;
        this.requestedKbps = config.bitrateKbps();
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
            long sequence = frame.sequence();
            long captured = frame.captureNanos();
            boolean[] delivered = {false};
            encoder.encode(frame, frames++, idr, (data, key) -> {
                delivered[0] = true;
                sink.accept(new AccessUnit(sequence, captured, key, config.codec(), data));
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
                config.tenBit(), config.bitrateKbps(), config.mode().fps(), config.slices());
        encoder = NvencEncoder.open(driver, settings, config.mode().width(), config.mode().height(), bufferFormat);
        openedFor = format;
        keyframeRequested = true;
        LOG.log(System.Logger.Level.INFO, "nvenc encoder opened: " + config.codec() + " " + config.mode() + " "
                + config.bitrateKbps() + " kbps" + (config.tenBit() ? " 10-bit" : "") + " from " + format);
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
            LOG.log(System.Logger.Level.INFO, "nvenc encoder closed: " + config.mode() + ", " + frames + " frames");
        }
    }
}
