package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.media.Codec;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * What the video stream takes from the client's RTSP exchange (PROTOCOL-DETAIL.md 3 and 4).
 *
 * @param packetSize            {@code x-nv-video[0].packetSize} as announced: payload bytes per packet, already less
 *                              the 32-byte encryption header when video encryption is on; every shard is
 *                              {@code packetSize + 16} bytes
 * @param fecPercent            parity shards per 100 data shards (host setting, 20 by default, 0 sends no FEC)
 * @param minRequiredFecPackets {@code x-nv-vqos[0].fec.minRequiredFecPackets} (clients send 2; Sunshine's default 0)
 * @param encryptionKey         the launch's rikey when SS_ENC_VIDEO was chosen in ANNOUNCE, else null
 * @param codec                 the negotiated bitstream format; access units of another codec are refused
 * @param pingPayload           {@code X-SS-Ping-Payload} from SETUP: the 16 ASCII characters the client's pings carry
 * @param sessionIdV1           ML_FF_SESSION_ID_V1 in {@code x-ml-general.featureFlags}: the client pings with the
 *                              payload, so the 4-byte legacy {@code PING} is refused (as Sunshine's recv_ping does)
 * @param clientAddress         the RTSP peer; only a legacy {@code PING} from this address is accepted (may be null)
 * @param bitrateKbps           the encoder's bitrate, which sizes the default pacing rate
 * @param pacingBitsPerSecond   cap on the send rate; 0 derives it from the bitrate ({@link #pacingRate()})
 * @param scheme                the FEC scheme negotiated in RTSP
 */
public record VideoStreamParams(int packetSize, int fecPercent, int minRequiredFecPackets, byte[] encryptionKey,
                                Codec codec, String pingPayload, boolean sessionIdV1, InetAddress clientAddress,
                                int bitrateKbps, long pacingBitsPerSecond, VideoFecScheme scheme) {

    public static final int DEFAULT_FEC_PERCENT = 20;
    public static final int PING_PAYLOAD_LENGTH = 16;
    /** Room for a shard, the encryption header and the GCM tag in one UDP datagram. */
    public static final int MAX_PACKET_SIZE = 65_456;
    public static final int MIN_PACKET_SIZE = 64;

    /** Pacing never drops below this: a keyframe at a low bitrate must still leave within a few milliseconds. */
    static final long MIN_PACING_BPS = 100_000_000L;
    /**
     * A keyframe of eight average frames, with its parity and headers, leaves within half a frame interval at any
     * frame rate, so the picture after it is not held up (below the scheme's ceiling: rs8's 800 Mbit/s reaches that
     * up to about 30 Mbit/s at 60 fps).
     */
    static final int PACING_HEADROOM = 20;

    public VideoStreamParams {
        if (packetSize < MIN_PACKET_SIZE || packetSize > MAX_PACKET_SIZE) {
            throw new IllegalArgumentException("packetSize " + packetSize + " is outside " + MIN_PACKET_SIZE + ".."
                    + MAX_PACKET_SIZE);
        }
        if (fecPercent < 0 || fecPercent > 255) {
            throw new IllegalArgumentException("fecPercent " + fecPercent + " is outside 0..255 (8 bits on the wire)");
        }
        if (minRequiredFecPackets < 0) {
            throw new IllegalArgumentException("minRequiredFecPackets " + minRequiredFecPackets + " is negative");
        }
        if (encryptionKey != null) {
            if (encryptionKey.length != 16) {
                throw new IllegalArgumentException("the video key is AES-128: 16 bytes, not " + encryptionKey.length);
            }
            encryptionKey = encryptionKey.clone();
        }
        if (codec == null) {
            throw new IllegalArgumentException("codec is required");
        }
        if (pingPayload == null || pingPayload.length() != PING_PAYLOAD_LENGTH
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(pingPayload)) {
            throw new IllegalArgumentException("pingPayload must be " + PING_PAYLOAD_LENGTH + " ASCII characters");
        }
        if (bitrateKbps < 0 || pacingBitsPerSecond < 0) {
            throw new IllegalArgumentException("bitrate and pacing rate must not be negative");
        }
        if (scheme == null) {
            throw new IllegalArgumentException("a FEC scheme is required");
        }
    }

    /** What a current client announces: 20% FEC, at least 2 parity shards, no encryption, 20 Mbit/s. */
    public static VideoStreamParams of(int packetSize, Codec codec, String pingPayload) {
        return new VideoStreamParams(packetSize, DEFAULT_FEC_PERCENT, 2, null, codec, pingPayload, true, null,
                20_000, 0, VideoFecScheme.RS8_MOONLIGHT);
    }

    public VideoStreamParams withFecPercent(int percent) {
        return new VideoStreamParams(packetSize, percent, minRequiredFecPackets, encryptionKey, codec, pingPayload,
                sessionIdV1, clientAddress, bitrateKbps, pacingBitsPerSecond, scheme);
    }

    public VideoStreamParams withEncryptionKey(byte[] key) {
        return new VideoStreamParams(packetSize, fecPercent, minRequiredFecPackets, key, codec, pingPayload,
                sessionIdV1, clientAddress, bitrateKbps, pacingBitsPerSecond, scheme);
    }

    public VideoStreamParams withPacing(long bitsPerSecond) {
        return new VideoStreamParams(packetSize, fecPercent, minRequiredFecPackets, encryptionKey, codec, pingPayload,
                sessionIdV1, clientAddress, bitrateKbps, bitsPerSecond, scheme);
    }

    public VideoStreamParams withLegacyPing(InetAddress client) {
        return new VideoStreamParams(packetSize, fecPercent, minRequiredFecPackets, encryptionKey, codec, pingPayload,
                false, client, bitrateKbps, pacingBitsPerSecond, scheme);
    }

    public VideoStreamParams withScheme(VideoFecScheme fecScheme) {
        return new VideoStreamParams(packetSize, fecPercent, minRequiredFecPackets, encryptionKey, codec, pingPayload,
                sessionIdV1, clientAddress, bitrateKbps, pacingBitsPerSecond, fecScheme);
    }

    @Override
    public byte[] encryptionKey() {
        return encryptionKey == null ? null : encryptionKey.clone();
    }

    public boolean encrypted() {
        return encryptionKey != null;
    }

    /**
     * Bytes of one shard before encryption: for rs8 the packet plus the 16-byte RTP header room, for leopard16 its
     * header and a body no bigger.
     */
    public int shardBytes() {
        return switch (scheme) {
            case RS8_MOONLIGHT -> packetSize + VideoWire.RTP_HEADER_BYTES;
            case LEOPARD16 -> LeopardWire.HEADER_BYTES + LeopardWire.bodyBytes(packetSize);
        };
    }

    /** Bytes of the frame one shard carries. */
    int payloadBytesPerShard() {
        return switch (scheme) {
            case RS8_MOONLIGHT -> shardBytes() - VideoWire.HEADER_BYTES;
            case LEOPARD16 -> LeopardWire.bodyBytes(packetSize);
        };
    }

    /** Bytes of one datagram on the wire. */
    public int datagramBytes() {
        return shardBytes() + (encrypted() ? VideoWire.ENC_HEADER_BYTES : 0);
    }

    /**
     * The send rate cap: the configured one, else {@value #PACING_HEADROOM} times the bitrate as it goes on the
     * wire (with the FEC parity and each datagram's headers), at least 100 Mbit/s and at most the scheme's ceiling
     * (Sunshine's 800 Mbit/s for rs8).
     */
    public long pacingRate() {
        if (pacingBitsPerSecond > 0) {
            return pacingBitsPerSecond;
        }
        long derived = bitrateKbps * 1000L * PACING_HEADROOM * (100 + fecPercent) / 100 * datagramBytes()
                / payloadBytesPerShard();
        return Math.clamp(derived, MIN_PACING_BPS, scheme.maxPacingBitsPerSecond());
    }

    @Override
    public String toString() {
        return "VideoStreamParams[packetSize=" + packetSize + ", fec=" + scheme + " " + fecPercent + "% min "
                + minRequiredFecPackets
                + ", " + codec + (encrypted() ? ", encrypted" : "") + ", sessionIdV1=" + sessionIdV1
                + ", pacing=" + pacingRate() / 1_000_000 + " Mbit/s]";
    }
}
