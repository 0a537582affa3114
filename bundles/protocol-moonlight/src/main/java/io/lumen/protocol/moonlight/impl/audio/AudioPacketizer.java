package io.lumen.protocol.moonlight.impl.audio;

import io.lumen.api.fec.FecCodec;
import io.lumen.protocol.moonlight.impl.fec.FecCodecSource;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * Turns Opus packets into the audio stream's datagrams, as Sunshine's {@code audioBroadcastThread} does: each
 * packet becomes one RTP data packet (PT 97, sequence numbers from 0, the timestamp advancing by the packet
 * duration in milliseconds), its payload encrypted when the session asked for it; after every fourth data packet
 * (sequence number % 4 == 3) come two parity packets (PT 127, sequence numbers data + 1 and data + 2, timestamp 0)
 * carrying the FEC header and the Reed-Solomon parity over the block's four payloads as sent. Single-threaded.
 */
final class AudioPacketizer {

    /** Receives each datagram; the buffer is valid only during the call. */
    @FunctionalInterface
    interface Datagrams {
        void send(ByteBuffer datagram, boolean parity);
    }

    private final int packetDurationMs;
    private final AudioCipher cipher;
    private final AudioFecBlock block;
    private final FecCodecSource fec;
    private final ByteBuffer datagram = ByteBuffer.allocateDirect(AudioRtp.MAX_DATAGRAM_BYTES);
    private int sequenceNumber;
    private int timestamp;
    private long unevenBlocks;
    private long blocksWithoutFec;

    /** {@code encryption} null: payloads go in the clear. */
    AudioPacketizer(int packetDurationMs, AudioEncryption encryption, FecCodec fec) {
        this(packetDurationMs, encryption, FecCodecSource.of(fec));
    }

    /** {@code fec} leases the codec of each block (none registered: no parity packets then). */
    AudioPacketizer(int packetDurationMs, AudioEncryption encryption, FecCodecSource fec) {
        this.packetDurationMs = packetDurationMs;
        this.cipher = encryption == null ? null : new AudioCipher(encryption);
        this.block = new AudioFecBlock();
        this.fec = fec;
    }

    /** Sends {@code opus} as the next data packet, and the block's parity packets when it closes a block. */
    void packetize(MemorySegment opus, Datagrams out) {
        int length = (int) opus.byteSize();
        if (length > AudioRtp.MAX_OPUS_PACKET_BYTES) {
            throw new IllegalArgumentException("an Opus packet of " + length + " bytes does not fit one datagram");
        }
        int index = sequenceNumber % AudioRtp.DATA_SHARDS;
        if (index == 0) {
            block.start(sequenceNumber, timestamp);
        }
        ByteBuffer shard = block.shard(index);
        int payloadLength;
        if (cipher == null) {
            shard.put(opus.asByteBuffer());
            payloadLength = length;
        } else {
            payloadLength = cipher.encrypt(sequenceNumber, opus.asByteBuffer(), shard);
        }
        block.stored(index, payloadLength);

        datagram.clear();
        AudioRtp.putHeader(datagram, AudioRtp.PAYLOAD_TYPE_AUDIO, sequenceNumber, timestamp);
        datagram.put(shard.flip());
        out.send(datagram.flip(), false);

        if (index == AudioRtp.DATA_SHARDS - 1) {
            sendParity(payloadLength, out);
        }
        sequenceNumber = (sequenceNumber + 1) & 0xffff;
        timestamp += packetDurationMs;
    }

    private void sendParity(int length, Datagrams out) {
        try (FecCodecSource.Lease codec = fec.acquire()) {
            if (codec.codec() == null) {
                blocksWithoutFec++; // the client rebuilds nothing in this block, and plays on
                return;
            }
            if (!block.computeParity(codec.codec(), length)) {
                unevenBlocks++;
            }
        }
        for (int i = 0; i < AudioRtp.FEC_SHARDS; i++) {
            datagram.clear();
            AudioRtp.putHeader(datagram, AudioRtp.PAYLOAD_TYPE_FEC, (sequenceNumber + i + 1) & 0xffff, 0);
            AudioRtp.putFecHeader(datagram, i, block.baseSequenceNumber(), block.baseTimestamp());
            datagram.put(block.parity(i));
            out.send(datagram.flip(), true);
        }
    }

    /** The sequence number the next data packet gets. */
    int nextSequenceNumber() {
        return sequenceNumber;
    }

    /** Blocks sent without parity because no codec was registered. */
    long blocksWithoutFec() {
        return blocksWithoutFec;
    }

    /** Blocks whose four payloads were not all as long as the last (see {@link AudioFecBlock}). */
    long unevenBlocks() {
        return unevenBlocks;
    }
}
