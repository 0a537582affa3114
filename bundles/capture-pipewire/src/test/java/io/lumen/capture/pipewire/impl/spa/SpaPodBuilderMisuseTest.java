package io.lumen.capture.pipewire.impl.spa;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the builder refuses, since PipeWire would otherwise get a pod it misreads. */
class SpaPodBuilderMisuseTest {

    @Test
    void aValueInsideAnObjectNeedsAKey() {
        SpaPodBuilder builder = new SpaPodBuilder().pushObject(SpaType.OBJECT_FORMAT, SpaParam.ENUM_FORMAT);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> builder.writeInt(1));
        assertEquals("a value inside an object needs property(key, flags) first", e.getMessage());
        assertThrows(IllegalStateException.class, () -> new SpaPodBuilder().pushStruct().property(1, 0));
        assertThrows(IllegalStateException.class, () -> new SpaPodBuilder()
                .pushObject(SpaType.OBJECT_FORMAT, SpaParam.ENUM_FORMAT).property(1, 0).pop());
    }

    @Test
    void aChoiceHoldsOneFixedSizeTypeAndEnoughValues() {
        assertThrows(IllegalStateException.class, () -> new SpaPodBuilder().pushChoice(SpaChoiceType.ENUM, SpaType.INT).writeLong(1));
        assertThrows(IllegalStateException.class, () -> new SpaPodBuilder().pushArray(SpaType.INT).writeString("no"));
        assertThrows(IllegalArgumentException.class, () -> new SpaPodBuilder().pushChoice(SpaChoiceType.ENUM, SpaType.STRING));
        IllegalStateException shortRange = assertThrows(IllegalStateException.class,
                () -> new SpaPodBuilder().pushChoice(SpaChoiceType.RANGE, SpaType.INT).writeInt(1).writeInt(0).pop());
        assertEquals("Range choice needs at least 3 values, has 2", shortRange.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpaPod.ChoicePod(SpaChoiceType.STEP,
                List.of(new SpaPod.IntPod(1), new SpaPod.IntPod(1), new SpaPod.IntPod(1))));
        assertThrows(IllegalArgumentException.class, () -> new SpaPod.ArrayPod(SpaType.INT, List.of(new SpaPod.LongPod(1))));
    }

    @Test
    void bytesAreOnlyHandedOutOnceEveryContainerIsClosed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SpaPodBuilder().pushStruct().pushStruct().pop().toByteArray());
        assertEquals("1 container(s) still open", e.getMessage());
        assertThrows(IllegalStateException.class, () -> new SpaPodBuilder().pop());
    }

    @Test
    void aStringWithANulCannotBeWritten() {
        assertThrows(IllegalArgumentException.class, () -> new SpaPodBuilder().writeString("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> new SpaPod.StringPod("a\0b"));
    }

    @Test
    void theBufferGrowsPastItsFirstAllocation() throws SpaPodException {
        SpaPodBuilder builder = new SpaPodBuilder().pushArray(SpaType.LONG);
        for (long i = 0; i < 10_000; i++) {
            builder.writeLong(i);
        }
        SpaPod.ArrayPod array = (SpaPod.ArrayPod) SpaPodParser.parse(builder.pop().toByteArray());
        assertEquals(10_000, array.values().size());
        assertEquals(new SpaPod.LongPod(9_999), array.values().getLast());
    }
}
