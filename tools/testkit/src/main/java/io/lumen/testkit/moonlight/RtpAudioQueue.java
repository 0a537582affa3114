package io.lumen.testkit.moonlight;

import io.lumen.api.fec.FecCodec;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's audio reassembly, by moonlight-common-c's rules ({@code RtpAudioQueue.c}), written from those
 * rules: packets are grouped into blocks of 4 data + 2 parity shards aligned to sequence % 4 == 0; an in-order
 * data packet is handed out at once; a block with any 4 of its 6 shards rebuilds its missing data packets with
 * Reed-Solomon (the fixed audio matrix, through the injected codec) and their RTP headers from the FEC header;
 * a block still incomplete when the next block has started is given up and its holes reported as lost.
 * Like the client, the queue starts at the block after the first packet it sees ("synchronizing"), and turns
 * FEC off for good when a host breaks the rules the FEC needs (unaligned blocks, shards of different sizes),
 * passing data packets straight through. Single-threaded.
 */
final class RtpAudioQueue {

    static final int DATA_SHARDS = 4;
    static final int FEC_SHARDS = 2;
    static final int RTP_HEADER_BYTES = 12;
    static final int FEC_HEADER_BYTES = 12;
    static final int PAYLOAD_TYPE_AUDIO = 97;
    static final int PAYLOAD_TYPE_FEC = 127;
    /** How long moonlight-common-c waits for out-of-sequence shards once it has seen reordering. */
    private static final long OOS_WAIT_MICROS = 10_000;

    /** Where packets leave the queue, in sequence order. */
    interface Output {
        void packet(int sequenceNumber, int timestamp, byte[] payload, boolean recovered);

        void lost(int sequenceNumber);
    }

    private static final class Block {
        final int baseSequenceNumber;
        final int baseTimestamp;
        final int size;
        final long queuedMicros;
        final byte[][] shards;
        final boolean[] missing = {true, true, true, true, true, true};
        final boolean[] recovered = new boolean[DATA_SHARDS];
        final int[] timestamps = new int[DATA_SHARDS];
        int dataReceived;
        int fecReceived;
        int nextIndex;
        boolean reassembled;
        boolean allowDiscontinuity;

        Block(int baseSequenceNumber, int baseTimestamp, int size) {
            this.baseSequenceNumber = baseSequenceNumber;
            this.baseTimestamp = baseTimestamp;
            this.size = size;
            this.queuedMicros = System.nanoTime() / 1000;
            this.shards = new byte[DATA_SHARDS + FEC_SHARDS][size];
        }
    }

    private final FecCodec fec;
    private final int packetDurationMs;
    private final List<Block> blocks = new ArrayList<>();
    private boolean synchronizing = true;
    private boolean fecDisabled;
    private int nextSequenceNumber;
    private int oldestBaseSequenceNumber;
    private boolean receivedOutOfSequence;
    private int lastOutOfSequence;

    long dataPackets;
    long fecPackets;
    long invalid;
    long duplicates;
    long outOfSequence;
    long recovered;
    long failedBlocks;

    RtpAudioQueue(FecCodec fec, int packetDurationMs) {
        this.fec = fec;
        this.packetDurationMs = packetDurationMs;
    }

    /** Whether the host broke a rule the FEC relies on, so the queue passes data straight through. */
    boolean fecDisabled() {
        return fecDisabled;
    }

