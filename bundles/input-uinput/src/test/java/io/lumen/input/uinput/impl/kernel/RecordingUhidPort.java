package io.lumen.input.uinput.impl.kernel;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** A uhid port that keeps every event written and hands out queued events to read, as the kernel would. */
public final class RecordingUhidPort implements UhidPort {

    public final List<byte[]> written = new ArrayList<>();
    public final ArrayDeque<byte[]> toRead = new ArrayDeque<>();
    public boolean closed;
    /** Writes of this uhid event type fail, or -1 for none. */
    public int failing = -1;

    @Override
    public void write(MemorySegment event) throws IOException {
        if (closed) {
            throw new IOException("port closed");
        }
        byte[] bytes = event.toArray(ValueLayout.JAVA_BYTE);
        if (type(bytes) == failing) {
            throw new IOException("uhid event " + failing + " refused by the test");
        }
        written.add(bytes);
    }

    @Override
    public int read(MemorySegment into) {
        byte[] next = toRead.poll();
        if (next == null) {
            return 0;
        }
        MemorySegment.copy(MemorySegment.ofArray(next), 0, into, 0, next.length);
        return next.length;
    }

    @Override
    public int pollDescriptor() {
        return -1;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The type of a uhid_event, read independently of the code under test (little-endian u32 at 0). */
    public static int type(byte[] event) {
        return ByteBuffer.wrap(event).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    }

    /** The input reports written as UHID_INPUT2 (u16 size at 4, data at 6), in order. */
    public List<byte[]> inputReports() {
        List<byte[]> reports = new ArrayList<>();
        for (byte[] event : written) {
            if (type(event) == 12) {
                ByteBuffer buffer = ByteBuffer.wrap(event).order(ByteOrder.LITTLE_ENDIAN);
                int size = Short.toUnsignedInt(buffer.getShort(4));
                reports.add(java.util.Arrays.copyOfRange(event, 6, 6 + size));
            }
        }
        return reports;
    }
}
