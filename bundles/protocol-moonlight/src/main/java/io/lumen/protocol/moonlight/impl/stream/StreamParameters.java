package io.lumen.protocol.moonlight.impl.stream;

import io.lumen.api.fec.FecSchemes;
import io.lumen.api.media.Codec;
import io.lumen.api.media.VideoMode;

import java.util.Map;

/**
 * What a client asked for in its RTSP ANNOUNCE (PROTOCOL-DETAIL.md 3; moonlight-common-c's SdpGenerator is the
 * sender), checked and typed. Optional attributes take the defaults Sunshine gives them.
 *
 * @param packetSize            video payload bytes per packet; shards are this plus 16 bytes
 * @param maxBitrateKbps        {@code x-nv-vqos[0].bw.maximumBitrateKbps}
 * @param configuredBitrateKbps the user's own setting ({@code x-ml-video.configuredBitrateKbps}), 0 if not sent
 * @param controlProtocol       {@code x-nv-general.useReliableUdp}: 13 is the encrypted control stream
 * @param encryption            the {@code SS_ENC_*} bits the client enabled
 * @param encryptionNegotiated  whether the client answered DESCRIBE's encryption request at all (it sent
 *                              {@code x-ss-general.encryptionEnabled}): such a client can encrypt every stream
 * @param highQualityAudio      for stereo, whether the RTSP Host header was not 0.0.0.0 (the client's way to ask)
 * @param fecScheme             the video FEC scheme the client chose ({@value #FEC_SCHEME_ATTRIBUTE}, a lumen
 *                              extension); "rs8-moonlight", Moonlight's own, when it chose none
 */
