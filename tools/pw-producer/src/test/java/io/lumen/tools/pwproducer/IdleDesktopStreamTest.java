package io.lumen.tools.pwproducer;

import io.lumen.api.backend.Probe;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.AccessUnitSink;
import io.lumen.api.media.Codec;
import io.lumen.api.media.VideoMode;
import io.lumen.api.session.StreamRequest;
import io.lumen.capture.pipewire.impl.PipeWireCaptureBackend;
import io.lumen.capture.pipewire.impl.ffm.PipeWire;
import io.lumen.capture.pipewire.impl.ffm.PwRemote;
import io.lumen.encode.java.impl.JavaH264EncoderBackend;
import io.lumen.encode.libav.impl.X264Backend;
import io.lumen.session.impl.backend.Backends;
import io.lumen.session.impl.backend.Registration;
import io.lumen.session.impl.pipeline.PipelineSettings;
import io.lumen.session.impl.pipeline.SessionPipeline;
import io.lumen.testkit.DecodedVideo;
import io.lumen.testkit.FfmpegDecoder;
import io.lumen.testkit.Poll;
import io.lumen.testkit.StampTrack;
import io.lumen.testkit.pipewire.PipeWireDaemon;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A whole session (lumen's PipeWire capture, the session pipeline, a real encoder) on a producer that stops sending
 * frames, as a compositor does while the desktop is still: the client keeps getting pictures, the repeats show the
 * last frame and decode, and the stream goes on when frames come again.
 */
class IdleDesktopStreamTest {

    private static final VideoMode MODE = new VideoMode(320, 180, 30);
    private static final String OWN_REPEATS = "repeated while idle: encoder's own repeat";

    static Stream<EncoderBackend> encoders() {
        return Stream.of(new JavaH264EncoderBackend(), new X264Backend());
    }

    /** What the session sent: the stream's bytes and how many pictures. */
    private static final class Client implements AccessUnitSink {
        private final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        private int pictures;

        @Override
        public synchronized void accept(AccessUnit unit) {
            stream.writeBytes(unit.data().toArray(ValueLayout.JAVA_BYTE));
            pictures++;
        }

        synchronized int pictures() {
            return pictures;
        }

        synchronized byte[] bytes() {
            return stream.toByteArray();
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        assertTrue(Poll.until(Duration.ofSeconds(20), condition), "timed out waiting for " + what);
    }

    private static long count(SessionPipeline session, String stat) {
        return session.stats().captureStats().get(stat) instanceof Long n ? n : 0;
    }

    @ParameterizedTest
    @MethodSource("encoders")
    void anIdleProducerStillGivesTheClientPicturesOfTheLastFrame(EncoderBackend encoder, @TempDir Path dir)
            throws Exception {
        assumeTrue(encoder.probe().available(), () -> encoder.id() + " cannot run here: " + encoder.probe());
        assumeTrue(PipeWireDaemon.skipReason(true).isEmpty(), () -> PipeWireDaemon.skipReason(true).orElse(""));
        String node = "lumen-idle-desktop-" + encoder.id();
        try (PipeWireDaemon daemon = PipeWireDaemon.start(true);
             PatternProducer producer = new PatternProducer(PipeWire.system(), PwRemote.socket(daemon.socket()), node,
                     MODE, BufferMemory.MEMFD)) {
            producer.awaitInGraph(Duration.ofSeconds(10));
            PipeWireCaptureBackend capture = new PipeWireCaptureBackend();
            capture.configure(daemon.socket().toString(), "5000", null, false);
            Backends backends = new Backends();
            backends.captures().put(new Registration<>(capture, "pipewire", 0, 1, "test", Probe::ok, List::of));
            backends.encoders().put(new Registration<>(encoder, encoder.id(), 0, 2, "test", Probe::ok, List::of));
            Client client = new Client();
            SessionPipeline session = new SessionPipeline("idle", new StreamRequest("test", MODE, Codec.H264, 2000, 1,
                    false, Map.of(CaptureRequest.TARGET, node)), client, null, null, backends, PipelineSettings.DEFAULTS,
                    System.getLogger("test"), s -> { });
            session.start();
            try {
                await("pictures from the producer", () -> client.pictures() >= 10);
                producer.idle(true);
                long produced = producer.counts().produced();
                // a repeat is due 1.5 intervals after the last frame: 30 pictures is a second of an idle desktop
                await("30 repeats", () -> count(session, OWN_REPEATS) >= 30);
                assertEquals(produced, producer.counts().produced(), "the producer sent nothing while idle");
                producer.idle(false);
                int beforeFrames = client.pictures();
                await("new frames", () -> session.stats().framesCaptured() >= produced + 10
                        && client.pictures() >= beforeFrames + 10);
            } finally {
                session.stop();
            }
            assertEquals(0, count(session, "repeated while idle: last frame encoded again"),
                    "no keyframe was asked, so every repeat was the encoder's own");
            Path file = dir.resolve("idle.h264");
            Files.write(file, client.bytes());
            DecodedVideo video = FfmpegDecoder.decode(file, "h264");
            List<Long> counters = StampTrack.of(video).counters();
            assertEquals(client.pictures(), video.count(), "every picture sent decodes, repeats included");
            assertEquals(video.count(), counters.size(), "every picture carries the pattern's stamp");
            int longestRun = 1;
            for (int i = 1, run = 1; i < counters.size(); i++) {
                assertTrue(counters.get(i) >= counters.get(i - 1), "picture " + i + " goes back: " + counters);
                run = counters.get(i).equals(counters.get(i - 1)) ? run + 1 : 1;
                longestRun = Math.max(longestRun, run);
            }
            assertTrue(longestRun > 30, "the idle stretch shows one frame over and over: " + longestRun + " pictures");
        }
    }
}
