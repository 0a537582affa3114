package io.lumen.protocol.moonlight.impl.video;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * Off-heap room for one frame's shards, in send order, reused frame after frame: the FEC codec reads and writes
 * the shard segments in place and the channel sends their buffers without a copy. Views are made when the room
 * grows (doubling, for the rare frame bigger than any before), never per packet. The memory is freed by the
 * collector ({@link Arena#ofAuto()}), so a close racing a send can never touch freed memory.
 */
final class ShardArena {

    private final int shardBytes;
    private final int bodyOffset;
    private MemorySegment[] shards = new MemorySegment[0];
    private MemorySegment[] bodies = new MemorySegment[0];
    private ByteBuffer[] buffers = new ByteBuffer[0];

    ShardArena(int shardBytes, int initialShards) {
        this(shardBytes, 0, initialShards);
    }

    /** Shards whose part from {@code bodyOffset} on is what the FEC codec codes ({@link #body}). */
    ShardArena(int shardBytes, int bodyOffset, int initialShards) {
        this.shardBytes = shardBytes;
        this.bodyOffset = bodyOffset;
        ensure(initialShards);
    }

    /** Makes room for {@code count} shards; the contents of a grown arena start over. */
    void ensure(int count) {
        if (count <= shards.length) {
            return;
        }
        int capacity = Math.max(count, shards.length * 2);
        MemorySegment memory = Arena.ofAuto().allocate((long) capacity * shardBytes, 64);
        MemorySegment[] newShards = new MemorySegment[capacity];
        MemorySegment[] newBodies = new MemorySegment[capacity];
        ByteBuffer[] newBuffers = new ByteBuffer[capacity];
        for (int i = 0; i < capacity; i++) {
            newShards[i] = memory.asSlice((long) i * shardBytes, shardBytes);
            newBodies[i] = newShards[i].asSlice(bodyOffset);
            newBuffers[i] = newShards[i].asByteBuffer();
        }
        shards = newShards;
        bodies = newBodies;
        buffers = newBuffers;
    }

    int capacity() {
        return shards.length;
    }

    int shardBytes() {
        return shardBytes;
    }

    MemorySegment shard(int index) {
        return shards[index];
    }

    /** The coded part of the shard. */
    MemorySegment body(int index) {
        return bodies[index];
    }

    /** The shard as a buffer from its first byte to its last. */
    ByteBuffer buffer(int index) {
        return buffers[index].clear();
    }
}