    /** Takes one datagram (position to limit); hands out whatever became ready. */
    void add(ByteBuffer datagram, Output out) {
        if (datagram.remaining() < RTP_HEADER_BYTES) {
            invalid++;
            return;
        }
        int start = datagram.position();
        int payloadType = datagram.get(start + 1) & 0x7f;
        int sequenceNumber = datagram.getShort(start + 2) & 0xffff;
        int timestamp = datagram.getInt(start + 4);
        if (fecDisabled) {
            if (payloadType == PAYLOAD_TYPE_AUDIO) {
                dataPackets++;
                out.packet(sequenceNumber, timestamp, payload(datagram, RTP_HEADER_BYTES), false);
            }
            return;
        }
        Block block = blockFor(datagram, payloadType, sequenceNumber, timestamp);
        if (block == null) {
            return;
        }
        if (payloadType == PAYLOAD_TYPE_AUDIO) {
            int index = (sequenceNumber - block.baseSequenceNumber) & 0xffff;
            if (!block.missing[index]) {
                duplicates++;
                return;
            }
            datagram.get(start + RTP_HEADER_BYTES, block.shards[index]);
            block.timestamps[index] = timestamp;
            block.missing[index] = false;
            block.dataReceived++;
            if (sequenceNumber == nextSequenceNumber) {
                // the common case: the next packet, in order, goes out at once
                nextSequenceNumber = (sequenceNumber + 1) & 0xffff;
                block.nextIndex++;
                out.packet(sequenceNumber, timestamp, block.shards[index].clone(), false);
                if (block.nextIndex == DATA_SHARDS) {
                    freeHead();
                }
                drainReady(out);
                return;
            }
        } else {
            int shard = datagram.get(start + RTP_HEADER_BYTES) & 0xff;
            if (!block.missing[DATA_SHARDS + shard]) {
                duplicates++;
                return;
            }
            datagram.get(start + RTP_HEADER_BYTES + FEC_HEADER_BYTES, block.shards[DATA_SHARDS + shard]);
            block.missing[DATA_SHARDS + shard] = false;
            block.fecReceived++;
        }
        if (complete(block)) {
            block.reassembled = true;
        }
        if (!hasReady()) {
            skipWhatCannotBeRecovered();
        }
        drainReady(out);
    }

    private Block blockFor(ByteBuffer datagram, int payloadType, int sequenceNumber, int timestamp) {
        int start = datagram.position();
        int base;
        int baseTimestamp;
        int size;
        if (payloadType == PAYLOAD_TYPE_AUDIO) {
            dataPackets++;
            if (!synchronizing && before(sequenceNumber, oldestBaseSequenceNumber)) {
                lastOutOfSequence = sequenceNumber;
                outOfSequence++;
                receivedOutOfSequence = true;
            } else if (receivedOutOfSequence && before(oldestBaseSequenceNumber, lastOutOfSequence)) {
                receivedOutOfSequence = false; // 32767 packets without reordering: fast recovery again
            }
            base = sequenceNumber & ~(DATA_SHARDS - 1);
            baseTimestamp = timestamp - ((sequenceNumber - base) & 0xffff) * packetDurationMs;
            size = datagram.remaining() - RTP_HEADER_BYTES;
        } else if (payloadType == PAYLOAD_TYPE_FEC) {
            fecPackets++;
            if (datagram.remaining() < RTP_HEADER_BYTES + FEC_HEADER_BYTES
                    || (datagram.get(start + RTP_HEADER_BYTES) & 0xff) >= FEC_SHARDS) {
                invalid++;
                return null;
            }
            base = datagram.getShort(start + RTP_HEADER_BYTES + 2) & 0xffff;
            baseTimestamp = datagram.getInt(start + RTP_HEADER_BYTES + 4);
            size = datagram.remaining() - RTP_HEADER_BYTES - FEC_HEADER_BYTES;
            if (base % DATA_SHARDS != 0) {
                invalid++;
                fecDisabled = true;
                return null;
            }
        } else {
            invalid++;
            return null;
        }
        if (synchronizing && oldestBaseSequenceNumber == 0) {
            // start at the next block boundary, never in the middle of a block
            nextSequenceNumber = oldestBaseSequenceNumber = (base + DATA_SHARDS) & 0xffff;
            return null;
        }
        if (before(base, oldestBaseSequenceNumber)) {
            return null; // its block is done with
        }
        int at = 0;
        for (; at < blocks.size(); at++) {
            Block existing = blocks.get(at);
            if (existing.baseSequenceNumber == base) {
                if (existing.size != size) {
                    invalid++;
                    fecDisabled = true;
                    return null;
                }
                return existing.reassembled ? null : existing;
            }
            if (before(base, existing.baseSequenceNumber)) {
                break;
            }
        }
        Block block = new Block(base, baseTimestamp, size);
        blocks.add(at, block);
        return block;
    }

