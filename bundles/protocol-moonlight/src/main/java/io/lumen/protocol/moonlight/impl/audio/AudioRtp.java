package io.lumen.protocol.moonlight.impl.audio;

import java.nio.ByteBuffer;

/**
 * The audio stream's wire format (moonlight-common-c {@code RTP_PACKET}, {@code AUDIO_FEC_HEADER}): a 12-byte RTP
 * header (version 2, no extension, ssrc 0) on every packet, and on parity packets a 12-byte FEC header after it.
 * All fields big-endian.
 */
final class AudioRtp {

    static final int HEADER_BYTES = 12;
    static final int FEC_HEADER_BYTES = 12;
    static final int PAYLOAD_TYPE_AUDIO = 97;
    static final int PAYLOAD_TYPE_FEC = 127;
    static final int DATA_SHARDS = 4;
    static final int FEC_SHARDS = 2;

    /** moonlight-common-c receives audio into 1400-byte buffers; a longer datagram would be cut short. */
    static final int MAX_DATAGRAM_BYTES = 1400;
    static final int MAX_PAYLOAD_BYTES = MAX_DATAGRAM_BYTES - HEADER_BYTES;
    /** The longest Opus packet whose PKCS#7 ciphertext still fits {@link #MAX_PAYLOAD_BYTES} (1376 bytes). */
    static final int MAX_OPUS_PACKET_BYTES = (MAX_PAYLOAD_BYTES / 16) * 16 - 1;

    private static final byte VERSION_2 = (byte) 0x80;

    private AudioRtp() {
    }

    /** Writes the RTP header at the buffer's position. */
    static void putHeader(ByteBuffer datagram, int payloadType, int sequenceNumber, int timestamp) {
        datagram.put(VERSION_2).put((byte) payloadType).putShort((short) sequenceNumber).putInt(timestamp).putInt(0);
    }

    /**
     * Writes the FEC header: which parity shard this is, the data packets' payload type, and the sequence number
     * and timestamp of the block's first data packet.
     */
    static void putFecHeader(ByteBuffer datagram, int shardIndex, int baseSequenceNumber, int baseTimestamp) {
        datagram.put((byte) shardIndex).put((byte) PAYLOAD_TYPE_AUDIO).putShort((short) baseSequenceNumber)
                .putInt(baseTimestamp).putInt(0);
    }
}
