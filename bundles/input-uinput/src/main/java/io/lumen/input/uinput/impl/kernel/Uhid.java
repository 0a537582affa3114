package io.lumen.input.uinput.impl.kernel;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * struct uhid_event of linux/uhid.h: a u32 type, then a packed union of requests, little-endian as the kernel reads
 * it on x86-64 and AArch64. The layouts exist so the offsets are named once and checked against the C compiler; the
 * encoders write only the bytes up to the end of what each request needs, because the kernel zero-fills the rest of
 * a short write (and says so by returning the full count).
 */
public final class Uhid {

    private Uhid() {
    }

    public static final int DESTROY = 1;
    public static final int START = 2;
    public static final int STOP = 3;
    public static final int OPEN = 4;
    public static final int CLOSE = 5;
    public static final int OUTPUT = 6;
    public static final int GET_REPORT = 9;
    public static final int GET_REPORT_REPLY = 10;
    public static final int CREATE2 = 11;
    public static final int INPUT2 = 12;
    public static final int SET_REPORT = 13;
    public static final int SET_REPORT_REPLY = 14;

    /** enum uhid_report_type. */
    public static final int FEATURE_REPORT = 0;
    public static final int OUTPUT_REPORT = 1;
    public static final int INPUT_REPORT = 2;

    /** UHID_DATA_MAX and HID_MAX_DESCRIPTOR_SIZE. */
    public static final int DATA_MAX = 4096;
    public static final int DESCRIPTOR_MAX = 4096;

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;

    private static MemoryLayout bytes(int count) {
        return MemoryLayout.sequenceLayout(count, JAVA_BYTE);
    }

    public static final StructLayout CREATE2_REQ = MemoryLayout.structLayout(
            bytes(128).withName("name"), bytes(64).withName("phys"), bytes(64).withName("uniq"),
            U16.withName("rd_size"), U16.withName("bus"), U32.withName("vendor"), U32.withName("product"),
            U32.withName("version"), U32.withName("country"), bytes(DESCRIPTOR_MAX).withName("rd_data"));

    public static final StructLayout INPUT2_REQ = MemoryLayout.structLayout(
            U16.withName("size"), bytes(DATA_MAX).withName("data"));

    public static final StructLayout OUTPUT_REQ = MemoryLayout.structLayout(
            bytes(DATA_MAX).withName("data"), U16.withName("size"), JAVA_BYTE.withName("rtype"));

    public static final StructLayout GET_REPORT_REQ = MemoryLayout.structLayout(
            U32.withName("id"), JAVA_BYTE.withName("rnum"), JAVA_BYTE.withName("rtype"));

    public static final StructLayout GET_REPORT_REPLY_REQ = MemoryLayout.structLayout(
            U32.withName("id"), U16.withName("err"), U16.withName("size"), bytes(DATA_MAX).withName("data"));

    public static final StructLayout SET_REPORT_REQ = MemoryLayout.structLayout(
            U32.withName("id"), JAVA_BYTE.withName("rnum"), JAVA_BYTE.withName("rtype"), U16.withName("size"),
            bytes(DATA_MAX).withName("data"));

    public static final StructLayout SET_REPORT_REPLY_REQ = MemoryLayout.structLayout(
            U32.withName("id"), U16.withName("err"));

    public static final StructLayout START_REQ = MemoryLayout.structLayout(U64.withName("dev_flags"));

    /**
     * The union is its largest member, uhid_create2_req (4372 bytes), rounded up to the 8-byte alignment of
     * uhid_start_req's u64: the union itself is not packed, only the event around it, so an event is 4380 bytes.
     */
    public static final StructLayout EVENT = MemoryLayout.structLayout(
            U32.withName("type"), CREATE2_REQ.withName("u"), MemoryLayout.paddingLayout(4));

    public static final long UNION = Structs.offset(EVENT, "u");
    public static final long EVENT_SIZE = EVENT.byteSize();

    /** EIO, the error a reply carries for a report this device does not have. */
    public static final int EIO = 5;

    public static int type(MemorySegment event) {
        return event.get(U32, 0);
    }

