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
 */
public record EncoderConfig(Codec codec, VideoMode mode, int bitrateKbps, int slices, boolean tenBit) {

    public EncoderConfig {
        if (bitrateKbps <= 0) {
            throw new IllegalArgumentException("bitrate must be positive: " + bitrateKbps + " kbps");
        }
        if (slices <= 0) {
            throw new IllegalArgumentException("slices must be positive: " + slices);
        }
    }

    public EncoderConfig withBitrate(int kbps) {
        return new EncoderConfig(codec, mode, kbps, slices, tenBit);
    }
}
