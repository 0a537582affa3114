package io.lumen.protocol.moonlight.impl.launch;

import io.lumen.api.media.VideoMode;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What a client sends with {@code /launch} or {@code /resume} (PROTOCOL-DETAIL.md 2.6), kept for the streaming
 * part: the video mode, the AES key and IV seed for the encrypted streams, the audio layout, the controllers.
 *
 * @param rikey             the AES-128 key for RTSP, control, audio and input encryption
 * @param rikeyId           the IV seed (audio, legacy input), big-endian in the first four IV bytes
 * @param surroundAudioInfo {@code channelMask << 16 | channelCount}; stereo is 0x30002
 * @param coreVersion       1 when the client speaks encrypted RTSP (every current client)
 */
public record LaunchParameters(VideoMode mode, byte[] rikey, int rikeyId, int surroundAudioInfo, int coreVersion,
                               boolean optimizeGameSettings, boolean localAudio, int controllers, boolean hdr) {

    public static final int STEREO = 0x30002;

    public LaunchParameters {
        rikey = rikey.clone();
    }

    @Override
    public byte[] rikey() {
        return rikey.clone();
    }

    public int audioChannels() {
        return surroundAudioInfo & 0xffff;
    }

    /**
     * Parses the query. {@code rikey} (32 hex digits) and {@code rikeyid} are required; {@code mode} is required
     * unless {@code previous} gives it (a resume keeps the running mode).
     */
    public static LaunchParameters parse(Map<String, List<String>> query, VideoMode previous) {
        String modeText = first(query, "mode");
        VideoMode mode;
        if (modeText != null) {
            mode = VideoMode.parse(modeText);
        } else if (previous != null) {
            mode = previous;
        } else {
            throw new IllegalArgumentException("mode is missing (WxHxFPS)");
        }
        String keyText = required(query, "rikey");
        byte[] key;
        try {
            key = HexFormat.of().parseHex(keyText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rikey is not hex");
        }
        if (key.length != 16) {
            throw new IllegalArgumentException("rikey must be 16 bytes (32 hex digits), not " + key.length);
        }
        int surround = integer(query, "surroundAudioInfo", STEREO);
        int channels = surround & 0xffff;
        if (channels != 2 && channels != 6 && channels != 8) {
            throw new IllegalArgumentException("surroundAudioInfo asks for " + channels
                    + " channels (2, 6 or 8 are streamed)");
        }
        return new LaunchParameters(mode, key, rikeyId(required(query, "rikeyid")), surround,
                integer(query, "corever", 0),
                integer(query, "sops", 0) != 0, integer(query, "localAudioPlayMode", 0) != 0,
                integer(query, "remoteControllersBitmap", 0), integer(query, "hdrMode", 0) != 0);
    }

    /** Signed (Android, Qt) or unsigned 32-bit (some C clients): the same four IV bytes either way. */
    private static int rikeyId(String text) {
        try {
            long value = Long.parseLong(text.strip());
            if (value < Integer.MIN_VALUE || value > 0xffffffffL) {
                throw new IllegalArgumentException("rikeyid is out of the 32-bit range");
            }
            return (int) value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rikeyid is not a number: " + abbreviate(text));
        }
    }

    private static int integer(Map<String, List<String>> query, String name, Integer fallback) {
        String text = fallback == null ? required(query, name) : first(query, name);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + abbreviate(text));
        }
    }

    private static String required(Map<String, List<String>> query, String name) {
        String value = first(query, name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String abbreviate(String text) {
        return text.length() > 24 ? text.substring(0, 24) + "..." : text;
    }
}