    /**
     * UHID_CREATE2 with the device's identity and report descriptor; returns the bytes to write. Names are cut to
     * fit their fields with the terminating NUL.
     */
    public static MemorySegment create2(MemorySegment event, DeviceId id, String name, String phys, String uniq,
                                        byte[] descriptor) {
        if (descriptor.length == 0 || descriptor.length > DESCRIPTOR_MAX) {
            throw new IllegalArgumentException("report descriptor of " + descriptor.length + " bytes");
        }
        event.fill((byte) 0);
        event.set(U32, 0, CREATE2);
        putString(event, UNION + Structs.offset(CREATE2_REQ, "name"), 128, name);
        putString(event, UNION + Structs.offset(CREATE2_REQ, "phys"), 64, phys);
        putString(event, UNION + Structs.offset(CREATE2_REQ, "uniq"), 64, uniq);
        event.set(U16, UNION + Structs.offset(CREATE2_REQ, "rd_size"), (short) descriptor.length);
        event.set(U16, UNION + Structs.offset(CREATE2_REQ, "bus"), (short) id.bus());
        event.set(U32, UNION + Structs.offset(CREATE2_REQ, "vendor"), id.vendor());
        event.set(U32, UNION + Structs.offset(CREATE2_REQ, "product"), id.product());
        event.set(U32, UNION + Structs.offset(CREATE2_REQ, "version"), id.version());
        long data = UNION + Structs.offset(CREATE2_REQ, "rd_data");
        MemorySegment.copy(descriptor, 0, event, JAVA_BYTE, data, descriptor.length);
        return event.asSlice(0, data + descriptor.length);
    }

    /** UHID_INPUT2 carrying one input report (its report id first). */
    public static MemorySegment input2(MemorySegment event, byte[] report) {
        event.set(U32, 0, INPUT2);
        event.set(U16, UNION + Structs.offset(INPUT2_REQ, "size"), (short) report.length);
        long data = UNION + Structs.offset(INPUT2_REQ, "data");
        MemorySegment.copy(report, 0, event, JAVA_BYTE, data, report.length);
        return event.asSlice(0, data + report.length);
    }

    /** UHID_GET_REPORT_REPLY: {@code report} (its id first) for request {@code id}, or {@code err} with no data. */
    public static MemorySegment getReportReply(MemorySegment event, int id, int err, byte[] report) {
        event.set(U32, 0, GET_REPORT_REPLY);
        event.set(U32, UNION + Structs.offset(GET_REPORT_REPLY_REQ, "id"), id);
        event.set(U16, UNION + Structs.offset(GET_REPORT_REPLY_REQ, "err"), (short) err);
        event.set(U16, UNION + Structs.offset(GET_REPORT_REPLY_REQ, "size"), (short) report.length);
        long data = UNION + Structs.offset(GET_REPORT_REPLY_REQ, "data");
        MemorySegment.copy(report, 0, event, JAVA_BYTE, data, report.length);
        return event.asSlice(0, data + report.length);
    }

    public static MemorySegment setReportReply(MemorySegment event, int id, int err) {
        event.set(U32, 0, SET_REPORT_REPLY);
        event.set(U32, UNION + Structs.offset(SET_REPORT_REPLY_REQ, "id"), id);
        event.set(U16, UNION + Structs.offset(SET_REPORT_REPLY_REQ, "err"), (short) err);
        return event.asSlice(0, UNION + SET_REPORT_REPLY_REQ.byteSize());
    }

    public static MemorySegment destroy(MemorySegment event) {
        event.set(U32, 0, DESTROY);
        return event.asSlice(0, 4);
    }

    /** The bytes of a UHID_OUTPUT report (its report id first, the device numbers its reports). */
    public static byte[] outputData(MemorySegment event) {
        int size = Math.min(Short.toUnsignedInt(event.get(U16, UNION + Structs.offset(OUTPUT_REQ, "size"))),
                DATA_MAX);
        return event.asSlice(UNION + Structs.offset(OUTPUT_REQ, "data"), size).toArray(JAVA_BYTE);
    }

    public static int outputReportType(MemorySegment event) {
        return Byte.toUnsignedInt(event.get(JAVA_BYTE, UNION + Structs.offset(OUTPUT_REQ, "rtype")));
    }

    /** The id the kernel waits to see in the reply, for UHID_GET_REPORT and UHID_SET_REPORT alike. */
    public static int requestId(MemorySegment event) {
        return event.get(U32, UNION);
    }

    /** The report number of a UHID_GET_REPORT or UHID_SET_REPORT (both keep it after the id). */
    public static int reportNumber(MemorySegment event) {
        return Byte.toUnsignedInt(event.get(JAVA_BYTE, UNION + Structs.offset(GET_REPORT_REQ, "rnum")));
    }

    public static int reportType(MemorySegment event) {
        return Byte.toUnsignedInt(event.get(JAVA_BYTE, UNION + Structs.offset(GET_REPORT_REQ, "rtype")));
    }

    private static void putString(MemorySegment event, long at, int field, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, field - 1);
        while (length < bytes.length && length > 0 && (bytes[length] & 0xC0) == 0x80) {
            length--;
        }
        MemorySegment.copy(bytes, 0, event, JAVA_BYTE, at, length);
    }
}
