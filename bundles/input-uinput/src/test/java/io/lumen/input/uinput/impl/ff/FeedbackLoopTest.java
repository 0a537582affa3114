package io.lumen.input.uinput.impl.ff;

import io.lumen.api.input.PadFeedback;
import io.lumen.api.input.PadFeedback.Rumble;
import io.lumen.input.uinput.impl.kernel.Codes;
import io.lumen.input.uinput.impl.kernel.FfEffect;
import io.lumen.input.uinput.impl.kernel.Ioctl;
import io.lumen.input.uinput.impl.kernel.Libc;
import io.lumen.input.uinput.impl.kernel.RecordingPort;
import io.lumen.input.uinput.impl.kernel.RecordingPort.Event;
import io.lumen.input.uinput.impl.kernel.Structs;
import io.lumen.input.uinput.impl.kernel.UinputPort;
import io.lumen.testkit.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The loop's thread, poll and timers on real descriptors: a pipe stands in for the pad's uinput fd (the kernel
 * side writes input_events into it), and the port plays the kernel's part of the ioctls.
 */
class FeedbackLoopTest {

    private static final long WAIT_MILLIS = 5000;

    private final Arena arena = Arena.ofShared();
    private final LinkedBlockingQueue<PadFeedback> sent = new LinkedBlockingQueue<>();
    private final List<Long> answered = new CopyOnWriteArrayList<>();
    private PipePort port;
    private FeedbackLoop loop;

    /** A pad whose requests arrive through a non-blocking pipe. */
    private final class PipePort implements UinputPort {
        final int readEnd;
        final int writeEnd;

        PipePort() throws IOException {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            Libc.Result made = Libc.pipe(fds, Libc.O_NONBLOCK | Libc.O_CLOEXEC);
            if (made.failed()) {
                throw new IOException("pipe2: " + made.error());
            }
            readEnd = fds.getAtIndex(ValueLayout.JAVA_INT, 0);
            writeEnd = fds.getAtIndex(ValueLayout.JAVA_INT, 1);
        }

        void kernelSends(Event... events) {
            byte[] bytes = RecordingPort.encode(events);
            try (Arena call = Arena.ofConfined()) {
                assertEquals(bytes.length, Libc.write(writeEnd, call.allocateFrom(ValueLayout.JAVA_BYTE, bytes),
                        bytes.length).value());
            }
        }

        @Override
        public void ioctl(long request, int argument) {
            answered.add(request);
        }

        @Override
        public void ioctl(long request, MemorySegment argument) {
            if (request == Ioctl.UI_BEGIN_FF_UPLOAD) {
                Structs.putEffect(argument, "effect", new FfEffect(Codes.FF_RUMBLE, 0, 150, 0, 0x4000, 0x2000));
            }
            answered.add(request);
        }

        @Override
        public void write(MemorySegment events) {
        }

        @Override
        public int read(MemorySegment into) throws IOException {
            Libc.Result read = Libc.read(readEnd, into, into.byteSize());
            if (read.failed()) {
                if (read.errno() == Libc.EAGAIN) {
                    return 0;
                }
                throw new IOException(read.error());
            }
            return read.asInt();
        }

        @Override
        public int pollDescriptor() {
            return readEnd;
        }

        @Override
        public void close() {
            Libc.close(readEnd);
            Libc.close(writeEnd);
        }
    }

    @AfterEach
    void tearDown() {
        if (loop != null) {
            loop.close();
        }
        if (port != null) {
            port.close();
        }
        arena.close();
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }

    @Test
    void anUploadedEffectRumblesThenStopsWhenItsLengthRunsOut() throws Exception {
        port = new PipePort();
        loop = FeedbackLoop.start("test rumble", FeedbackLoopTest::now);
        FfRequests pad = new FfRequests(port, new ForceFeedback(3, 16, sent::add));
        loop.add(pad);
        long start = now();
        port.kernelSends(new Event(Codes.EV_UINPUT, Codes.UI_FF_UPLOAD, 9), new Event(Codes.EV_FF, 0, 1));
        assertEquals(new Rumble(3, 0x4000, 0x2000), sent.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        assertEquals(List.of(Ioctl.UI_BEGIN_FF_UPLOAD, Ioctl.UI_END_FF_UPLOAD), answered);
        assertEquals(new Rumble(3, 0, 0), sent.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS), "the timer stops it");
        long took = now() - start;
        assertEquals(true, took >= 150, "stopped after " + took + " ms, before the effect's 150 ms ran out");
        pad.close();
    }

    @Test
    void aRemovedPadIsToldToStopAndNoLongerRead() throws Exception {
        port = new PipePort();
        loop = FeedbackLoop.start("test rumble", FeedbackLoopTest::now);
        FfRequests pad = new FfRequests(port, new ForceFeedback(1, 16, sent::add));
        loop.add(pad);
        port.kernelSends(new Event(Codes.EV_UINPUT, Codes.UI_FF_UPLOAD, 1), new Event(Codes.EV_FF, 0, 1));
        assertEquals(new Rumble(1, 0x4000, 0x2000), sent.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        loop.remove(pad);
        assertEquals(new Rumble(1, 0, 0), sent.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        answered.clear();
        port.kernelSends(new Event(Codes.EV_UINPUT, Codes.UI_FF_UPLOAD, 2));
        // a second pad whose request comes after: once it is answered, the loop has polled the first pipe too
        PipePort other = new PipePort();
        try {
            loop.add(new FfRequests(other, new ForceFeedback(2, 16, sent::add)));
            other.kernelSends(new Event(Codes.EV_UINPUT, Codes.UI_FF_UPLOAD, 3));
            // the assertion below shows what was answered if the second pad's answer never came
            Poll.until(Duration.ofMillis(WAIT_MILLIS), () -> answered.size() >= 2);
            assertEquals(List.of(Ioctl.UI_BEGIN_FF_UPLOAD, Ioctl.UI_END_FF_UPLOAD), answered,
                    "only the pad still plugged in is answered");
            assertNull(sent.poll());
        } finally {
            loop.close();
            loop = null;
            other.close();
        }
        pad.close();
    }
}
