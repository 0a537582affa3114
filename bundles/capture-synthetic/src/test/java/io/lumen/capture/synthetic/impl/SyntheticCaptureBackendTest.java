package io.lumen.capture.synthetic.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.capture.synthetic.pattern.StampCodec;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

class SyntheticCaptureBackendTest {

    private final SyntheticCaptureBackend backend = new SyntheticCaptureBackend();

    private static CaptureRequest request(Set<PixelFormat> formats, long first) {
        return new CaptureRequest(new VideoMode(160, 90, 120), formats, first, Map.of());
    }

    @Test
    void framesArriveInSequenceFromTheRequestedStartCarryingTheirStamp() throws Exception {
        LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        try (CaptureSession session = backend.open(request(Set.of(PixelFormat.I420, PixelFormat.RGBX), 1000), frames::add)) {
            long expected = 1000;
            for (int i = 0; i < 10; i++) {
                Frame frame = frames.poll(5, TimeUnit.SECONDS);
                assertNotNull(frame, "a frame arrives");
                assertEquals(expected++, frame.sequence());
                assertEquals(PixelFormat.RGBX, frame.format(), "packed formats are preferred");
                frame.release();
            }
            assertTrue((Long) session.stats().get("frames delivered") >= 10);
        }
        frames.forEach(Frame::release);
    }

    @Test
    void theSizeOptionPaintsThatSizeWhateverTheClientAsked() throws Exception {
        LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        CaptureRequest request = new CaptureRequest(new VideoMode(160, 90, 120), Set.of(PixelFormat.BGRX), 5,
                Map.of(SyntheticCaptureBackend.SIZE_OPTION, "256x144"));
        try (CaptureSession ignored = backend.open(request, frames::add)) {
            Frame frame = frames.poll(5, TimeUnit.SECONDS);
            assertNotNull(frame, "a frame arrives");
            assertEquals(256, frame.width());
            assertEquals(144, frame.height());
            frame.release();
        }
        frames.forEach(Frame::release);
        for (String bad : List.of("wide", "256x", "0x144", "99999x144", "256x144x2")) {
            CaptureRequest refused = new CaptureRequest(new VideoMode(160, 90, 120), Set.of(PixelFormat.BGRX), 0,
                    Map.of(SyntheticCaptureBackend.SIZE_OPTION, bad));
            assertThrows(BackendException.class, () -> backend.open(refused, Frame::release), bad);
        }
    }

    @Test
    void theStampInTheI420PictureIsTheFrameSequence() throws Exception {
        LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        try (CaptureSession ignored = backend.open(request(Set.of(PixelFormat.I420), 77), frames::add)) {
            Frame frame = frames.poll(5, TimeUnit.SECONDS);
            FrameStamp stamp = StampCodec.read(frame.data(), 0, frame.stride(), frame.width(), frame.height()).orElseThrow();
            assertEquals(77, stamp.counter());
            frame.release();
        }
        frames.forEach(Frame::release);
    }

    @Test
    void aConsumerHoldingEveryBufferMakesTheCaptureDropAndCountAndReleaseResumesIt() throws Exception {
        LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        try (CaptureSession session = backend.open(request(Set.of(PixelFormat.BGRX), 0), frames::add)) {
            List<Frame> held = new ArrayList<>();
            while (held.size() < SyntheticCaptureSession.POOL_SIZE) {
                held.add(frames.poll(5, TimeUnit.SECONDS));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while ((Long) session.stats().get("frames not painted: consumer held every buffer") == 0) {
                assertTrue(System.nanoTime() < deadline, "the capture notices the pool is empty");
                Thread.sleep(5);
            }
            assertTrue(frames.isEmpty(), "no frame without a buffer");
            held.forEach(Frame::release);
            Frame next = frames.poll(5, TimeUnit.SECONDS);
            assertNotNull(next, "released buffers are reused");
            assertTrue(next.sequence() >= SyntheticCaptureSession.POOL_SIZE);
            next.release();
        }
    }

    @Test
    void closeStopsDeliveryAndTheMemoryGoesOnlyAfterTheLastRelease() throws Exception {
        LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        AtomicReference<Thread> painter = new AtomicReference<>();
        SyntheticCaptureSession session = (SyntheticCaptureSession) backend.open(request(Set.of(PixelFormat.BGRX), 0),
                frame -> {
                    painter.set(Thread.currentThread());
                    frames.add(frame);
                });
        Frame kept = frames.poll(5, TimeUnit.SECONDS);
        assertNotNull(kept);
        session.close();
        frames.forEach(Frame::release);
        frames.clear();
        // the thread that delivers has ended: nothing can arrive from here on
        assertFalse(painter.get().isAlive(), "close ends the painting thread");
        assertTrue(frames.isEmpty(), "nothing arrives after close");
        assertFalse(session.memoryFreed(), "a frame still out keeps the memory");
        MemorySegment pixels = kept.data();
        assertEquals(pixels.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0), pixels.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0));
        kept.release();
        assertTrue(session.memoryFreed());
    }

    @Test
    void requestsItCannotServeAreClearErrors() {
        assertThrows(BackendException.class, () -> backend.open(request(Set.of(PixelFormat.NV12), 0), f -> { }));
        BackendException small = assertThrows(BackendException.class, () -> backend.open(
                new CaptureRequest(new VideoMode(32, 32, 30), Set.of(PixelFormat.BGRX), 0, Map.of()), f -> { }));
        assertTrue(small.getMessage().contains("at least"));
    }
}
