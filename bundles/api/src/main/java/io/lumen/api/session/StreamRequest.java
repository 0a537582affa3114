package io.lumen.api.session;

import io.lumen.api.audio.AudioRequest;
import io.lumen.api.media.Codec;
import io.lumen.api.media.VideoMode;

import java.util.Map;
import java.util.Objects;

/**
 * What a client (or a recording) asks of a session.
 *
 * @param client         who the session is for, for diagnostics ("moonlight 192.168.1.5", "record")
 * @param captureOptions options for the capture backend (an app's node, a command); may name
 *                       {@value #CAPTURE_BACKEND} to prefer a backend for this session only
 * @param audio          the session's audio, null for a session without sound (a recording); since 1.2
 * @param intraRefresh   the client resumes from a wave of intra refresh, so losses may heal without keyframes
 *                       where the encoder refreshes in waves; since 1.5
 * @param maxReferenceFrames the most reference pictures the client's decoder takes, 0 when it leaves the count to
 *                       the encoder (a Moonlight client whose decoder can invalidate references); since 1.5
 */
public record StreamRequest(String client, VideoMode mode, Codec codec, int bitrateKbps, int slices, boolean tenBit,
                            Map<String, String> captureOptions, AudioRequest audio, boolean intraRefresh,
                            int maxReferenceFrames) {

    /** Capture option naming the capture backend this session prefers over the configured choice. */
    public static final String CAPTURE_BACKEND = "capture.backend";

    public StreamRequest {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(codec, "codec");
        captureOptions = Map.copyOf(captureOptions);
        if (bitrateKbps <= 0) {
            throw new IllegalArgumentException("bitrate must be positive: " + bitrateKbps + " kbps");
        }
        if (slices <= 0) {
            throw new IllegalArgumentException("slices must be positive: " + slices);
        }
        if (maxReferenceFrames < 0) {
            throw new IllegalArgumentException("reference frames must not be negative: " + maxReferenceFrames);
        }
    }

    /** A request without audio (the 1.1 form). */
    public StreamRequest(String client, VideoMode mode, Codec codec, int bitrateKbps, int slices, boolean tenBit,
                         Map<String, String> captureOptions) {
        this(client, mode, codec, bitrateKbps, slices, tenBit, captureOptions, null, false, 0);
    }

    /** A request without intra refresh (the 1.4 form). */
    public StreamRequest(String client, VideoMode mode, Codec codec, int bitrateKbps, int slices, boolean tenBit,
                         Map<String, String> captureOptions, AudioRequest audio) {
        this(client, mode, codec, bitrateKbps, slices, tenBit, captureOptions, audio, false, 0);
    }

    /** This request with intra refresh asked for or not. Since 1.5. */
    public StreamRequest withIntraRefresh(boolean wanted) {
        return new StreamRequest(client, mode, codec, bitrateKbps, slices, tenBit, captureOptions, audio, wanted,
                maxReferenceFrames);
    }

    /** This request for a decoder that takes at most {@code frames} reference pictures (0: any). Since 1.5. */
    public StreamRequest withMaxReferenceFrames(int frames) {
        return new StreamRequest(client, mode, codec, bitrateKbps, slices, tenBit, captureOptions, audio, intraRefresh,
                frames);
    }

    /** This request with {@code audio}. Since 1.2. */
    public StreamRequest withAudio(AudioRequest audio) {
        return new StreamRequest(client, mode, codec, bitrateKbps, slices, tenBit, captureOptions, audio, intraRefresh,
                maxReferenceFrames);
    }

    /** An H.264, one-slice, 8-bit request with no capture options. */
    public static StreamRequest of(String client, VideoMode mode, int bitrateKbps) {
        return new StreamRequest(client, mode, Codec.H264, bitrateKbps, 1, false, Map.of());
    }
}
