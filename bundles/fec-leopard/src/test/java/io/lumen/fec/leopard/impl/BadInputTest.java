package io.lumen.fec.leopard.impl;

import io.lumen.api.fec.FecCodec;
import io.lumen.fec.leopard.impl.gf16.Leopard16Codec;
import io.lumen.fec.leopard.impl.gf16.VectorGf16Kernel;
import io.lumen.fec.leopard.impl.gf8.Rs8Codec;
import io.lumen.fec.leopard.impl.gf8.VectorGf8Kernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wrong counts, sizes and flags are a clear IllegalArgumentException, and leave the codec working. */
class BadInputTest {

    private final FecCodec rs8 = Rs8Codec.moonlight(VectorGf8Kernel.INSTANCE);
    private final FecCodec audio = Rs8Codec.moonlightAudio(VectorGf8Kernel.INSTANCE);
    private final FecCodec leopard = new Leopard16Codec(VectorGf16Kernel.INSTANCE);

    private static MemorySegment[] shards(int count, int size) {
        return Shards.segments(Shards.zeros(count, size));
    }

    private static void rejected(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "message \"" + e.getMessage() + "\" lacks \"" + expected + "\"");
    }

    @Test
    void countsOutsideTheLimits() {
        rejected("originals, must be 1..254", () -> rs8.encode(shards(0, 10), shards(2, 10)));
        rejected("at most 255", () -> rs8.encode(shards(200, 10), shards(56, 10)));
        rejected("recovery shards, must be 1..", () -> rs8.encode(shards(4, 10), shards(0, 10)));
        rejected("4 data + 2 parity", () -> audio.encode(shards(3, 10), shards(2, 10)));
        rejected("recovery <= originals", () -> leopard.encode(shards(3, 64), shards(4, 64)));
        rejected("at most 65536", () -> leopard.encode(shards(65000, 64), shards(600, 64)));
        rejected("NextPow2(600) + 64600 exceeds 65536", () -> leopard.encode(shards(64600, 64), shards(600, 64)));
        rejected("must not be null", () -> rs8.encode(null, shards(1, 10)));
    }

    @Test
    void sizesThatDoNotFit() {
        rejected("is 11 bytes, the shards are 10", () -> {
            MemorySegment[] data = shards(3, 10);
            data[2] = MemorySegment.ofArray(new byte[11]);
            rs8.encode(data, shards(2, 10));
        });
        rejected("recovery 1 is 9 bytes", () -> {
            MemorySegment[] parity = shards(2, 10);
            parity[1] = MemorySegment.ofArray(new byte[9]);
            rs8.encode(shards(3, 10), parity);
        });
        rejected("multiple of 64", () -> leopard.encode(shards(3, 100), shards(2, 100)));
        rejected("read-only", () -> rs8.encode(shards(3, 10),
                new MemorySegment[] {MemorySegment.ofArray(new byte[10]).asReadOnly()}));
    }

    @Test
    void flagsThatDoNotMatchTheShards() {
        rejected("one flag per original", () -> rs8.decode(shards(4, 8), new boolean[3], shards(2, 8), new boolean[2]));
        rejected("one flag per recovery", () -> leopard.decode(shards(4, 64), new boolean[] {true, true, true, true},
                shards(2, 64), new boolean[1]));
        rejected("recovery 0 is null", () -> rs8.decode(shards(4, 8), new boolean[] {false, true, true, true},
                new MemorySegment[] {null, null}, new boolean[] {true, false}));
        rejected("needs a buffer", () -> rs8.decode(new MemorySegment[] {null, MemorySegment.ofArray(new byte[8])},
                new boolean[] {false, true}, shards(1, 8), new boolean[] {true}));
    }

    @Test
    void tooManyErasures() {
        rejected("3 originals lost but only 2 recovery shards present", () -> leopard.decode(shards(10, 64),
                new boolean[] {false, false, false, true, true, true, true, true, true, true}, shards(3, 64),
                new boolean[] {true, false, true}));
    }

    @Test
    void aRejectedCallLeavesTheCodecWorking() {
        assertThrows(IllegalArgumentException.class, () -> leopard.encode(shards(3, 100), shards(2, 100)));
        byte[][] data = Xorshift32.shards(5, 4, 64);
        byte[][] parity = new byte[2][64];
        leopard.encode(Shards.segments(data), Shards.segments(parity));
        byte[][] received = Shards.copy(data);
        received[1] = new byte[64];
        leopard.decode(Shards.segments(received), new boolean[] {true, false, true, true}, Shards.segments(parity),
                new boolean[] {true, true});
        assertArrayEquals(data[1], received[1]);
    }
}
