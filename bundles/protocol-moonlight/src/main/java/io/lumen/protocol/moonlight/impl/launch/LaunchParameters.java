package io.lumen.protocol.moonlight.impl.launch;

import io.lumen.api.media.VideoMode;
import io.lumen.protocol.moonlight.impl.query.Query;

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
    public static LaunchParameters parse(Query query, VideoMode previous) {
        String modeText = query.first("mode");
        VideoMode mode;
        if (modeText != null) {
            mode = VideoMode.parse(modeText);
        } else if (previous != null) {
            mode = previous;
        } else {
            throw new IllegalArgumentException("mode is missing (WxHxFPS)");
        }
        byte[] key = query.hex("rikey");
        if (key.length != 16) {
            throw new IllegalArgumentException("rikey must be 16 bytes (32 hex digits), not " + key.length);
        }
        int surround = query.integer("surroundAudioInfo", STEREO);
        int channels = surround & 0xffff;
        if (channels != 2 && channels != 6 && channels != 8) {
            throw new IllegalArgumentException("surroundAudioInfo asks for " + channels
                    + " channels (2, 6 or 8 are streamed)");
        }
        return new LaunchParameters(mode, key, rikeyId(query.required("rikeyid")), surround,
                query.integer("corever", 0), query.integer("sops", 0) != 0,
                query.integer("localAudioPlayMode", 0) != 0, query.integer("remoteControllersBitmap", 0),
                query.integer("hdrMode", 0) != 0);
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
            throw new IllegalArgumentException("rikeyid is not a number: " + Query.abbreviate(text));
        }
    }
}
