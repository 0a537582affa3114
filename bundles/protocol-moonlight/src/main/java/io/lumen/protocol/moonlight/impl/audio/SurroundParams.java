package io.lumen.protocol.moonlight.impl.audio;


import java.util.ArrayList;
import java.util.List;

/**
 * The {@code a=fmtp:97 surround-params=} lines of the RTSP DESCRIBE reply, which tell the client how to set up its
 * Opus decoder: channel count, stream count, coupled-stream count, then one mapping digit per channel.
 *
 * <p>The client (moonlight-common-c {@code parseOpusConfigurations}) takes the first line for its channel count as
 * normal quality and the second as high quality. For normal-quality 5.1 and 7.1 it then moves the last mapping
 * digit to index 3 and shifts indexes 3.. up by one, because GFE advertised its mapping with LFE last. So a normal
 * surround line must carry the identity mapping with LFE (3) moved to the end, or the client scrambles channels.
 * Sunshine rotates only indexes 3..5 (it bounds the rotation by its number of layouts, 6, not by the channel count):
 * right for 5.1 ({@code 642012453}), but for 7.1 its {@code 85301245367} ends up as 0 1 2 7 4 5 3 6 in the client.
 * This helper moves LFE to the end for 7.1 too ({@code 85301245673}), which the client turns back into identity,
 * matching the identity mapping the host's encoder uses. High-quality lines are not fixed up by the client and
 * carry the identity. Stereo lines are sent as hosts do, though clients read stereo as 2/1/1 without them.
 */
public final class SurroundParams {

    public static final String PREFIX = "a=fmtp:97 surround-params=";

    private SurroundParams() {
    }

    /** One line per layout the host supports, in {@link AudioLayouts#ALL} order, without line terminators. */
    public static List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (int channels : new int[] {2, 6, 8}) {
            lines.add(PREFIX + digits(AudioLayouts.of(channels, false), channels > 2));
            lines.add(PREFIX + digits(AudioLayouts.of(channels, true), false));
        }
        return List.copyOf(lines);
    }

    /**
     * The digits for {@code layout}; {@code lfeLast} moves the mapping entry of channel 3 (LFE) to the end, undoing
     * in advance the client's fix-up for normal-quality surround.
     */
    public static String digits(OpusLayout layout, boolean lfeLast) {
        byte[] mapping = layout.mapping();
        if (lfeLast) {
            byte lfe = mapping[3];
            System.arraycopy(mapping, 4, mapping, 3, mapping.length - 4);
            mapping[mapping.length - 1] = lfe;
        }
        StringBuilder digits = new StringBuilder().append(layout.channels()).append(layout.streams())
                .append(layout.coupledStreams());
        for (byte channel : mapping) {
            digits.append((char) ('0' + channel));
        }
        return digits.toString();
    }
}
