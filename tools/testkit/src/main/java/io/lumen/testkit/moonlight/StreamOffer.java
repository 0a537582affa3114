package io.lumen.testkit.moonlight;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a client announces, rendered as moonlight-common-c's SdpGenerator does for a host that reports 7.1.431
 * and a negative fourth version part (the Sunshine extensions): {@code a=name:value } lines with the trailing
 * space, in an SDP frame.
 *
 * @param bitStreamFormat 0 H.264, 1 HEVC, 2 AV1
 * @param encryption      the SS_ENC bits the client wants (1 control v2, 2 video, 4 audio); the handshake enables
 *                        what {@link #negotiated} makes of them and the host's DESCRIBE
 */
public record StreamOffer(int width, int height, int fps, int packetSize, int bitrateKbps, int bitStreamFormat,
                          int encryption, int audioChannels, int audioPacketDurationMs, Map<String, String> extra) {

    public StreamOffer {
        extra = Map.copyOf(extra);
    }

    /** 1280x720 at 60, 10 Mbps, H.264, packets of 1392 (1360 with video encryption), stereo in 5 ms packets. */
    public static StreamOffer h264(int width, int height, int fps, int encryption) {
        return new StreamOffer(width, height, fps, (encryption & 2) != 0 ? 1360 : 1392, 10_000, 0, encryption, 2, 5,
                Map.of());
    }

    /** The offer with {@code attribute} set to {@code value}; an empty value leaves the attribute out. */
    public StreamOffer with(String attribute, String value) {
        Map<String, String> more = new LinkedHashMap<>(extra);
        more.put(attribute, value);
        return new StreamOffer(width, height, fps, packetSize, bitrateKbps, bitStreamFormat, encryption, audioChannels,
                audioPacketDurationMs, more);
    }

    /** The ANNOUNCE attribute that picks a video FEC scheme (lumen's extension). */
    public static final String FEC_SCHEME_ATTRIBUTE = "x-lumen-fec.scheme";

    /** The offer asking for the video FEC scheme {@code scheme} ("leopard16"), as a client of lumen's extension. */
    public StreamOffer withFecScheme(String scheme) {
        return with(FEC_SCHEME_ATTRIBUTE, scheme);
    }

    /** The video FEC scheme this offer asks for, or null for Moonlight's own. */
    public String fecScheme() {
        String scheme = extra.get(FEC_SCHEME_ATTRIBUTE);
        return scheme == null || scheme.isEmpty() ? null : scheme;
    }

    /**
     * The offer as moonlight-common-c answers a DESCRIBE offering {@code supported} and requesting
     * {@code requested} SS_ENC bits: control v2 whenever offered; video and audio when offered and wanted, or when
     * requested even if not wanted (the client complies rather than fail). The packet size gives up or regains
     * the 32 bytes of the encrypted video header when video encryption is switched on or off.
     */
    public StreamOffer negotiated(int supported, int requested) {
        int enabled = supported & 1;
        for (int stream : new int[] {2, 4}) {
            if ((supported & stream & encryption) != 0 || (requested & stream) != 0) {
                enabled |= stream;
            }
        }
        int packet = packetSize + ((encryption & 2) != 0 ? 32 : 0) - ((enabled & 2) != 0 ? 32 : 0);
        return new StreamOffer(width, height, fps, packet, bitrateKbps, bitStreamFormat, enabled, audioChannels,
                audioPacketDurationMs, extra);
    }

    /** The offer with {@code channels} (2, 6 or 8) of audio in packets of {@code packetMillis} (5 or 10). */
    public StreamOffer withAudio(int channels, int packetMillis) {
        return new StreamOffer(width, height, fps, packetSize, bitrateKbps, bitStreamFormat, encryption, channels,
                packetMillis, extra);
    }

    public Map<String, String> attributes() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("x-nv-general.serverAddress", "rtsp://127.0.0.1:48010");
        a.put("x-nv-video[0].clientViewportWd", String.valueOf(width));
        a.put("x-nv-video[0].clientViewportHt", String.valueOf(height));
        a.put("x-nv-video[0].maxFPS", String.valueOf(fps));
        a.put("x-nv-video[0].packetSize", String.valueOf(packetSize));
        a.put("x-nv-video[0].rateControlMode", "4");
        a.put("x-nv-video[0].timeoutLengthMs", "7000");
        a.put("x-nv-video[0].framesWithInvalidRefThreshold", "0");
        a.put("x-nv-video[0].initialBitrateKbps", String.valueOf(bitrateKbps));
        a.put("x-nv-video[0].initialPeakBitrateKbps", String.valueOf(bitrateKbps));
        a.put("x-nv-vqos[0].bw.minimumBitrateKbps", String.valueOf(bitrateKbps));
        a.put("x-nv-vqos[0].bw.maximumBitrateKbps", String.valueOf(bitrateKbps));
        a.put("x-ml-video.configuredBitrateKbps", String.valueOf(bitrateKbps));
        a.put("x-nv-vqos[0].fec.enable", "1");
        a.put("x-nv-vqos[0].videoQualityScoreUpdateTime", "5000");
        a.put("x-nv-vqos[0].qosTrafficType", "5");
        a.put("x-nv-aqos.qosTrafficType", "4");
        // NVFF_BASE | NVFF_RI_ENCRYPTION, and the legacy audio-encryption opt-in when audio is encrypted
        a.put("x-nv-general.featureFlags", String.valueOf(0x87 | ((encryption & 4) != 0 ? 0x20 : 0)));
        a.put("x-nv-general.useReliableUdp", "13");
        a.put("x-nv-vqos[0].fec.minRequiredFecPackets", "2");
        a.put("x-nv-vqos[0].bllFec.enable", "0");
        a.put("x-nv-vqos[0].drc.enable", "0");
        a.put("x-nv-general.enableRecoveryMode", "0");
        a.put("x-ml-general.featureFlags", "3");
        a.put("x-ss-general.encryptionEnabled", String.valueOf(encryption));
        a.put("x-ss-video[0].chromaSamplingType", "0");
        a.put("x-nv-video[0].videoEncoderSlicesPerFrame", "1");
        a.put("x-nv-clientSupportHevc", bitStreamFormat == 1 ? "1" : "0");
        a.put("x-nv-vqos[0].bitStreamFormat", String.valueOf(bitStreamFormat));
        a.put("x-nv-video[0].dynamicRangeMode", "0");
        a.put("x-nv-video[0].maxNumReferenceFrames", "0");
        a.put("x-nv-video[0].clientRefreshRateX100", String.valueOf(fps * 100));
        a.put("x-nv-audio.surround.numChannels", String.valueOf(audioChannels));
        a.put("x-nv-audio.surround.channelMask", audioChannels == 2 ? "3" : audioChannels == 6 ? "1551" : "1599");
        a.put("x-nv-audio.surround.enable", audioChannels > 2 ? "1" : "0");
        a.put("x-nv-audio.surround.AudioQuality", "0");
        a.put("x-nv-aqos.packetDuration", String.valueOf(audioPacketDurationMs));
        a.put("x-nv-video[0].encoderCscMode", "0");
        a.putAll(extra);
        return a;
    }

    public String sdp(String address) {
        StringBuilder sdp = new StringBuilder();
        sdp.append("v=0\r\no=android 0 14 IN IPv4 ").append(address).append("\r\ns=NVIDIA Streaming Client\r\n");
        attributes().forEach((name, value) -> {
            if (!value.isEmpty()) {
                sdp.append("a=").append(name).append(':').append(value).append(" \r\n");
            }
        });
        sdp.append("t=0 0\r\nm=video 47998  \r\n");
        return sdp.toString();
    }
}
