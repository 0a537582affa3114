package io.lumen.protocol.moonlight.impl.audio;

import io.lumen.api.fec.FecCodec;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One FEC block of the audio stream: the payloads (ciphertext when encrypted) of four consecutive data packets,
 * starting at a sequence number divisible by 4, and the two parity shards computed over them with the fixed audio
 * matrix ({@code rs8-moonlight-audio}).
 *
 * <p>Reed-Solomon needs equally long shards; a CBR Opus encoder makes them so. Should they differ, the block is
 * coded as Sunshine codes it: parity as long as the closing (fourth) payload, over each payload cut or zero-padded
 * to that length. The client then sees a block-size mismatch and turns its audio FEC off for the session
 * (moonlight-common-c {@code getFecBlockForRtpPacket}); the mismatch is counted so the host's log says why.
 */
final class AudioFecBlock {

    private final byte[][] shards = new byte[AudioRtp.DATA_SHARDS + AudioRtp.FEC_SHARDS][AudioRtp.MAX_PAYLOAD_BYTES];
    private final int[] lengths = new int[AudioRtp.DATA_SHARDS];
    private int baseSequenceNumber;
    private int baseTimestamp;
    private int parityLength;


    /** Begins the block whose first data packet has these fields. */
    void start(int sequenceNumber, int timestamp) {
        baseSequenceNumber = sequenceNumber;
        baseTimestamp = timestamp;
        Arrays.fill(lengths, -1);
    }

    /** The buffer data shard {@code index} (sequence number % 4) is written into; call {@link #stored} after. */
    ByteBuffer shard(int index) {
        return ByteBuffer.wrap(shards[index]);
    }

    void stored(int index, int length) {
        lengths[index] = length;
    }

    /**
     * Computes the parity shards, {@code length} bytes each (the closing payload's length). Returns false when the
     * payloads were not all that long (see the class comment).
     */
    boolean computeParity(FecCodec codec, int length) {
        boolean uniform = true;
        MemorySegment[] originals = new MemorySegment[AudioRtp.DATA_SHARDS];
        for (int i = 0; i < AudioRtp.DATA_SHARDS; i++) {
            if (lengths[i] != length) {
                uniform = false;
                if (lengths[i] < length) {
                    Arrays.fill(shards[i], Math.max(lengths[i], 0), length, (byte) 0);
                }
            }
            originals[i] = MemorySegment.ofArray(shards[i]).asSlice(0, length);
        }
        MemorySegment[] parity = new MemorySegment[AudioRtp.FEC_SHARDS];
        for (int i = 0; i < AudioRtp.FEC_SHARDS; i++) {
            parity[i] = MemorySegment.ofArray(shards[AudioRtp.DATA_SHARDS + i]).asSlice(0, length);
        }
        codec.encode(originals, parity);
        parityLength = length;
        return uniform;
    }

    /** Parity shard {@code index} (0 or 1) as computed by the last {@link #computeParity}. */
    ByteBuffer parity(int index) {
        return ByteBuffer.wrap(shards[AudioRtp.DATA_SHARDS + index], 0, parityLength);
    }

    int baseSequenceNumber() {
        return baseSequenceNumber;
    }

    int baseTimestamp() {
        return baseTimestamp;
    }
}