public record StreamParameters(VideoMode mode, int refreshRateX100, Codec codec, boolean tenBit, boolean yuv444,
                               int packetSize, int maxBitrateKbps, int configuredBitrateKbps, int slices,
                               int maxReferenceFrames, int encoderCscMode, int minRequiredFecPackets,
                               int controlProtocol, int encryption, boolean encryptionNegotiated,
                               int nvFeatureFlags, int mlFeatureFlags,
                               int audioChannels, int audioChannelMask, int audioPacketDurationMs,
                               boolean highQualityAudio, boolean intraRefresh, String fecScheme) {

    public static final int ENC_CONTROL_V2 = 0x1;
    public static final int ENC_VIDEO = 0x2;
    public static final int ENC_AUDIO = 0x4;
    /** The legacy audio-encryption opt-in in {@code x-nv-general.featureFlags}. */
    static final int NV_FF_AUDIO_ENCRYPTION = 0x20;
    /** moonlight-common-c's ML_FF_SESSION_ID_V1: pings carry the session's payload. */
    public static final int ML_FF_SESSION_ID_V1 = 0x2;
    public static final int ENCRYPTED_CONTROL_PROTOCOL = 13;
    /** The client's answer to DESCRIBE's encryption request; clients that predate it never send it. */
    static final String ENCRYPTION_ENABLED_ATTRIBUTE = "x-ss-general.encryptionEnabled";
    /** The ANNOUNCE attribute with which a client that speaks lumen's extensions picks a video FEC scheme. */
    public static final String FEC_SCHEME_ATTRIBUTE = "x-lumen-fec.scheme";

    /**
     * Reads the ANNOUNCE attributes; {@code hostHeader} is the request's Host header (may be null).
     *
     * @throws IllegalArgumentException naming the first missing or unusable attribute
     */
    public static StreamParameters fromAnnounce(Map<String, String> attributes, String hostHeader) {
        Attributes a = new Attributes(attributes);
        int width = a.required("x-nv-video[0].clientViewportWd", 64, 8192);
        int height = a.required("x-nv-video[0].clientViewportHt", 64, 8192);
        int fps = a.required("x-nv-video[0].maxFPS", 1, 1000);
        int refreshX100 = a.optional("x-nv-video[0].clientRefreshRateX100", 0, 0, Integer.MAX_VALUE);
        if (refreshX100 > 0 && Math.abs(refreshX100 / 100.0 / fps - 1) > 0.01) {
            refreshX100 = 0; // some clients send their display's rate here, not the stream's (as Sunshine notes)
        }
        Codec codec = switch (a.optional("x-nv-vqos[0].bitStreamFormat", 0, 0, 2)) {
            case 0 -> Codec.H264;
            case 1 -> Codec.HEVC;
            default -> Codec.AV1;
        };
        int channels = a.required("x-nv-audio.surround.numChannels", 1, 8);
        if (channels != 2 && channels != 6 && channels != 8) {
            throw new IllegalArgumentException("x-nv-audio.surround.numChannels is " + channels + " (2, 6 or 8)");
        }
        int duration = a.optional("x-nv-aqos.packetDuration", 5, 5, 10);
        if (duration != 5 && duration != 10) {
            throw new IllegalArgumentException("x-nv-aqos.packetDuration is " + duration + " ms (5 or 10)");
        }
        boolean highQuality = a.required("x-nv-audio.surround.AudioQuality", 0, 1) == 1;
        if (channels == 2) {
            highQuality = hostHeader != null && !hostHeader.contains("0.0.0.0");
        }
        int encryption = a.optional(ENCRYPTION_ENABLED_ATTRIBUTE, 0, 0, 7);
        int nvFeatures = a.optional("x-nv-general.featureFlags", 135, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if ((nvFeatures & NV_FF_AUDIO_ENCRYPTION) != 0) {
            encryption |= ENC_AUDIO;
        }
        return new StreamParameters(new VideoMode(width, height, fps), refreshX100, codec,
                a.optional("x-nv-video[0].dynamicRangeMode", 0, 0, 1) == 1,
                a.optional("x-ss-video[0].chromaSamplingType", 0, 0, 1) == 1,
                a.required("x-nv-video[0].packetSize", 256, 65_000),
                a.required("x-nv-vqos[0].bw.maximumBitrateKbps", 1, Integer.MAX_VALUE),
                a.optional("x-ml-video.configuredBitrateKbps", 0, 0, Integer.MAX_VALUE),
                Math.max(1, a.required("x-nv-video[0].videoEncoderSlicesPerFrame", 0, 64)),
                a.required("x-nv-video[0].maxNumReferenceFrames", 0, 16),
                a.optional("x-nv-video[0].encoderCscMode", 0, 0, 7),
                a.optional("x-nv-vqos[0].fec.minRequiredFecPackets", 0, 0, 64),
                a.optional("x-nv-general.useReliableUdp", 1, 0, 255),
                encryption, attributes.containsKey(ENCRYPTION_ENABLED_ATTRIBUTE), nvFeatures,
                a.optional("x-ml-general.featureFlags", 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
                channels, a.required("x-nv-audio.surround.channelMask", 0, 0xffff), duration, highQuality,
                a.optional("x-ss-video[0].intraRefresh", 0, 0, 1) == 1, a.name(FEC_SCHEME_ATTRIBUTE, FecSchemes.RS8_MOONLIGHT));
    }

    public boolean videoEncrypted() {
        return (encryption & ENC_VIDEO) != 0;
    }

    public boolean audioEncrypted() {
        return (encryption & ENC_AUDIO) != 0;
    }

    public boolean controlEncrypted() {
        return controlProtocol == ENCRYPTED_CONTROL_PROTOCOL;
    }

    /** The control stream encrypted with NVIDIA's IVs (only the counter's low byte): for clients without v2. */
    public boolean legacyControlEncryption() {
        return controlEncrypted() && (encryption & ENC_CONTROL_V2) == 0;
    }

    /** The encrypted streams by name ("control video audio"), or "nothing", for the log and diagnostics. */
    public String encryptedStreams() {
        String names = ((controlEncrypted() ? "control " : "") + (videoEncrypted() ? "video " : "")
                + (audioEncrypted() ? "audio" : "")).strip();
        return names.isEmpty() ? "nothing" : names;
    }

    /**
     * The encoder's rate. When the client sends its configured rate, the host leaves room in it for FEC, audio
     * and overhead (Sunshine's rule, so a user's "20 Mbps" stays 20 Mbps on the wire); otherwise the announced
     * maximum is the encoder's rate.
     */
    public int encoderBitrateKbps(int fecPercent) {
        if (configuredBitrateKbps == 0) {
            return maxBitrateKbps;
        }
        long kbps = configuredBitrateKbps;
        if (fecPercent <= 80) {
            kbps = kbps * (100 - fecPercent) / 100;
        }
        long audio = (long) (highQualityAudio ? 256 : 96) * audioChannels;
        kbps -= Math.min(audio, kbps / 5);
        kbps -= Math.min(500, kbps / 10);
        return (int) Math.max(1, kbps);
    }

    /** Integer attributes by name, with the range each may take. */
    private record Attributes(Map<String, String> values) {

        int required(String name, int min, int max) {
            String text = values.get(name);
            if (text == null) {
                throw new IllegalArgumentException(name + " is missing");
            }
            return parse(name, text, min, max);
        }

        /** A lower-case name such as a scheme's id. */
        String name(String name, String fallback) {
            String text = values.get(name);
            if (text == null) {
                return fallback;
            }
            if (!text.matches("[a-z0-9][a-z0-9-]{0,31}")) {
                throw new IllegalArgumentException(name + " is not a scheme name: \"" + text.substring(0,
                        Math.min(40, text.length())) + "\"");
            }
            return text;
        }

        int optional(String name, int fallback, int min, int max) {
            String text = values.get(name);
            return text == null ? fallback : parse(name, text, min, max);
        }

        private static int parse(String name, String text, int min, int max) {
            long value;
            try {
                value = Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is not a number: \"" + text + "\"");
            }
            if (min == Integer.MIN_VALUE && value >= 0 && value <= 0xffffffffL) {
                return (int) value; // flag words: unsigned 32-bit on the wire
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " is " + value + ", outside " + min + ".." + max);
            }
            return (int) value;
        }
    }
}
