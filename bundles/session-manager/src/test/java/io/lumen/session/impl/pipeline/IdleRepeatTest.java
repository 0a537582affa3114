package io.lumen.session.impl.pipeline;

import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.VideoMode;
import io.lumen.api.session.StreamRequest;
import io.lumen.session.impl.backend.Backends;
import io.lumen.session.impl.backend.Registration;
import io.lumen.testkit.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/** A whole session pipeline whose capture goes idle, as a damage-driven desktop does, and comes back. */
class IdleRepeatTest {

    /** One picture the session sent: its number, the source frame it shows, and whether the encoder skipped. */
    private record Picture(long number, long sequence, boolean skip, boolean keyframe) {
    }

    private final Backends backends = new Backends();
    private final TickingCapture capture = new TickingCapture("ticks");
    private final TaggingEncoder encoder = new TaggingEncoder("tags");
    private final List<Picture> sent = new CopyOnWriteArrayList<>();
    private SessionPipeline pipeline;

    private void start(PipelineSettings settings) {
        backends.captures().put(new Registration<>(capture, "ticks", 0, 1, "test", io.lumen.api.backend.Probe::ok, List::of));
        backends.encoders().put(new Registration<>(encoder, "tags", 0, 2, "test", io.lumen.api.backend.Probe::ok, List::of));
        pipeline = new SessionPipeline("idle", StreamRequest.of("test", new VideoMode(64, 48, 60), 5000),
                this::record, null, null, backends, settings, System.getLogger("test"), p -> { });
        pipeline.start();
    }

    private void record(AccessUnit unit) {
        String[] tag = new String(unit.data().toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII).split(":");
        sent.add(new Picture(unit.frameNumber(), Long.parseLong(tag[1]), tag.length > 2, unit.keyframe()));
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        assertTrue(Poll.until(Duration.ofSeconds(10), condition), "timed out waiting for " + what);
    }

    /** The stats count a repeat once the sink has it: a reader may be one ahead of them. */
    private void awaitCount(String stat, long atLeast) {
        await(stat + " >= " + atLeast, () -> pipeline.stats().captureStats().get(stat) instanceof Long n && n >= atLeast);
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.stop();
            assertEquals(0, capture.outstanding.get(), "every frame went back to the capture, the held one too");
        }
    }

    /** Runs until pictures flow, then idles the capture until {@code repeats} pictures came without a new frame. */
    private long idleFor(int repeats) {
        await("pictures", () -> sent.size() >= 3);
        capture.idle = true;
        // the frame in flight when the capture went idle may still arrive: wait for a repeat of a settled frame
        await("repeats", () -> sent.size() > repeats
                && sent.subList(sent.size() - repeats, sent.size()).stream()
                        .allMatch(p -> p.sequence() == sent.getLast().sequence()));
        return sent.getLast().sequence();
    }

    private static void assertInOrder(List<Picture> pictures) {
        for (int i = 0; i < pictures.size(); i++) {
            assertEquals(i, pictures.get(i).number(), "numbering goes on through repeats");
            assertTrue(i == 0 || pictures.get(i).sequence() >= pictures.get(i - 1).sequence(), "no reordering at " + i);
        }
    }

    @Test
    void anIdleCaptureIsRepeatedWithTheEncodersSkipAndANewFrameEndsIt() {
        encoder.skips = true;
        start(PipelineSettings.DEFAULTS);
        long last = idleFor(10);
        assertTrue(sent.getLast().skip(), "the encoder's own repeat is used");
        awaitCount("repeated while idle: encoder's own repeat", 10);
        assertEquals(0L, pipeline.stats().captureStats().get("repeated while idle: last frame encoded again"));
        capture.idle = false;
        await("a new frame", () -> sent.getLast().sequence() > last);
        assertInOrder(List.copyOf(sent));
    }

    @Test
    void withoutASkipTheLastFrameIsEncodedAgainAndAKeyframeRequestIsHonoured() {
        start(PipelineSettings.DEFAULTS);
        long last = idleFor(5);
        assertFalse(sent.getLast().skip());
        awaitCount("repeated while idle: last frame encoded again", 5);
        int before = sent.size();
        pipeline.requestKeyframe(); // a client that lost data, while nothing changes on screen
        await("a keyframe of the idle picture",
                () -> sent.subList(before, sent.size()).stream().anyMatch(p -> p.keyframe() && p.sequence() == last));
        assertInOrder(List.copyOf(sent));
    }

    @Test
    void aKeyframeRequestWhileSkippingEncodesTheHeldFrame() {
        encoder.skips = true;
        start(PipelineSettings.DEFAULTS);
        long last = idleFor(5);
        int before = sent.size();
        pipeline.requestKeyframe();
        await("a keyframe of the idle picture",
                () -> sent.subList(before, sent.size()).stream().anyMatch(p -> p.keyframe() && !p.skip()
                        && p.sequence() == last));
        await("skips again after the keyframe", () -> sent.getLast().skip());
    }

    @Test
    void aSlowEncoderDoesNotEncodeRepeatsThatWouldHoldUpNewFrames() {
        encoder.encodeMillis = 20; // more than half of the 16.7 ms interval at 60 fps
        start(PipelineSettings.DEFAULTS);
        await("pictures", () -> sent.size() >= 3);
        capture.idle = true;
        awaitCount("not repeated while idle: encoding again takes over half a frame interval", 5);
        long last = sent.getLast().sequence();
        int before = sent.size();
        pipeline.requestKeyframe(); // still answered: a client that lost data needs its keyframe
        await("a keyframe of the idle picture", () -> sent.subList(before, sent.size()).stream()
                .anyMatch(p -> p.keyframe() && p.sequence() == last));
        Object reencoded = pipeline.stats().captureStats().get("repeated while idle: last frame encoded again");
        assertTrue(reencoded instanceof Long n && n <= 1, "only the keyframe was encoded again: " + reencoded);
    }

    @Test
    void turnedOffAnIdleCaptureSendsNothing() {
        start(new PipelineSettings(100, false));
        await("pictures", () -> sent.size() >= 3);
        capture.idle = true;
        int settled = sent.size() + 1; // the frame in flight
        // the capture's thread keeps ticking while idle; a repeat would have come after 25 ms
        long ticksBefore = capture.idleTicks.get();
        await("ten idle ticks", () -> capture.idleTicks.get() >= ticksBefore + 10);
        assertTrue(sent.size() <= settled, "no repeats: " + sent.size() + " pictures, " + settled + " expected at most");
        assertFalse(pipeline.stats().captureStats().containsKey("repeated while idle: last frame encoded again"));
    }
}
