package io.lumen.fec.leopard.impl.shard;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Off-heap working memory that grows to the largest block seen and is then reused. */
public final class Workspace {

    private MemorySegment segment = MemorySegment.NULL;

    /** At least {@code bytes} of 64-byte aligned memory; contents are whatever the last user left. */
    public MemorySegment ensure(long bytes) {
        if (segment.byteSize() < bytes) {
            segment = Arena.ofAuto().allocate(bytes, 64);
        }
        return segment;
    }
}
