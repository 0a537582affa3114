package io.lumen.input.uinput.impl.kernel;

import io.lumen.nativeaccess.testing.CompiledValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** struct uhid_event and its requests against linux/uhid.h, byte for byte. */
class UhidAbiTest {

    /** The sizes, offsets and constants of linux/uhid.h as written out from the header, apart from the code. */
    private static Map<String, Long> expected() {
        Map<String, Long> abi = new LinkedHashMap<>();
        // 4 + 4372 (uhid_create2_req) + 4: the union is padded to the alignment of uhid_start_req's u64
        abi.put("sizeof(struct uhid_event)", 4380L);
        abi.put("offsetof(struct uhid_event, u)", 4L);
        abi.put("sizeof(struct uhid_create2_req)", 4372L);
        abi.put("offsetof(struct uhid_create2_req, phys)", 128L);
        abi.put("offsetof(struct uhid_create2_req, uniq)", 192L);
        abi.put("offsetof(struct uhid_create2_req, rd_size)", 256L);
        abi.put("offsetof(struct uhid_create2_req, bus)", 258L);
        abi.put("offsetof(struct uhid_create2_req, vendor)", 260L);
        abi.put("offsetof(struct uhid_create2_req, product)", 264L);
        abi.put("offsetof(struct uhid_create2_req, version)", 268L);
        abi.put("offsetof(struct uhid_create2_req, country)", 272L);
        abi.put("offsetof(struct uhid_create2_req, rd_data)", 276L);
        abi.put("sizeof(struct uhid_input2_req)", 4098L);
        abi.put("offsetof(struct uhid_input2_req, data)", 2L);
        abi.put("sizeof(struct uhid_output_req)", 4099L);
        abi.put("offsetof(struct uhid_output_req, size)", 4096L);
        abi.put("offsetof(struct uhid_output_req, rtype)", 4098L);
        abi.put("sizeof(struct uhid_get_report_req)", 6L);
        abi.put("offsetof(struct uhid_get_report_req, rnum)", 4L);
        abi.put("offsetof(struct uhid_get_report_req, rtype)", 5L);
        abi.put("sizeof(struct uhid_get_report_reply_req)", 4104L);
        abi.put("offsetof(struct uhid_get_report_reply_req, err)", 4L);
        abi.put("offsetof(struct uhid_get_report_reply_req, size)", 6L);
        abi.put("offsetof(struct uhid_get_report_reply_req, data)", 8L);
        abi.put("sizeof(struct uhid_set_report_req)", 4104L);
        abi.put("offsetof(struct uhid_set_report_req, size)", 6L);
        abi.put("offsetof(struct uhid_set_report_req, data)", 8L);
        abi.put("sizeof(struct uhid_set_report_reply_req)", 6L);
        abi.put("UHID_DESTROY", 1L);
        abi.put("UHID_START", 2L);
        abi.put("UHID_STOP", 3L);
        abi.put("UHID_OPEN", 4L);
        abi.put("UHID_CLOSE", 5L);
        abi.put("UHID_OUTPUT", 6L);
        abi.put("UHID_GET_REPORT", 9L);
        abi.put("UHID_GET_REPORT_REPLY", 10L);
        abi.put("UHID_CREATE2", 11L);
        abi.put("UHID_INPUT2", 12L);
        abi.put("UHID_SET_REPORT", 13L);
        abi.put("UHID_SET_REPORT_REPLY", 14L);
        abi.put("UHID_FEATURE_REPORT", 0L);
        abi.put("UHID_OUTPUT_REPORT", 1L);
        abi.put("UHID_DATA_MAX", 4096L);
        abi.put("HID_MAX_DESCRIPTOR_SIZE", 4096L);
        abi.put("EIO", 5L);
        abi.put("EVIOCSFF", 0x40304580L);
        return abi;
    }

