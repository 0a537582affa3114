package io.lumen.protocol.moonlight.impl.audio;


import java.util.List;

/**
 * The six Opus layouts a GameStream host offers (PROTOCOL-DETAIL.md 6), in the order hosts list them in DESCRIBE.
 * Channels are in Moonlight's order FL FR FC LFE BL BR SL SR and coded with the identity mapping, as Sunshine
 * does. "High quality" gives surround one stream per channel and several times the bitrate.
 */
public final class AudioLayouts {

    public static final OpusLayout STEREO = OpusLayout.identity(2, 1, 1, 96_000);
    public static final OpusLayout STEREO_HQ = OpusLayout.identity(2, 1, 1, 512_000);
    public static final OpusLayout SURROUND_51 = OpusLayout.identity(6, 4, 2, 256_000);
    public static final OpusLayout SURROUND_51_HQ = OpusLayout.identity(6, 6, 0, 1_536_000);
    public static final OpusLayout SURROUND_71 = OpusLayout.identity(8, 5, 3, 450_000);
    public static final OpusLayout SURROUND_71_HQ = OpusLayout.identity(8, 8, 0, 2_048_000);

    /** In DESCRIBE order: normal then high quality, for stereo, 5.1 and 7.1. */
    public static final List<OpusLayout> ALL = List.of(STEREO, STEREO_HQ, SURROUND_51, SURROUND_51_HQ, SURROUND_71,
            SURROUND_71_HQ);

    private AudioLayouts() {
    }

    /** The layout for {@code channels} (2, 6 or 8) at normal or high quality. */
    public static OpusLayout of(int channels, boolean highQuality) {
        return switch (channels) {
            case 2 -> highQuality ? STEREO_HQ : STEREO;
            case 6 -> highQuality ? SURROUND_51_HQ : SURROUND_51;
            case 8 -> highQuality ? SURROUND_71_HQ : SURROUND_71;
            default -> throw new IllegalArgumentException(channels + " channels: 2, 6 or 8 are streamed");
        };
    }

    /** "stereo", "5.1", "7.1", with " HQ" for high quality; for stats and logs. */
    public static String name(int channels, boolean highQuality) {
        String base = switch (channels) {
            case 2 -> "stereo";
            case 6 -> "5.1";
            case 8 -> "7.1";
            default -> channels + " channels";
        };
        return highQuality ? base + " HQ" : base;
    }
}
