package io.lumen.protocol.moonlight.impl.audio;

import io.lumen.api.audio.AudioEncoderConfig;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * What one client's audio stream is: from /launch (channels, mask, key), DESCRIBE/ANNOUNCE (quality, packet
 * duration, whether audio is encrypted) and SETUP (the ping payload the host handed out).
 *
 * @param channels           2, 6 or 8 ({@code x-nv-audio.surround.numChannels})
 * @param channelMask        the speaker mask the client sent ({@code x-nv-audio.surround.channelMask}); informative
 * @param highQuality        the high-quality layout and bitrate ({@code x-nv-audio.surround.AudioQuality}, or for
 *                           stereo a {@code Host} header other than 0.0.0.0)
 * @param packetDurationMs   5 or 10 ({@code x-nv-aqos.packetDuration}); one Opus frame per packet
 * @param encryption         the key and IV seed when audio encryption was negotiated; null when it was not
 * @param pingPayload        the 16 ASCII bytes of {@code X-SS-Ping-Payload}: the client's pings start with them
 * @param clientAddress      the launching client's address, the only one pings count from; null: any
 * @param legacyPing         for a client without {@code ML_FF_SESSION_ID_V1}: its 4-byte "PING" is accepted too
 *                           (from {@code clientAddress} only, which it needs)
 */
public record AudioStreamParams(int channels, int channelMask, boolean highQuality, int packetDurationMs,
                                AudioEncryption encryption, byte[] pingPayload, InetAddress clientAddress,
                                boolean legacyPing) {

    public static final int PING_PAYLOAD_BYTES = 16;

    public AudioStreamParams {
        AudioLayouts.of(channels, highQuality); // refuses an unsupported channel count
        if (packetDurationMs != 5 && packetDurationMs != 10) {
            throw new IllegalArgumentException("packet duration " + packetDurationMs + " ms: clients ask for 5 or 10");
        }
        if (pingPayload.length != PING_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("the ping payload is " + PING_PAYLOAD_BYTES + " bytes, not "
                    + pingPayload.length);
        }
        pingPayload = pingPayload.clone();
    }

    /** Stereo at the normal quality and 5 ms packets, without encryption: the common case, and the tests'. */
    public static AudioStreamParams stereo(byte[] pingPayload) {
        return new AudioStreamParams(2, 0x3, false, 5, null, pingPayload, null, false);
    }

    public AudioStreamParams withEncryption(AudioEncryption encryption) {
        return new AudioStreamParams(channels, channelMask, highQuality, packetDurationMs, encryption, pingPayload,
                clientAddress, legacyPing);
    }

    public AudioStreamParams withPacketDuration(int packetDurationMs) {
        return new AudioStreamParams(channels, channelMask, highQuality, packetDurationMs, encryption, pingPayload,
                clientAddress, legacyPing);
    }

    public boolean encrypted() {
        return encryption != null;
    }

    /** The encoding the client's decoder expects: the layout DESCRIBE advertised, at the packet duration. */
    public AudioEncoderConfig encoderConfig() {
        return AudioLayouts.of(channels, highQuality).encoderConfig(packetDurationMs);
    }

    @Override
    public byte[] pingPayload() {
        return pingPayload.clone();
    }

    /** "7.1 HQ, mask 0x63f, 5 ms, encrypted, ping 0123456789ABCDEF"; never the key. */
    @Override
    public String toString() {
        return AudioLayouts.name(channels, highQuality) + ", mask 0x" + Integer.toHexString(channelMask) + ", "
                + packetDurationMs + " ms" + (encrypted() ? ", encrypted" : "") + ", ping "
                + new String(pingPayload, java.nio.charset.StandardCharsets.ISO_8859_1)
                + (clientAddress == null ? "" : " from " + clientAddress.getHostAddress())
                + (legacyPing ? " (legacy PING too)" : "");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AudioStreamParams that && channels == that.channels
                && channelMask == that.channelMask && highQuality == that.highQuality
                && packetDurationMs == that.packetDurationMs && java.util.Objects.equals(encryption, that.encryption)
                && Arrays.equals(pingPayload, that.pingPayload)
                && java.util.Objects.equals(clientAddress, that.clientAddress) && legacyPing == that.legacyPing;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(channels, channelMask, highQuality, packetDurationMs, encryption,
                Arrays.hashCode(pingPayload), clientAddress, legacyPing);
    }
}
