package io.lumen.input.uinput.impl.kernel;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A uinput port that keeps what it is given instead of making system calls: every ioctl with the bytes of its
 * struct, every write. It answers UI_GET_SYSNAME, hands out queued bytes to read, and lets a test play the
 * kernel's part of a force-feedback request ({@link #kernel}).
 */
public final class RecordingPort implements UinputPort {

    public sealed interface Call permits IntIoctl, StructIoctl, Write {
    }

    public record IntIoctl(long request, int argument) implements Call {
    }

    public record StructIoctl(long request, byte[] bytes) implements Call {
    }

    public record Write(byte[] bytes) implements Call {
    }

    /** One decoded input_event. */
    public record Event(int type, int code, int value) {
        @Override
        public String toString() {
            return type + ":" + code + "=" + value;
        }
    }

    /** Plays the kernel for struct ioctls: fills what UI_BEGIN_FF_* would. */
    @FunctionalInterface
    public interface Kernel {
        void answer(long request, MemorySegment argument);
    }

    public final List<Call> calls = new ArrayList<>();
    public final ArrayDeque<byte[]> toRead = new ArrayDeque<>();
    public Kernel kernel = (request, argument) -> { };
    /** A request that fails with an IOException, or 0 for none. */
    public long failing;
    public boolean closed;

    @Override
    public void ioctl(long request, int argument) throws IOException {
        check(request);
        calls.add(new IntIoctl(request, argument));
    }

    @Override
    public void ioctl(long request, MemorySegment argument) throws IOException {
        check(request);
        if (request == Ioctl.getSysname(64)) {
            argument.setString(0, "input42");
        }
        kernel.answer(request, argument);
        calls.add(new StructIoctl(request, argument.toArray(ValueLayout.JAVA_BYTE)));
    }

    private void check(long request) throws IOException {
        if (closed) {
            throw new IOException("port closed");
        }
        if (request == failing) {
            throw new IOException("ioctl 0x" + Long.toHexString(request) + " refused by the test");
        }
    }

    @Override
    public void write(MemorySegment events) throws IOException {
        if (closed) {
            throw new IOException("port closed");
        }
        calls.add(new Write(events.toArray(ValueLayout.JAVA_BYTE)));
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

    /** Every event written, in order, decoded independently of the encoder (x86-64 little-endian layout). */
    public List<Event> events() {
        List<Event> events = new ArrayList<>();
        for (Call call : calls) {
            if (call instanceof Write write) {
                events.addAll(decode(write.bytes()));
            }
        }
        return events;
    }

    public static List<Event> decode(byte[] bytes) {
        if (bytes.length % 24 != 0) {
            throw new AssertionError(bytes.length + " bytes is not a whole number of input_events");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += 24) {
            if (buffer.getLong(at) != 0 || buffer.getLong(at + 8) != 0) {
                throw new AssertionError("event time should stay zero for the kernel to stamp");
            }
            events.add(new Event(Short.toUnsignedInt(buffer.getShort(at + 16)),
                    Short.toUnsignedInt(buffer.getShort(at + 18)), buffer.getInt(at + 20)));
        }
        return events;
    }

    /** Events read from a real event node: the kernel stamped them, so the time is skipped. */
    public static List<Event> decodeTimed(MemorySegment events) {
        List<Event> decoded = new ArrayList<>();
        for (int i = 0; i < events.byteSize() / 24; i++) {
            decoded.add(new Event(Structs.eventType(events, i), Structs.eventCode(events, i),
                    Structs.eventValue(events, i)));
        }
        return decoded;
    }

    /** Encodes events the way the kernel hands them to a uinput reader. */
    public static byte[] encode(Event... events) {
        ByteBuffer buffer = ByteBuffer.allocate(24 * events.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < events.length; i++) {
            buffer.putShort(i * 24 + 16, (short) events[i].type());
            buffer.putShort(i * 24 + 18, (short) events[i].code());
            buffer.putInt(i * 24 + 20, events[i].value());
        }
        return buffer.array();
    }

    /**
     * _IOW('E', 0x80, struct ff_effect): how a game uploads a rumble effect to an event node. Only tests play the
     * game's part; the C cross-check in UhidAbiTest holds it to linux/input.h.
     */
    public static long evioCsff() {
        return (1L << 30) | (Structs.FF_EFFECT.byteSize() << 16) | ('E' << 8) | 0x80;
    }

    public void clear() {
        calls.clear();
    }
}