    /** The same names as the code under test has them. */
    private static Map<String, Long> fromJava() {
        Map<String, Long> abi = new LinkedHashMap<>();
        abi.put("sizeof(struct uhid_event)", Uhid.EVENT_SIZE);
        abi.put("offsetof(struct uhid_event, u)", Uhid.UNION);
        abi.put("sizeof(struct uhid_create2_req)", Uhid.CREATE2_REQ.byteSize());
        for (String field : new String[] {"phys", "uniq", "rd_size", "bus", "vendor", "product", "version",
                "country", "rd_data"}) {
            abi.put("offsetof(struct uhid_create2_req, " + field + ")", Structs.offset(Uhid.CREATE2_REQ, field));
        }
        abi.put("sizeof(struct uhid_input2_req)", Uhid.INPUT2_REQ.byteSize());
        abi.put("offsetof(struct uhid_input2_req, data)", Structs.offset(Uhid.INPUT2_REQ, "data"));
        abi.put("sizeof(struct uhid_output_req)", Uhid.OUTPUT_REQ.byteSize());
        abi.put("offsetof(struct uhid_output_req, size)", Structs.offset(Uhid.OUTPUT_REQ, "size"));
        abi.put("offsetof(struct uhid_output_req, rtype)", Structs.offset(Uhid.OUTPUT_REQ, "rtype"));
        abi.put("sizeof(struct uhid_get_report_req)", Uhid.GET_REPORT_REQ.byteSize());
        abi.put("offsetof(struct uhid_get_report_req, rnum)", Structs.offset(Uhid.GET_REPORT_REQ, "rnum"));
        abi.put("offsetof(struct uhid_get_report_req, rtype)", Structs.offset(Uhid.GET_REPORT_REQ, "rtype"));
        abi.put("sizeof(struct uhid_get_report_reply_req)", Uhid.GET_REPORT_REPLY_REQ.byteSize());
        abi.put("offsetof(struct uhid_get_report_reply_req, err)", Structs.offset(Uhid.GET_REPORT_REPLY_REQ, "err"));
        abi.put("offsetof(struct uhid_get_report_reply_req, size)",
                Structs.offset(Uhid.GET_REPORT_REPLY_REQ, "size"));
        abi.put("offsetof(struct uhid_get_report_reply_req, data)",
                Structs.offset(Uhid.GET_REPORT_REPLY_REQ, "data"));
        abi.put("sizeof(struct uhid_set_report_req)", Uhid.SET_REPORT_REQ.byteSize());
        abi.put("offsetof(struct uhid_set_report_req, size)", Structs.offset(Uhid.SET_REPORT_REQ, "size"));
        abi.put("offsetof(struct uhid_set_report_req, data)", Structs.offset(Uhid.SET_REPORT_REQ, "data"));
        abi.put("sizeof(struct uhid_set_report_reply_req)", Uhid.SET_REPORT_REPLY_REQ.byteSize());
        abi.put("UHID_DESTROY", (long) Uhid.DESTROY);
        abi.put("UHID_START", (long) Uhid.START);
        abi.put("UHID_STOP", (long) Uhid.STOP);
        abi.put("UHID_OPEN", (long) Uhid.OPEN);
        abi.put("UHID_CLOSE", (long) Uhid.CLOSE);
        abi.put("UHID_OUTPUT", (long) Uhid.OUTPUT);
        abi.put("UHID_GET_REPORT", (long) Uhid.GET_REPORT);
        abi.put("UHID_GET_REPORT_REPLY", (long) Uhid.GET_REPORT_REPLY);
        abi.put("UHID_CREATE2", (long) Uhid.CREATE2);
        abi.put("UHID_INPUT2", (long) Uhid.INPUT2);
        abi.put("UHID_SET_REPORT", (long) Uhid.SET_REPORT);
        abi.put("UHID_SET_REPORT_REPLY", (long) Uhid.SET_REPORT_REPLY);
        abi.put("UHID_FEATURE_REPORT", (long) Uhid.FEATURE_REPORT);
        abi.put("UHID_OUTPUT_REPORT", (long) Uhid.OUTPUT_REPORT);
        abi.put("UHID_DATA_MAX", (long) Uhid.DATA_MAX);
        abi.put("HID_MAX_DESCRIPTOR_SIZE", (long) Uhid.DESCRIPTOR_MAX);
        abi.put("EIO", (long) Uhid.EIO);
        abi.put("EVIOCSFF", RecordingPort.evioCsff());
        return abi;
    }

    @Test
    void layoutsHaveTheHeadersSizesAndOffsets() {
        assertEquals(expected(), fromJava());
    }