    /** Rebuilds the block's missing data shards when 4 of its 6 shards are here; true when all data is here. */
    private boolean complete(Block block) {
        if (block.dataReceived + block.fecReceived < DATA_SHARDS) {
            return false;
        }
        if (block.dataReceived == DATA_SHARDS) {
            return true;
        }
        MemorySegment[] originals = new MemorySegment[DATA_SHARDS];
        boolean[] originalPresent = new boolean[DATA_SHARDS];
        MemorySegment[] parity = new MemorySegment[FEC_SHARDS];
        boolean[] parityPresent = new boolean[FEC_SHARDS];
        for (int i = 0; i < DATA_SHARDS; i++) {
            originals[i] = MemorySegment.ofArray(block.shards[i]);
            originalPresent[i] = !block.missing[i];
        }
        for (int i = 0; i < FEC_SHARDS; i++) {
            parity[i] = MemorySegment.ofArray(block.shards[DATA_SHARDS + i]);
            parityPresent[i] = !block.missing[DATA_SHARDS + i];
        }
        fec.decode(originals, originalPresent, parity, parityPresent);
        for (int i = 0; i < DATA_SHARDS; i++) {
            if (block.missing[i]) {
                // the header comes from the FEC header, as the client rebuilds it
                block.timestamps[i] = block.baseTimestamp + i * packetDurationMs;
                block.missing[i] = false;
                block.recovered[i] = true;
            }
        }
        recovered += DATA_SHARDS - block.dataReceived;
        return true;
    }

    private boolean hasReady() {
        if (blocks.isEmpty()) {
            return false;
        }
        Block head = blocks.getFirst();
        return head.allowDiscontinuity || (!head.missing[head.nextIndex]
                && ((head.baseSequenceNumber + head.nextIndex) & 0xffff) == nextSequenceNumber);
    }

    /**
     * Called when nothing is ready: a wholly lost block is jumped over; the head block is given up once the next
     * block has begun (at once, or after a short wait when the host has been seen reordering packets).
     */
    private void skipWhatCannotBeRecovered() {
        if (blocks.isEmpty()) {
            return;
        }
        Block head = blocks.getFirst();
        if (before(nextSequenceNumber, head.baseSequenceNumber)) {
            nextSequenceNumber = oldestBaseSequenceNumber = head.baseSequenceNumber;
            return;
        }
        if (blocks.size() == 1) {
            return;
        }
        // the client's own limit mixes units (4 packet durations in ms added to a wait in µs); kept as it is
        long limit = (long) packetDurationMs * DATA_SHARDS + OOS_WAIT_MICROS;
        if (!receivedOutOfSequence || System.nanoTime() / 1000 - head.queuedMicros > limit) {
            failedBlocks++;
            head.allowDiscontinuity = true;
        }
    }

    private void drainReady(Output out) {
        while (!blocks.isEmpty()) {
            Block head = blocks.getFirst();
            if (head.allowDiscontinuity && head.missing[head.nextIndex]) {
                out.lost(nextSequenceNumber);
                advance(head);
                continue;
            }
            if (!hasReady()) {
                return;
            }
            int index = head.nextIndex;
            out.packet(nextSequenceNumber, head.timestamps[index], head.shards[index].clone(), head.recovered[index]);
            advance(head);
        }
    }

    private void advance(Block head) {
        head.nextIndex++;
        nextSequenceNumber = (nextSequenceNumber + 1) & 0xffff;
        if (head.nextIndex == DATA_SHARDS) {
            freeHead();
        }
    }

    private void freeHead() {
        Block head = blocks.removeFirst();
        oldestBaseSequenceNumber = (head.baseSequenceNumber + DATA_SHARDS) & 0xffff;
        synchronizing = false;
    }

    private static byte[] payload(ByteBuffer datagram, int offset) {
        byte[] payload = new byte[datagram.remaining() - offset];
        datagram.get(datagram.position() + offset, payload);
        return payload;
    }

    /** RFC 1982 style: whether 16-bit sequence number a comes before b. */
    static boolean before(int a, int b) {
        return (short) (a - b) < 0;
    }
}
