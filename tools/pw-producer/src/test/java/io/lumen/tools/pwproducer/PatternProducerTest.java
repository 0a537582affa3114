package io.lumen.tools.pwproducer;

import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.capture.FrameSink;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.pipewire.impl.PipeWireCaptureBackend;
import io.lumen.capture.pipewire.impl.ffm.PipeWire;
import io.lumen.capture.pipewire.impl.ffm.PwRemote;
import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.testkit.pipewire.PipeWireDaemon;
import io.lumen.testkit.capture.RecordingFrameSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The pattern producer against a real daemon, captured by lumen's real PipeWire capture backend. */
class PatternProducerTest {

    private static final VideoMode MODE = new VideoMode(640, 360, 30);

    private static PipeWireDaemon daemon() throws Exception {
        assumeTrue(PipeWireDaemon.skipReason(true).isEmpty(), () -> PipeWireDaemon.skipReason(true).orElse(""));
        return PipeWireDaemon.start(true);
    }

    private static CaptureSession capture(PipeWireDaemon daemon, String node, FrameSink sink) throws Exception {
        PipeWireCaptureBackend backend = new PipeWireCaptureBackend();
        backend.configure(daemon.socket().toString(), "5000", null, false);
        return backend.open(new CaptureRequest(MODE, Set.of(PixelFormat.BGRX), 0,
                Map.of(CaptureRequest.TARGET, node)), sink);
    }

    private static PatternProducer producer(PipeWireDaemon daemon, String node, BufferMemory memory) throws Exception {
        PatternProducer producer = new PatternProducer(PipeWire.system(), PwRemote.socket(daemon.socket()), node, MODE,
                memory);
        producer.awaitInGraph(Duration.ofSeconds(10));
        return producer;
    }

    @ParameterizedTest
    @EnumSource(BufferMemory.class)
    void theCaptureGetsTheProducersFramesInOrderInItsBuffersWithItsTimestamps(BufferMemory memory) throws Exception {
        String node = "lumen-test-pattern-" + memory;
        try (PipeWireDaemon daemon = daemon();
             PatternProducer producer = producer(daemon, node, memory)) {
            RecordingFrameSink sink = new RecordingFrameSink();
            try (CaptureSession capture = capture(daemon, node, sink)) {
                long previous = -1;
                for (int i = 0; i < 30; i++) {
                    Frame frame = sink.frames.poll(10, TimeUnit.SECONDS);
                    assertNotNull(frame, "frame " + i + " never came: " + capture.stats() + ", producer "
                            + producer.counts() + " " + producer.state());
                    try {
                        FrameStamp stamp = BgrxStamp.read(frame).orElseThrow(
                                () -> new AssertionError("frame " + frame + " carries no readable stamp"));
                        assertTrue(stamp.counter() > previous, "counter " + stamp.counter() + " after " + previous);
                        previous = stamp.counter();
                        OptionalLong pts = producer.ptsOf(stamp.counter());
                        assertTrue(pts.isPresent(), "the producer never stamped frame " + stamp.counter());
                        assertEquals(pts.getAsLong(), frame.captureNanos(),
                                "the frame's capture time is the pts the producer put in its header");
                    } finally {
                        frame.release();
                    }
                }
                Map<String, Object> stats = capture.stats();
                assertEquals(memory.spaName(), stats.get("buffer type"), stats.toString());
                // PipeWire maps shared memory; a DMA-BUF it passes on unmapped, as a GPU's, and lumen maps the fd
                assertEquals(memory == BufferMemory.DMABUF ? "lumen (mmap of the buffer's fd)" : "PipeWire",
                        stats.get("mapped by"), stats.toString());
                assertEquals("the producer's (buffer header)", stats.get("frame times"), stats.toString());
                assertTrue(sink.ended.getNow("").isEmpty(), "ended while streaming: " + sink.ended.getNow(""));
            }
            assertTrue(producer.counts().produced() >= 30, producer.counts().toString());
        }
    }

    @Test
    void aProducerThatStopsMidSessionEndsTheCaptureWithAReason() throws Exception {
        String node = "lumen-test-pattern-stops";
        try (PipeWireDaemon daemon = daemon()) {
            PatternProducer producer = producer(daemon, node, BufferMemory.MEMFD);
            RecordingFrameSink sink = new RecordingFrameSink();
            try (CaptureSession capture = capture(daemon, node, sink)) {
                Frame first = sink.frames.poll(10, TimeUnit.SECONDS);
                assertNotNull(first, "no frame before the producer stopped: " + capture.stats());
                first.release();
                producer.close();
                String reason = sink.ended.get(10, TimeUnit.SECONDS);
                assertTrue(reason.contains("left the graph") || reason.contains("missing or gone"), reason);
            } finally {
                producer.close();
                sink.frames.forEach(Frame::release);
            }
        }
    }
}
