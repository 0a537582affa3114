package io.lumen.capture.pipewire.impl.capture;

import io.lumen.api.media.PixelFormat;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The capture's frame pool and its row copy. */
class FramePoolTest {

    @Test
    void atMostTheLimitIsOutAndAGivenBackFrameIsReused() {
        FramePool pool = new FramePool();
        List<MemorySegment> out = new ArrayList<>();
        for (int i = 0; i < FramePool.LIMIT; i++) {
            out.add(present(pool.take(1024)));
        }
        assertNull(pool.take(1024), "past the limit the capture drops instead of allocating");
        MemorySegment returned = out.removeFirst();
        pool.give(returned);
        assertSame(returned, pool.take(1024), "a frame of the same size is reused");
        pool.give(out.removeFirst());
        assertEquals(2048, pool.take(2048).byteSize(), "a size change allocates anew");
    }

    private static MemorySegment present(MemorySegment segment) {
        assertNotNull(segment);
        return segment;
    }

    @Test
    void rowsAreCopiedBetweenPitchesWithoutThePadding() {
        int width = 3;
        int rows = 4;
        int rowBytes = width * 4;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment from = arena.allocate((long) (rowBytes + 20) * rows);
            for (long i = 0; i < from.byteSize(); i++) {
                from.set(ValueLayout.JAVA_BYTE, i, (byte) i);
            }
            MemorySegment to = arena.allocate((long) rowBytes * rows);
            Rows.copy(from, rowBytes + 20, to, rowBytes, rowBytes, rows, PixelFormat.BGRX);
            for (int row = 0; row < rows; row++) {
                for (int b = 0; b < rowBytes; b++) {
                    assertEquals(from.get(ValueLayout.JAVA_BYTE, (long) row * (rowBytes + 20) + b),
                            to.get(ValueLayout.JAVA_BYTE, (long) row * rowBytes + b), "row " + row + " byte " + b);
                }
            }
            MemorySegment same = arena.allocate(to.byteSize());
            Rows.copy(to, rowBytes, same, rowBytes, rowBytes, rows, PixelFormat.BGRX);
            assertEquals(-1, same.mismatch(to), "equal pitches copy as one block");
        }
    }
}
