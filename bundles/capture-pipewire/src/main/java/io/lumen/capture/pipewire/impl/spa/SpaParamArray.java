package io.lumen.capture.pipewire.impl.spa;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.util.List;

/** Native copies of params in the {@code const struct spa_pod **} form pw_stream_connect and update_params take. */
public final class SpaParamArray {

    /**
     * An array of {@code params.size()} pointers, each to a native copy of one pod; all of it lives as long as
     * {@code allocator}'s arena, which must outlast the call it is passed to.
     */
    public static MemorySegment allocate(SegmentAllocator allocator, List<? extends SpaPod> params) {
        MemorySegment pointers = allocator.allocate(ValueLayout.ADDRESS, Math.max(1, params.size()));
        for (int i = 0; i < params.size(); i++) {
            MemorySegment pod = new SpaPodBuilder().write(params.get(i)).toSegment(allocator);
            pointers.setAtIndex(ValueLayout.ADDRESS, i, pod);
        }
        return pointers;
    }

    private SpaParamArray() {
    }
}
