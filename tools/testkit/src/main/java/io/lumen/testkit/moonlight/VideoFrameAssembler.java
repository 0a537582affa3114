package io.lumen.testkit.moonlight;

import io.lumen.api.fec.FecCodec;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/**
 * Rebuilds frames from decrypted video shards by moonlight-common-c's rules (RtpVideoQueue.c,
 * VideoDepacketizer.c), written from the client's side and sharing nothing with the host's code:
 * <ul>
 *   <li>one frame and one FEC block at a time: shards of older frames or blocks are refused; a shard of a newer
 *       frame gives up the current one and every index skipped on the way, a shard of a later block gives up
 *       the frame when the current block is incomplete (all counted lost);</li>
 *   <li>per FEC block the parity count is {@code (data * percent + 99) / 100} and the block's first sequence
 *       number is {@code sequence - fecIndex}; as soon as as many shards as data shards are in, missing data is
 *       rebuilt with RS over the whole {@code packetSize + 16}-byte shard, the rebuilt headers are patched as
 *       the client does, and their flags checked (SOF first, EOF last, picture data between);</li>
 *   <li>the first data shard starts with the 8-byte short frame header (type 0x01, LE16 latency, frame type,
 *       LE16 lastPayloadLen); the last payload is cut to lastPayloadLen; streamPacketIndex must run on by one
 *       between the packets of a block.</li>
 * </ul>
 * Not thread-safe: one receive thread feeds it.
 */
public final class VideoFrameAssembler extends CountingAssembler {

    private static final int SHORT_HEADER_BYTES = 8;
    private static final int SHORT_HEADER_TYPE = 0x01;

    private final int shardBytes;
    private final FecCodec fec;
    private final Consumer<ReceivedFrame> sink;
    private FrameInProgress frame;

    /** {@code packetSize} as the client announced it; shards are 16 bytes more. */
    public VideoFrameAssembler(int packetSize, FecCodec fec, Consumer<ReceivedFrame> sink) {
        this.shardBytes = packetSize + 16;
        this.fec = fec;
        this.sink = sink;
    }

    @Override
    public BlockTag tag(byte[] shard) {
        if (shard.length < VideoShardHeader.BYTES) {
            return null;
        }
        VideoShardHeader header = VideoShardHeader.parse(shard);
        return new BlockTag((header.frameIndex() & 0xFFFFFFFFL) << 2 | header.blockIndex(), header.parityShards());
    }

    @Override
    public boolean add(byte[] shard) {
        if (shard.length < VideoShardHeader.BYTES || shard.length > shardBytes) {
            return reject();
        }
        VideoShardHeader header = VideoShardHeader.parse(shard);
        if ((header.rtpFlags() & VideoShardHeader.FLAG_EXTENSION) == 0 || header.dataShards() == 0
                || header.fecIndex() >= header.dataShards() + header.parityShards()) {
            return reject();
        }
        int ahead = header.frameIndex() - currentFrame;
        if (ahead < 0) {
            return unneeded();
        }
        if (ahead > 0 || frame == null) {
            boolean previousAlreadyTold = frame != null && frame.lossTold;
            if (frame != null) {
                shardsLost += frame.missingShards();
                reportIncomplete();
                frame = null;
            }
            framesLost += ahead;
            if (ahead > 1 || ahead == 1 && !previousAlreadyTold) {
                losses.accept(header.frameIndex() - 1);
            }
            currentFrame = header.frameIndex();
            frame = new FrameInProgress(header.lastBlock() + 1);
        }
        if (header.lastBlock() + 1 != frame.blocks.length) {
            return reject();
        }
        if (header.blockIndex() < frame.currentBlock) {
            return unneeded();
        }
        if (header.blockIndex() > frame.currentBlock) {
            // blocks come in order: the current one can no longer complete (or never started)
            shardsLost += frame.missingShards();
            reportIncomplete();
            giveUpCurrent();
            return unneeded();
        }
        ReceivedBlock block = frame.blocks[header.blockIndex()];
        if (block == null) {
            block = new ReceivedBlock(header);
            frame.blocks[header.blockIndex()] = block;
        } else if (!block.matches(header)) {
            return reject();
        }
        if (block.done || block.shards[header.fecIndex()] != null) {
            return unneeded();
        }
        block.store(header, pad(shard));
        if (block.received < block.dataShards && !frame.lossTold && block.gapsBelowHighest() > block.parityShards) {
            // more shards already missing than the parity can make up: the client tells at once, not at the next frame
            frame.lossTold = true;
            losses.accept(currentFrame);
        }
        if (block.received >= block.dataShards) {
            if (!complete(block)) {
                giveUpCurrent();
                return true;
            }
            if (frame.allDone()) {
                deliver();
            } else {
                frame.currentBlock++;
            }
        }
        return true;
    }

    private void report(ReceivedBlock block) {
        reports.accept(new FecReport(currentFrame, block.dataShards, block.parityShards, block.receivedData,
                block.received - block.receivedData, block.fecPercent, block.gapsBelowHighest(), block.index,
                frame.blocks.length));
    }

    /** The block being received when the frame is given up. */
    private void reportIncomplete() {
        ReceivedBlock block = frame.currentBlock < frame.blocks.length ? frame.blocks[frame.currentBlock] : null;
        if (block != null && !block.done) {
            report(block);
        }
    }


    private byte[] pad(byte[] shard) {
        if (shard.length == shardBytes) {
            return shard;
        }
        byte[] full = new byte[shardBytes];
        System.arraycopy(shard, 0, full, 0, shard.length);
        return full;
    }

