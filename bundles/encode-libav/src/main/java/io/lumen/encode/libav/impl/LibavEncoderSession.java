package io.lumen.encode.libav.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.AccessUnitSink;
import io.lumen.api.media.Frame;
import io.lumen.encode.libav.impl.ffm.AvEncoder;
import io.lumen.encode.libav.impl.ffm.AvException;
import io.lumen.encode.libav.impl.ffm.Libav;
import io.lumen.encoding.CaptureConversion;
import io.lumen.encoding.EncodingException;
import io.lumen.encoding.Swscale;


/**
 * One libavcodec encoder for a session: each frame, of any size, is converted once into the encoder's input frame
 * (scaled to the session's size in the same pass), sent, and every packet ready is handed on before encode returns. Presentation times count frames; a small ring
 * maps them back to the capture's frame number and time, so an encoder with delay still labels units right.
 */
final class LibavEncoderSession implements EncoderSession {

    private static final System.Logger LOG = System.getLogger("lumen.encode.libav");
    private static final int PENDING = 64;

    private final Libav av;
    private final LibavEncoderBackend backend;
    private final CaptureConversion conversion;
    private final long[] sequences = new long[PENDING];
    private final long[] captureTimes = new long[PENDING];
    /** Set when the encoder refreshes in waves (intra refresh asked and the backend heals that way), else null. */
    private final RefreshWaves waves;
    private EncoderConfig config;
    private AvEncoder encoder;
    private long pts;
    private volatile boolean keyframeRequested = true;
    private volatile int requestedKbps;

    LibavEncoderSession(Libav av, LibavEncoderBackend backend, EncoderConfig config) throws BackendException {
        this.av = av;
        this.backend = backend;
        this.config = config;
        this.requestedKbps = config.bitrateKbps();
        this.conversion = new CaptureConversion(Swscale.system(), LOG, backend.id(), config.mode().width(),
                config.mode().height(), backend.inputFormat(config));
        this.waves = backend.refreshesInWaves(config) ? new RefreshWaves(backend.id(), config.intraRefreshFrames())
                : null;
        this.encoder = openEncoder(config);
        LOG.log(System.Logger.Level.INFO, backend.id() + " encoder opened: " + config.codec() + " " + config.mode()
                + " " + config.bitrateKbps() + " kbps" + (config.tenBit() ? " 10-bit" : "") + refreshing(config));
    }

    private String refreshing(EncoderConfig with) {
        if (!with.intraRefresh()) {
            return "";
        }
        return waves != null ? ", intra refresh in waves of " + with.intraRefreshFrames() + " pictures"
                : ", intra refresh asked but not done here (keyframes heal)";
    }

    private AvEncoder openEncoder(EncoderConfig with) throws BackendException {
        try {
            return backend.openEncoder(av, with);
        } catch (AvException e) {
            throw new BackendException(backend.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void encode(Frame frame, AccessUnitSink sink) throws BackendException {
        if (encoder == null) {
            throw new IllegalStateException(backend.id() + " encoder used after close");
        }
        try {
            applyBitrate();
            conversion.convert(frame, encoder);
            send(frame.sequence(), frame.captureNanos(), sink);
        } catch (EncodingException e) {
            throw new BackendException(backend.id() + " failed on frame " + frame.sequence() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sends the picture already converted into the encoder's input frame once more: no colour conversion, and the
     * encoder codes an unchanged picture as a P picture of skipped macroblocks (small, though its analysis still
     * runs). False before the first picture, when a keyframe is due or the rate changed (the caller encodes
     * the frame again, which handles both).
     */
    @Override
    public boolean repeatLast(long captureNanos, AccessUnitSink sink) throws BackendException {
        if (encoder == null) {
            throw new IllegalStateException(backend.id() + " encoder used after close");
        }
        if (!conversion.hasConverted() || keyframeRequested || requestedKbps != config.bitrateKbps()) {
            return false;
        }
        long sequence = sequences[(int) ((pts - 1) % PENDING)];
        try {
            send(sequence, captureNanos, sink);
            return true;
        } catch (AvException e) {
            throw new BackendException(backend.id() + " failed repeating frame " + sequence + ": " + e.getMessage(), e);
        }
    }

    /** Encodes what the input frame holds now as the picture of {@code sequence}; hands on what comes out. */
    private void send(long sequence, long captureNanos, AccessUnitSink sink) throws AvException {
        long now = pts++;
        sequences[(int) (now % PENDING)] = sequence;
        captureTimes[(int) (now % PENDING)] = captureNanos;
        boolean keyframe = keyframeRequested;
        keyframeRequested = false;
        encoder.send(now, keyframe);
        encoder.drain((data, unitPts, key) -> {
            int slot = (int) Math.floorMod(unitPts, (long) PENDING);
            AccessUnit unit = new AccessUnit(sequences[slot], captureTimes[slot], key, config.codec(), data);
            sink.accept(waves == null ? unit : waves.label(unit));
        });
    }

    /** On the encode thread: the rate set from any thread reaches the encoder here, by option or by reopening. */
    private void applyBitrate() throws AvException, BackendException {
        int kbps = requestedKbps;
        if (kbps == config.bitrateKbps()) {
            return;
        }
        EncoderConfig changed = config.withBitrate(kbps);
        if (backend.reconfiguresBitrate()) {
            for (var option : LibavEncoderBackend.rate(changed).entrySet()) {
                encoder.set(option.getKey(), option.getValue());
            }
        } else {
            AvEncoder reopened = openEncoder(changed);
            encoder.close();
            encoder = reopened;
            keyframeRequested = true;
        }
        LOG.log(System.Logger.Level.INFO, backend.id() + " bitrate " + config.bitrateKbps() + " -> " + kbps + " kbps"
                + (backend.reconfiguresBitrate() ? "" : " (encoder reopened)"));
        config = changed;
    }

    @Override
    public void requestKeyframe() {
        keyframeRequested = true;
    }

    /**
     * A wave is always under way when the encoder refreshes in waves, so this never starts one (libavcodec offers no
     * way to): the first picture of the next wave says it heals, at most one period from now.
     */
    @Override
    public boolean refreshIntra() {
        if (waves == null) {
            return false;
        }
        waves.healAtNextWave();
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
            LOG.log(System.Logger.Level.INFO, backend.id() + " encoder closed: " + config.mode() + ", " + pts
                    + " frames");
        }
    }
}
