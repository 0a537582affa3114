package io.lumen.protocol.moonlight.impl.control;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LostFramesTest {

    private static byte[] request(long first, long last) {
        return ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(first).putLong(last).putLong(0).array();
    }

    @Test
    void readsTheRangeAsTheClientWritesIt() throws ControlRejected {
        assertEquals(new LostFrames(40, 43), LostFrames.parse(request(40, 43)));
    }

    @Test
    void rejectsRuntsAndRangesNoClientSends() {
        assertEquals("runt", assertThrows(ControlRejected.class, () -> LostFrames.parse(new byte[15])).reason());
        assertEquals("range", assertThrows(ControlRejected.class, () -> LostFrames.parse(request(9, 8))).reason());
        assertEquals("range", assertThrows(ControlRejected.class, () -> LostFrames.parse(request(-1, 8))).reason());
        assertEquals("range", assertThrows(ControlRejected.class,
                () -> LostFrames.parse(request(1, 1L << 40))).reason());
    }
}