    @Test
    void create2CarriesIdentityAndDescriptorAndStopsAfterIt() {
        byte[] descriptor = {0x05, 0x01, (byte) 0xC0};
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment event = arena.allocate(Uhid.EVENT_SIZE);
            event.fill((byte) 0x55);
            byte[] bytes = Uhid.create2(event, new DeviceId(3, 0x054c, 0x0ce6, 0x0100), "pad", "lumen/s1/pad0",
                    "02:00:00:00:00:01", descriptor).toArray(ValueLayout.JAVA_BYTE);
            ByteBuffer want = ByteBuffer.allocate(280 + 3).order(ByteOrder.LITTLE_ENDIAN);
            want.putInt(0, 11);
            want.put(4, "pad".getBytes(StandardCharsets.US_ASCII));
            want.put(4 + 128, "lumen/s1/pad0".getBytes(StandardCharsets.US_ASCII));
            want.put(4 + 192, "02:00:00:00:00:01".getBytes(StandardCharsets.US_ASCII));
            want.putShort(260, (short) 3).putShort(262, (short) 3).putInt(264, 0x054c).putInt(268, 0x0ce6)
                    .putInt(272, 0x0100).putInt(276, 0);
            want.put(280, descriptor);
            assertArrayEquals(want.array(), bytes);
        }
    }

    @Test
    void namesAreCutToTheirFieldsWithATerminatingNul() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment event = arena.allocate(Uhid.EVENT_SIZE);
            byte[] bytes = Uhid.create2(event, new DeviceId(3, 1, 2, 3), "n".repeat(200), "p".repeat(70), "u",
                    new byte[] {1}).toArray(ValueLayout.JAVA_BYTE);
            assertEquals('n', bytes[4 + 126]);
            assertEquals(0, bytes[4 + 127], "name keeps its NUL");
            assertEquals(0, bytes[4 + 128 + 63], "phys keeps its NUL");
        }
    }

    @Test
    void input2AndRepliesAreCutAfterTheirData() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment event = arena.allocate(Uhid.EVENT_SIZE);
            byte[] input = Uhid.input2(event, new byte[] {1, 2, 3}).toArray(ValueLayout.JAVA_BYTE);
            assertArrayEquals(new byte[] {12, 0, 0, 0, 3, 0, 1, 2, 3}, input);

            event.fill((byte) 0);
            byte[] reply = Uhid.getReportReply(event, 0x01020304, 0, new byte[] {0x09, 7})
                    .toArray(ValueLayout.JAVA_BYTE);
            assertArrayEquals(new byte[] {10, 0, 0, 0, 4, 3, 2, 1, 0, 0, 2, 0, 0x09, 7}, reply);

            event.fill((byte) 0);
            byte[] refused = Uhid.getReportReply(event, 7, Uhid.EIO, new byte[0]).toArray(ValueLayout.JAVA_BYTE);
            assertArrayEquals(new byte[] {10, 0, 0, 0, 7, 0, 0, 0, 5, 0, 0, 0}, refused);

            byte[] setReply = Uhid.setReportReply(event, 9, 0).toArray(ValueLayout.JAVA_BYTE);
            assertArrayEquals(new byte[] {14, 0, 0, 0, 9, 0, 0, 0, 0, 0}, setReply);

            assertArrayEquals(new byte[] {1, 0, 0, 0}, Uhid.destroy(event).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void outputAndGetReportEventsAreReadWhereTheKernelPutsThem() {
        ByteBuffer output = ByteBuffer.allocate(4380).order(ByteOrder.LITTLE_ENDIAN);
        output.putInt(0, 6).put(4, (byte) 0x02).put(5, (byte) 0x11).putShort(4100, (short) 2).put(4102, (byte) 1);
        MemorySegment event = MemorySegment.ofArray(output.array());
        assertEquals(Uhid.OUTPUT, Uhid.type(event));
        assertArrayEquals(new byte[] {0x02, 0x11}, Uhid.outputData(event));
        assertEquals(Uhid.OUTPUT_REPORT, Uhid.outputReportType(event));

        ByteBuffer get = ByteBuffer.allocate(4380).order(ByteOrder.LITTLE_ENDIAN);
        get.putInt(0, 9).putInt(4, 77).put(8, (byte) 0x20).put(9, (byte) 0);
        event = MemorySegment.ofArray(get.array());
        assertEquals(77, Uhid.requestId(event));
        assertEquals(0x20, Uhid.reportNumber(event));
        assertEquals(Uhid.FEATURE_REPORT, Uhid.reportType(event));
    }

    /** The C compiler's answer from this machine's linux/uhid.h, when gcc and the headers are installed. */
    @Test
    void theCCompilerAgrees(@TempDir Path dir) throws IOException, InterruptedException {
        Map<String, Long> fromC = CompiledValues.of(dir, expected().keySet(), "errno.h", "linux/uhid.h");
        assertEquals(fromJava(), fromC);
    }
}
