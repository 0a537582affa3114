package io.lumen.api.encode;

import io.lumen.api.media.Codec;
import io.lumen.api.media.VideoMode;

/**
 * How to encode a session.
 *
 * @param mode        the size pictures are encoded at (the client's) and their rate; frames of another size come
 *                    only to a backend that {@link EncoderBackend#scalesInput() scales its input}
 * @param bitrateKbps target rate (CBR-like, sized for a low-latency stream)
 * @param slices      slices per picture the client asked for (1 when it did not)
 * @param tenBit      10-bit output, for HDR
 * @param intraRefreshFrames 0 for the usual keyframes; else the client can resume from an intra refresh, so the
 *                    encoder (where it can) refreshes the picture in a wave of this many pictures instead of sending
 *                    keyframes, and {@link EncoderSession#refreshIntra()} starts such a wave after a loss. Since 1.5
 * @param maxReferenceFrames the most reference pictures the client's decoder takes, 0 when it leaves the count to
 *                    the encoder (a Moonlight client's {@code x-nv-video[0].maxNumReferenceFrames}: 1 when its decoder
 *                    cannot do reference-frame invalidation, 0 when it can); an encoder that invalidates references
 *                    needs more than 1. Since 1.5
 */
public record EncoderConfig(Codec codec, VideoMode mode, int bitrateKbps, int slices, boolean tenBit,
                            int intraRefreshFrames, int maxReferenceFrames) {

    public EncoderConfig {
        if (bitrateKbps <= 0) {
            throw new IllegalArgumentException("bitrate must be positive: " + bitrateKbps + " kbps");
        }
        if (slices <= 0) {
            throw new IllegalArgumentException("slices must be positive: " + slices);
        }
        if (intraRefreshFrames < 0) {
            throw new IllegalArgumentException("intra refresh period must not be negative: " + intraRefreshFrames);
        }
        if (maxReferenceFrames < 0) {
            throw new IllegalArgumentException("reference frames must not be negative: " + maxReferenceFrames);
        }
    }

    /** A configuration that leaves the number of reference pictures to the encoder. Since 1.5. */
    public EncoderConfig(Codec codec, VideoMode mode, int bitrateKbps, int slices, boolean tenBit,
                         int intraRefreshFrames) {
        this(codec, mode, bitrateKbps, slices, tenBit, intraRefreshFrames, 0);
    }

    /** A configuration with keyframes, no intra refresh (the 1.4 form). */
    public EncoderConfig(Codec codec, VideoMode mode, int bitrateKbps, int slices, boolean tenBit) {
        this(codec, mode, bitrateKbps, slices, tenBit, 0, 0);
    }

    public EncoderConfig withBitrate(int kbps) {
        return new EncoderConfig(codec, mode, kbps, slices, tenBit, intraRefreshFrames, maxReferenceFrames);
    }

    /** This configuration refreshing in waves of {@code frames} pictures (0: keyframes). Since 1.5. */
    public EncoderConfig withIntraRefresh(int frames) {
        return new EncoderConfig(codec, mode, bitrateKbps, slices, tenBit, frames, maxReferenceFrames);
    }

    /** This configuration with the client's limit on reference pictures (0: the encoder's choice). Since 1.5. */
    public EncoderConfig withMaxReferenceFrames(int frames) {
        return new EncoderConfig(codec, mode, bitrateKbps, slices, tenBit, intraRefreshFrames, frames);
    }

    /** The encoder refreshes in waves rather than with keyframes. Since 1.5. */
    public boolean intraRefresh() {
        return intraRefreshFrames > 0;
    }
}
