package io.lumen.api.audio;

import java.util.List;
import java.util.Objects;

/**
 * The PCM of one session: 48 kHz, signed 16-bit samples in native byte order, interleaved in the order of
 * {@link #positions()} (a prefix of Moonlight's order: stereo, 5.1 or 7.1).
 */
public record AudioFormat(List<AudioChannel> positions) {

    public static final int SAMPLE_RATE = 48_000;
    public static final int BYTES_PER_SAMPLE = Short.BYTES;

    public static final AudioFormat STEREO = new AudioFormat(List.of(AudioChannel.FL, AudioChannel.FR));
    public static final AudioFormat SURROUND_51 = new AudioFormat(List.of(AudioChannel.FL, AudioChannel.FR,
            AudioChannel.FC, AudioChannel.LFE, AudioChannel.BL, AudioChannel.BR));
    public static final AudioFormat SURROUND_71 = new AudioFormat(List.of(AudioChannel.FL, AudioChannel.FR,
            AudioChannel.FC, AudioChannel.LFE, AudioChannel.BL, AudioChannel.BR, AudioChannel.SL, AudioChannel.SR));

    public AudioFormat {
        Objects.requireNonNull(positions, "positions");
        positions = List.copyOf(positions);
        List<AudioChannel> moonlightOrder = List.of(AudioChannel.values());
        if ((positions.size() != 2 && positions.size() != 6 && positions.size() != 8)
                || !positions.equals(moonlightOrder.subList(0, positions.size()))) {
            throw new IllegalArgumentException("channel layout " + positions
                    + ": stereo, 5.1 or 7.1 in Moonlight's order");
        }
    }

    /** The layout of {@code channels} channels: 2, 6 or 8. */
    public static AudioFormat ofChannels(int channels) {
        return switch (channels) {
            case 2 -> STEREO;
            case 6 -> SURROUND_51;
            case 8 -> SURROUND_71;
            default -> throw new IllegalArgumentException(channels + " channels: 2, 6 or 8 are streamed");
        };
    }

    public int channels() {
        return positions.size();
    }

    /** Bytes of one sample of every channel. */
    public int frameBytes() {
        return channels() * BYTES_PER_SAMPLE;
    }

    /** Samples per channel in {@code millis} ms: 240 for 5 ms. */
    public static int samplesIn(int millis) {
        return SAMPLE_RATE / 1000 * millis;
    }

    /** "stereo", "5.1" or "7.1". */
    public String layoutName() {
        return switch (channels()) {
            case 2 -> "stereo";
            case 6 -> "5.1";
            default -> "7.1";
        };
    }

    @Override
    public String toString() {
        return layoutName() + " " + positions;
    }
}
