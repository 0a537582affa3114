package io.lumen.testkit.moonlight;

import io.lumen.api.fec.FecCodec;

import java.lang.foreign.MemorySegment;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Rebuilds frames from decrypted leopard16 video shards, written from the specification (docs/leopard16-video.md)
 * and sharing nothing with the host's code. One frame is one block: as soon as as many shards as the frame has data
 * shards are in, whichever they are, the missing data bodies are rebuilt with Leopard over the frame's coded
 * originals (its data, then zero bodies up to the parity count, which count as received). A shard of a newer frame
 * gives up the current one and every index skipped on the way. Not thread-safe: one receive thread feeds it.
 */
public final class Leopard16FrameAssembler extends CountingAssembler {

    /** What a client does about a lost frame: moonlight-common-c asks the host for a keyframe. */
    @FunctionalInterface
    public interface LossListener {
        void framesLost(int firstLost, int count);
    }

    private static final int FRAME_TYPE_P = 1;
    private static final int FRAME_TYPE_IDR = 2;

    private final FecCodec fec;
    private final Consumer<ReceivedFrame> sink;
    private final LossListener lossListener;
    private FrameInProgress frame;

    /** {@code fec} is the "leopard16" codec. */
    public Leopard16FrameAssembler(FecCodec fec, Consumer<ReceivedFrame> sink, LossListener losses) {
        this.fec = fec;
        this.sink = sink;
        this.lossListener = losses;
    }

    public Leopard16FrameAssembler(FecCodec fec, Consumer<ReceivedFrame> sink) {
        this(fec, sink, (first, count) -> { });
    }

    @Override
    public BlockTag tag(byte[] shard) {
        LeopardShardHeader header = LeopardShardHeader.parse(shard);
        return header == null ? null : new BlockTag(header.frameIndex() & 0xFFFFFFFFL, header.parityShards());
    }

    @Override
    public boolean add(byte[] shard) {
        LeopardShardHeader header = LeopardShardHeader.parse(shard);
        if (header == null || !header.consistent(shard.length)) {
            return reject();
        }
        int ahead = header.frameIndex() - currentFrame;
        if (ahead < 0) {
            return unneeded();
        }
        if (ahead > 0 || frame == null) {
            if (frame != null) {
                shardsLost += frame.header.totalShards() - frame.received;
                report(frame);
                frame = null;
            }
            lose(currentFrame, ahead);
            currentFrame = header.frameIndex();
            frame = new FrameInProgress(header);
        }
        if (!frame.sameFrame(header)) {
            return reject();
        }
        if (frame.shards[header.shardIndex()] != null) {
            return unneeded();
        }
        frame.shards[header.shardIndex()] = shard;
        frame.received++;
        frame.highest = Math.max(frame.highest, header.shardIndex());
        if (frame.received == frame.header.dataShards()) {
            complete();
        }
        return true;
    }

    private void report(FrameInProgress inProgress) {
        LeopardShardHeader shape = inProgress.header;
        int receivedData = 0;
        for (int i = 0; i < shape.dataShards(); i++) {
            receivedData += inProgress.shards[i] == null ? 0 : 1;
        }
        reports.accept(new FecReport(shape.frameIndex(), shape.dataShards(), shape.parityShards(), receivedData,
                inProgress.received - receivedData, shape.fecPercent(), inProgress.highest + 1 - inProgress.received,
                0, 1));
    }

    private void lose(int first, int count) {
        if (count > 0) {
            framesLost += count;
            lossListener.framesLost(first, count);
            losses.accept(first + count - 1);
        }
    }

    private void complete() {
        LeopardShardHeader shape = frame.header;
        int data = shape.dataShards();
        int body = shape.bodyBytes();
        shardsLost += frame.highest + 1 - frame.received;
        int missing = 0;
        for (int i = 0; i < data; i++) {
            missing += frame.shards[i] == null ? 1 : 0;
        }
        boolean recovered = missing > 0;
        if (recovered) {
            report(frame);
            if (!rebuild(shape, missing)) {
                giveUp();
                return;
            }
        }
        byte[] bytes = new byte[shape.frameBytes()];
        for (int i = 0, at = 0; i < data && at < bytes.length; i++, at += body) {
            System.arraycopy(frame.shards[i], LeopardShardHeader.BYTES, bytes, at, Math.min(body, bytes.length - at));
        }
        framesComplete++;
        framesRecovered += recovered ? 1 : 0;
        Instant now = Instant.now();
        ReceivedFrame received = new ReceivedFrame(currentFrame, shape.keyframe() ? FRAME_TYPE_IDR : FRAME_TYPE_P,
                shape.latencyTenthsMs(), shape.timestamp(), recovered, bytes,
                now.getEpochSecond() * 1_000_000L + now.getNano() / 1000);
        frame = null;
        currentFrame++;
        sink.accept(received);
    }

    /** Rebuilds the missing data bodies in place; false when the codec refuses the frame's shape. */
    private boolean rebuild(LeopardShardHeader shape, int missing) {
        int data = shape.dataShards();
        int parity = shape.parityShards();
        int body = shape.bodyBytes();
        int coded = shape.codedOriginals();
        MemorySegment zeros = MemorySegment.ofArray(new byte[body]);
        MemorySegment[] originals = new MemorySegment[coded];
        boolean[] originalPresent = new boolean[coded];
        for (int i = 0; i < coded; i++) {
            if (i >= data) {
                originals[i] = zeros;
                originalPresent[i] = true;
                continue;
            }
            originalPresent[i] = frame.shards[i] != null;
            if (!originalPresent[i]) {
                frame.shards[i] = new byte[LeopardShardHeader.BYTES + body];
            }
            originals[i] = MemorySegment.ofArray(frame.shards[i]).asSlice(LeopardShardHeader.BYTES);
        }
        MemorySegment[] recovery = new MemorySegment[parity];
        boolean[] recoveryPresent = new boolean[parity];
        for (int j = 0; j < parity; j++) {
            byte[] shard = frame.shards[data + j];
            recoveryPresent[j] = shard != null;
            recovery[j] = shard == null ? null : MemorySegment.ofArray(shard).asSlice(LeopardShardHeader.BYTES);
        }
        try {
            fec.decode(originals, originalPresent, recovery, recoveryPresent);
        } catch (IllegalArgumentException shapeTheCodecRefuses) {
            return false;
        }
        dataShardsRebuilt += missing;
        blocksRebuilt++;
        return true;
    }

    private void giveUp() {
        frame = null;
        lose(currentFrame, 1);
        currentFrame++;
    }

    /** The frame being received: its shape from its first shard, the shards in so far by index. */
    private static final class FrameInProgress {
        final LeopardShardHeader header;
        final byte[][] shards;
        int received;
        int highest = -1;

        FrameInProgress(LeopardShardHeader header) {
            this.header = header;
            this.shards = new byte[header.totalShards()][];
        }

        boolean sameFrame(LeopardShardHeader other) {
            return other.dataShards() == header.dataShards() && other.parityShards() == header.parityShards()
                    && other.bodyBytes() == header.bodyBytes() && other.frameBytes() == header.frameBytes()
                    && other.keyframe() == header.keyframe() && other.timestamp() == header.timestamp();
        }
    }

    @Override
    public String toString() {
        return "Leopard16FrameAssembler[waiting for frame " + currentFrame + ", " + framesComplete + " complete, "
                + framesLost + " lost]";
    }
}