    /** Rebuilds missing data shards if needed; false if a rebuilt shard is not sane. */
    private boolean complete(ReceivedBlock block) {
        block.done = true;
        shardsLost += block.gapsBelowHighest();
        int missing = block.dataShards - block.receivedData;
        if (missing == 0) {
            return true;
        }
        report(block);
        MemorySegment[] originals = new MemorySegment[block.dataShards];
        boolean[] originalPresent = new boolean[block.dataShards];
        MemorySegment[] recovery = new MemorySegment[block.parityShards];
        boolean[] recoveryPresent = new boolean[block.parityShards];
        for (int i = 0; i < block.dataShards; i++) {
            originalPresent[i] = block.shards[i] != null;
            if (!originalPresent[i]) {
                block.shards[i] = new byte[shardBytes];
            }
            originals[i] = MemorySegment.ofArray(block.shards[i]);
        }
        for (int j = 0; j < block.parityShards; j++) {
            byte[] parity = block.shards[block.dataShards + j];
            recoveryPresent[j] = parity != null;
            recovery[j] = parity == null ? null : MemorySegment.ofArray(parity);
        }
        try {
            fec.decode(originals, originalPresent, recovery, recoveryPresent);
        } catch (IllegalArgumentException shapeTheCodecRefuses) {
            return false;
        }
        dataShardsRebuilt += missing;
        frame.recovered = true;
        for (int i = 0; i < block.dataShards; i++) {
            if (!originalPresent[i] && !patchRebuilt(block, i)) {
                return false;
            }
        }
        blocksRebuilt++;
        return true;
    }

    /** The client's fix-ups of a rebuilt shard's header, then its sanity checks on the flags. */
    private boolean patchRebuilt(ReceivedBlock block, int index) {
        byte[] shard = block.shards[index];
        int sequence = block.firstSequence + index;
        shard[0] = (byte) block.rtpFlags;
        shard[2] = (byte) (sequence >>> 8);
        shard[3] = (byte) sequence;
        VideoShardHeader.putLe32(shard, 20, currentFrame);
        shard[27] = (byte) ((frame.blocks.length - 1) << 6 | block.index << 4);
        int flags = shard[24] & 0xFF;
        if ((flags & ~(VideoShardHeader.FLAG_SOF | VideoShardHeader.FLAG_EOF
                | VideoShardHeader.FLAG_CONTAINS_PIC_DATA)) != 0) {
            return false;
        }
        if (index == 0 && (flags & VideoShardHeader.FLAG_SOF) == 0) {
            return false;
        }
        if (index == block.dataShards - 1 && (flags & VideoShardHeader.FLAG_EOF) == 0) {
            return false;
        }
        return index == 0 || index == block.dataShards - 1 || (flags & VideoShardHeader.FLAG_CONTAINS_PIC_DATA) != 0;
    }

    /** The depacketizer: strip headers, check the packet counter, cut the padding, hand the frame out. */
    private void deliver() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int frameType = 0;
        int latency = 0;
        int lastPayloadLength = 0;
        int previousIndex = -1;
        for (ReceivedBlock block : frame.blocks) {
            for (int i = 0; i < block.dataShards; i++) {
                byte[] shard = block.shards[i];
                int flags = shard[24] & 0xFF;
                int packetIndex = VideoShardHeader.le32(shard, 16) >>> 8 & 0xFFFFFF;
                if ((flags & VideoShardHeader.FLAG_SOF) == 0 && packetIndex != ((previousIndex + 1) & 0xFFFFFF)) {
                    giveUpCurrent();
                    return;
                }
                previousIndex = packetIndex;
                int from = VideoShardHeader.BYTES;
                int to = shardBytes;
                boolean first = block.index == 0 && i == 0;
                boolean last = block.index == frame.blocks.length - 1 && i == block.dataShards - 1;
                if (first) {
                    if ((shard[from] & 0xFF) != SHORT_HEADER_TYPE) {
                        giveUpCurrent();
                        return;
                    }
                    latency = VideoShardHeader.le16(shard, from + 1);
                    frameType = shard[from + 3] & 0xFF;
                    lastPayloadLength = VideoShardHeader.le16(shard, from + 4);
                }
                if (last) {
                    int payload = to - from;
                    if (lastPayloadLength <= (first ? SHORT_HEADER_BYTES : 0) || lastPayloadLength > payload) {
                        giveUpCurrent();
                        return;
                    }
                    to = from + lastPayloadLength;
                }
                if (first) {
                    from += SHORT_HEADER_BYTES;
                }
                data.write(shard, from, to - from);
            }
        }
        int timestamp = frame.blocks[0].timestamp;
        boolean recovered = frame.recovered;
        framesComplete++;
        framesRecovered += recovered ? 1 : 0;
        int index = currentFrame;
        frame = null;
        currentFrame++;
        java.time.Instant now = java.time.Instant.now();
        sink.accept(new ReceivedFrame(index, frameType, latency, timestamp, recovered, data.toByteArray(),
                now.getEpochSecond() * 1_000_000L + now.getNano() / 1000));
    }

    private void giveUpCurrent() {
        if (!frame.lossTold) {
            losses.accept(currentFrame);
        }
        framesLost++;
        frame = null;
        currentFrame++;
    }

    private static final class FrameInProgress {
        final ReceivedBlock[] blocks;
        int currentBlock;
        boolean recovered;
        /** The depacketizer already heard this frame is lost. */
        boolean lossTold;

        FrameInProgress(int blocks) {
            this.blocks = new ReceivedBlock[blocks];
        }

        boolean allDone() {
            for (ReceivedBlock block : blocks) {
                if (block == null || !block.done) {
                    return false;
                }
            }
            return true;
        }

        long missingShards() {
            long missing = 0;
            for (ReceivedBlock block : blocks) {
                if (block != null && !block.done) {
                    missing += block.shards.length - block.received;
                }
            }
            return missing;
        }
    }
}
