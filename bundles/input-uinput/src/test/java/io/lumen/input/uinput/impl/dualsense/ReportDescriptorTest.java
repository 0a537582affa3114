package io.lumen.input.uinput.impl.dualsense;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The descriptor parsed the way a HID parser does, into the report sizes hidraw readers rely on. */
class ReportDescriptorTest {

    /** Bits per "kind:id" ("input:1"), walking short items with the global report size, count and id. */
    private static Map<String, Integer> reportBits(byte[] d) {
        Map<String, Integer> bits = new TreeMap<>();
        int size = 0;
        int count = 0;
        int id = 0;
        for (int at = 0; at < d.length; ) {
            int prefix = d[at] & 0xFF;
            int length = prefix & 0x03;
            int value = 0;
            for (int i = 0; i < length; i++) {
                value |= (d[at + 1 + i] & 0xFF) << (8 * i);
            }
            switch (prefix & 0xFC) {
                case 0x74 -> size = value;
                case 0x94 -> count = value;
                case 0x84 -> id = value;
                case 0x80 -> bits.merge("input:" + id, size * count, Integer::sum);
                case 0x90 -> bits.merge("output:" + id, size * count, Integer::sum);
                case 0xB0 -> bits.merge("feature:" + id, size * count, Integer::sum);
                default -> { }
            }
            at += 1 + length;
        }
        return bits;
    }

    @Test
    void theDescriptorIsTheUsbDualSensesOwn() {
        byte[] d = ReportDescriptor.bytes();
        assertEquals(273, d.length);
        assertEquals("05010905a1018501", java.util.HexFormat.of().formatHex(d, 0, 8));
        assertEquals((byte) 0xC0, d[272]);
        Map<String, Integer> bits = reportBits(d);
        assertEquals(63 * 8, bits.get("input:1"), "64 bytes with the id, as the driver checks");
        assertEquals(47 * 8, bits.get("output:2"));
        assertEquals(40 * 8, bits.get("feature:5"));
        assertEquals(19 * 8, bits.get("feature:9"));
        assertEquals(63 * 8, bits.get("feature:32"));
        assertEquals(22, bits.size(), "one input, one output, 20 feature reports");
    }
}
