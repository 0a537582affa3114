package io.lumen.api.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * How to encode a session's audio: Opus at a constant bitrate, one packet per {@code packetMillis}, with the
 * multistream layout the client's decoder was told (the protocol decides it: the client learns it before the
 * stream starts).
 *
 * @param streams        Opus elementary streams
 * @param coupledStreams how many of them carry two channels
 * @param mapping        for each input channel, the coded channel it feeds
 * @param bitrateBps     the total for all streams
 * @param maxPacketBytes the longest packet the transport carries (the encoder lowers a packet's rate to fit it);
 *                       0: the encoder's own limit
 */
public record AudioEncoderConfig(AudioFormat format, int packetMillis, int streams, int coupledStreams,
                                 byte[] mapping, int bitrateBps, int maxPacketBytes) {

    public AudioEncoderConfig {
        Objects.requireNonNull(format, "format");
        if (packetMillis != 5 && packetMillis != 10 && packetMillis != 20) {
            throw new IllegalArgumentException("packet duration " + packetMillis + " ms: 5, 10 or 20");
        }
        if (streams < 1 || coupledStreams < 0 || coupledStreams > streams
                || streams + coupledStreams != format.channels()) {
            throw new IllegalArgumentException(format.channels() + " channels cannot be coded in " + streams
                    + " streams of which " + coupledStreams + " coupled");
        }
        if (mapping.length != format.channels()) {
            throw new IllegalArgumentException("the mapping needs one entry per channel, not " + mapping.length);
        }
        if (bitrateBps <= 0) {
            throw new IllegalArgumentException("bitrate " + bitrateBps + " bps");
        }
        if (maxPacketBytes < 0) {
            throw new IllegalArgumentException("packets of at most " + maxPacketBytes + " bytes");
        }
        mapping = mapping.clone();
    }

    /** A config bounded only by the encoder's own packet limit. */
    public AudioEncoderConfig(AudioFormat format, int packetMillis, int streams, int coupledStreams, byte[] mapping,
                              int bitrateBps) {
        this(format, packetMillis, streams, coupledStreams, mapping, bitrateBps, 0);
    }

    /** Samples per channel in one packet: 240 for 5 ms. */
    public int packetSamples() {
        return AudioFormat.samplesIn(packetMillis);
    }

    @Override
    public byte[] mapping() {
        return mapping.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AudioEncoderConfig that && format.equals(that.format)
                && packetMillis == that.packetMillis && streams == that.streams
                && coupledStreams == that.coupledStreams && Arrays.equals(mapping, that.mapping)
                && bitrateBps == that.bitrateBps && maxPacketBytes == that.maxPacketBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, packetMillis, streams, coupledStreams, Arrays.hashCode(mapping), bitrateBps,
                maxPacketBytes);
    }

    /** "5.1 256 kbps 5 ms, 4 streams (2 coupled), mapping [0, 1, 2, 3, 4, 5]". */
    @Override
    public String toString() {
        return format.layoutName() + " " + bitrateBps / 1000 + " kbps " + packetMillis + " ms, " + streams
                + " streams (" + coupledStreams + " coupled), mapping " + Arrays.toString(mapping);
    }
}
