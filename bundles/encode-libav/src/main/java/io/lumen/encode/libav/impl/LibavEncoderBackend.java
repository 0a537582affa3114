package io.lumen.encode.libav.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.Codec;
import io.lumen.api.media.PixelFormat;
import io.lumen.encode.libav.impl.ffm.AvEncoder;
import io.lumen.encode.libav.impl.ffm.AvException;
import io.lumen.encode.libav.impl.ffm.AvLayouts;
import io.lumen.encode.libav.impl.ffm.Libav;
import io.lumen.encoding.PictureConverter;
import io.lumen.encoding.VbvRate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A software encoder of the system's libavcodec (one service per encoder, e.g. libx264). What differs between
 * encoders is only their name, codec and low-latency options; the session code is shared.
 */
abstract class LibavEncoderBackend implements EncoderBackend {

    /** The capture formats libswscale converts from; each is converted once into the encoder's input format. */
    static final Set<PixelFormat> INPUT = PictureConverter.SOURCES;

    private final Libav av;
    private final String encoder;
    private final Codec codec;
    /** Looked up once: a loaded libavcodec's encoders do not change, and probe() is asked on every listing. */
    private final boolean built;

    LibavEncoderBackend(Libav av, String encoder, Codec codec) {
        this.av = av;
        this.encoder = encoder;
        this.codec = codec;
        this.built = av.hasEncoder(encoder);
    }

    /** "libav-x264", "libav-h264_nvenc": the encoder's libavcodec name under a "libav-" prefix. */
    @Override
    public String id() {
        return "libav-" + encoder.replaceFirst("^lib", "");
    }

    /** The encoder's libavcodec name ("libx264", "h264_vaapi"). */
    String encoderName() {
        return encoder;
    }

    @Override
    public Probe probe() {
        if (!av.isAvailable()) {
            return Probe.unavailable(av.unavailableReason().orElseThrow());
        }
        return built ? Probe.ok()
                : Probe.unavailable("this libavcodec was built without " + encoder);
    }

    @Override
    public Set<Codec> codecs() {
        return probe().available() ? Set.of(codec) : Set.of();
    }

    /** Every libav encoder here takes yuv420p10le as well; the session converts to it when 10-bit is asked for. */
    @Override
    public Set<Codec> tenBitCodecs() {
        return codecs();
    }

    /**
     * H.264 High and HEVC Main, the profiles libavcodec's encoders pick for 4:2:0 8-bit, and their 10-bit forms
     * where {@link #tenBitCodecs()} offers them; LibavEncoderTest checks each against what ffprobe reads.
     */
    @Override
    public List<String> profiles() {
        List<String> profiles = new ArrayList<>();
        for (Codec c : codecs()) {
            profiles.add(c + " " + eightBitProfile(c));
            if (tenBitCodecs().contains(c)) {
                profiles.add(c + " " + (c == Codec.H264 ? "High 10" : "Main 10"));
            }
        }
        return List.copyOf(profiles);
    }

    /** The profile name of an 8-bit stream in {@code c}. */
    String eightBitProfile(Codec c) {
        return c == Codec.H264 ? "High" : "Main";
    }

    @Override
    public Set<PixelFormat> inputFormats() {
        return INPUT;
    }

    /**
     * libswscale scales while it converts, so a picture of another size costs one pass, not a copy to the session's
     * size before it. The hardware encoders too: their pictures are converted in system memory before the upload.
     */
    @Override
    public boolean scalesInput() {
        return true;
    }

    /** The encoder's options for a low-latency stream at {@code config}'s rate, applied before opening. */
    abstract Map<String, String> options(EncoderConfig config);

    /** The pixel format pictures are converted into for the encoder: I420, or its 10-bit form for HDR. */
    int inputFormat(EncoderConfig config) {
        return config.tenBit() ? AvLayouts.PIX_FMT_YUV420P10LE : AvLayouts.PIX_FMT_YUV420P;
    }

    /** Opens the libav encoder for {@code config}; hardware encoders add their device here. */
    AvEncoder openEncoder(Libav libav, EncoderConfig config) throws AvException {
        return AvEncoder.open(libav, encoder, config.mode().width(), config.mode().height(), inputFormat(config),
                options(config));
    }

    /**
     * Whether the encoder opened for {@code config} refreshes the picture in waves of intra blocks, each first picture
     * marked by a recovery point SEI, from which a client that lost pictures sees a whole picture again by the wave's
     * end. False here: only x264 does it in a way that heals (README, "Intra refresh").
     */
    boolean refreshesInWaves(EncoderConfig config) {
        return false;
    }

    /** Whether a bitrate change reaches the open encoder (else the session reopens it, with a keyframe). */
    abstract boolean reconfiguresBitrate();

    @Override
    public EncoderSession open(EncoderConfig config) throws BackendException {
        Probe probe = probe();
        if (!probe.available()) {
            throw new BackendException(id() + " is " + probe);
        }
        if (config.codec() != codec) {
            throw new BackendException(id() + " encodes " + codec + ", not " + config.codec());
        }
        return new LibavEncoderSession(av, this, config);
    }

    /** The rate-control options every encoder shares, as libav's options ({@link VbvRate}). */
    static Map<String, String> rate(EncoderConfig config) {
        VbvRate rate = VbvRate.of(config.bitrateKbps(), config.mode().fps());
        return Map.of("b", String.valueOf(rate.targetBits()), "maxrate", String.valueOf(rate.peakBits()),
                "bufsize", String.valueOf(rate.bufferBits()));
    }
}
