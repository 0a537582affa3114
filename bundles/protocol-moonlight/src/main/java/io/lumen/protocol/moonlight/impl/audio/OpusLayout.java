package io.lumen.protocol.moonlight.impl.audio;

import io.lumen.api.audio.AudioEncoderConfig;
import io.lumen.api.audio.AudioFormat;

import java.util.Arrays;

/**
 * How a multistream Opus encoder splits its channels, as the client's decoder is told in DESCRIBE: {@code streams} elementary streams of which the first
 * {@code coupledStreams} carry two channels, and {@code mapping[i]} naming the coded channel that input channel
 * {@code i} feeds. {@code bitrate} is the total for all streams, in bits per second.
 */
public record OpusLayout(int channels, int streams, int coupledStreams, byte[] mapping, int bitrate) {

    public OpusLayout {
        if (channels < 1 || channels > 8 || streams < 1 || coupledStreams < 0 || coupledStreams > streams
                || streams + coupledStreams != channels) {
            throw new IllegalArgumentException("no such Opus layout: " + channels + " channels in " + streams
                    + " streams, " + coupledStreams + " coupled");
        }
        if (mapping.length != channels) {
            throw new IllegalArgumentException("the mapping needs one entry per channel, not " + mapping.length);
        }
        mapping = mapping.clone();
    }

    /** Input channel i is coded channel i: the order the capture delivers is the order the client plays. */
    public static OpusLayout identity(int channels, int streams, int coupledStreams, int bitrate) {
        byte[] mapping = new byte[channels];
        for (int i = 0; i < channels; i++) {
            mapping[i] = (byte) i;
        }
        return new OpusLayout(channels, streams, coupledStreams, mapping, bitrate);
    }

    /**
     * What the session's Opus encoder is opened with, for packets of {@code packetMillis}: no longer than a
     * datagram carries once encrypted. High-quality surround at 10 ms would take more (1920 bytes for 5.1), so its
     * rate is lowered to fit, less two bytes of framing a stream; a packet merely cut to the limit starves the last
     * streams (their channels decode silent).
     */
    public AudioEncoderConfig encoderConfig(int packetMillis) {
        int fitting = (AudioRtp.MAX_OPUS_PACKET_BYTES - 2 * streams) * 8 * 1000 / packetMillis;
        return new AudioEncoderConfig(AudioFormat.ofChannels(channels), packetMillis, streams, coupledStreams, mapping,
                Math.min(bitrate, fitting), AudioRtp.MAX_OPUS_PACKET_BYTES);
    }

    @Override
    public byte[] mapping() {
        return mapping.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OpusLayout that && channels == that.channels && streams == that.streams
                && coupledStreams == that.coupledStreams && bitrate == that.bitrate
                && Arrays.equals(mapping, that.mapping);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mapping) + channels * 1_000 + streams * 100 + coupledStreams * 10 + bitrate;
    }

    @Override
    public String toString() {
        return channels + "/" + streams + "/" + coupledStreams + " mapping " + Arrays.toString(mapping) + " "
                + bitrate / 1000 + " kbps";
    }
}
