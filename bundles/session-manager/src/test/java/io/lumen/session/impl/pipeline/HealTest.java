package io.lumen.session.impl.pipeline;

import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.AccessUnit.Recovery;
import io.lumen.api.media.VideoMode;
import io.lumen.api.session.StreamRequest;
import io.lumen.encode.java.impl.JavaH264EncoderBackend;
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
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A session healing its client's lost pictures ({@code StreamSession.heal}) through the encoder in use: references
 * invalidated under the encoder's own numbers, a wave of intra refresh, or a keyframe, and the mark on the picture
 * that heals reaching the sink.
 */
class HealTest {

    /** One picture the sink got; {@code encoder} and {@code skip} from a tagging encoder's bytes ("" for a real one). */
    private record Picture(long number, String encoder, boolean skip, boolean keyframe, Recovery recovery) {
    }

    private static final VideoMode MODE = new VideoMode(64, 48, 200);

    private final Backends backends = new Backends();
    private final TickingCapture capture = new TickingCapture("ticks");
    private final List<Picture> sent = new CopyOnWriteArrayList<>();
    private long nextServiceId = 1;
    private SessionPipeline pipeline;

    private void register(EncoderBackend encoder, int ranking) {
        backends.encoders().put(new Registration<>(encoder, encoder.id(), ranking, nextServiceId++, "test",
                io.lumen.api.backend.Probe::ok, List::of));
    }

    private void start(boolean intraRefresh, PipelineSettings settings) {
        backends.captures().put(new Registration<>(capture, "ticks", 0, nextServiceId++, "test",
                io.lumen.api.backend.Probe::ok, List::of));
        StreamRequest request = StreamRequest.of("test", MODE, 5000).withIntraRefresh(intraRefresh);
        pipeline = new SessionPipeline("heal", request, this::record, null, null, backends, settings,
                System.getLogger("test"), p -> { });
        pipeline.start();
    }

    private void start(boolean intraRefresh) {
        start(intraRefresh, PipelineSettings.DEFAULTS);
    }

    private void record(AccessUnit unit) {
        byte[] bytes = unit.data().toArray(ValueLayout.JAVA_BYTE);
        String[] tag = bytes.length > 0 && bytes[0] != 0
                ? new String(bytes, StandardCharsets.US_ASCII).split(":") : new String[] {""};
        sent.add(new Picture(unit.frameNumber(), tag[0], tag.length > 2, unit.keyframe(), unit.recovery()));
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.stop();
            assertEquals(0, capture.outstanding.get(), "every frame went back to the capture");
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        Poll.every(Duration.ofMillis(2)).awaits(what, Duration.ofSeconds(10), condition);
    }

    private long stat(String name) {
        return pipeline.stats().captureStats().get(name) instanceof Long n ? n : 0;
    }

    /** Waits for a picture after {@code from} (an index into what was sent) marked {@code how}; returns it. */
    private Picture awaitMarked(int from, Recovery how) {
        await("a picture marked " + how, () -> sent.subList(from, sent.size()).stream()
                .anyMatch(p -> p.recovery() == how));
        return sent.subList(from, sent.size()).stream().filter(p -> p.recovery() == how).findFirst().orElseThrow();
    }

    private void assertNumbered() {
        List<Picture> all = List.copyOf(sent);
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i, all.get(i).number(), "session numbering goes on through heals");
        }
    }

    /** The picture numbers {@code encoder} gave session pictures {@code first} to {@code last}, "first-last". */
    private String ownNumbers(TaggingEncoder encoder, long first, long last) {
        List<Picture> all = List.copyOf(sent);
        List<Picture> mine = all.stream().filter(p -> p.encoder().equals(encoder.id)).toList();
        return encoder.numbers.get(mine.indexOf(all.get((int) first))) + "-"
                + encoder.numbers.get(mine.indexOf(all.get((int) last)));
    }

    private static TaggingEncoder invalidating(String id) {
        TaggingEncoder encoder = new TaggingEncoder(id);
        encoder.ownNumbers = true;
        encoder.invalidates = true;
        return encoder;
    }

    @Test
    void anEncoderThatInvalidatesReferencesHealsWithoutAKeyframeUnderItsOwnNumbers() {
        TaggingEncoder encoder = invalidating("inv");
        register(encoder, 0);
        start(false);
        await("pictures", () -> sent.size() >= 10);
        int before = sent.size();
        pipeline.heal(5, 6);
        Picture healing = awaitMarked(before, Recovery.REFERENCES_INVALIDATED);
        assertEquals(List.of(ownNumbers(encoder, 5, 6)), encoder.invalidated, "the encoder's numbers, not the session's");
        assertFalse(healing.keyframe());
        assertEquals(1, sent.stream().filter(Picture::keyframe).count(), "no keyframe but the first");
        assertEquals(1, stat(LossHealer.ASKED));
        assertEquals(1, stat(LossHealer.INVALIDATED));
        assertEquals(0, stat(LossHealer.KEYFRAME));
        assertEquals(0, stat(LossHealer.MERGED));
        assertNumbered();
    }

    @Test
    void anEncoderThatRefreshesInWavesStartsAWaveForAClientThatAskedForIntraRefresh() {
        TaggingEncoder encoder = new TaggingEncoder("waves");
        encoder.refreshesInWaves = true;
        register(encoder, 0);
        start(true);
        assertEquals(100, PipelineSettings.DEFAULTS.intraRefreshFrames(MODE), "half a second at 200 fps");
        await("pictures", () -> sent.size() >= 5);
        assertEquals(List.of(100), encoder.intraRefreshFramesOpened, "the config carries the period");
        int before = sent.size();
        pipeline.heal(2, 3);
        assertFalse(awaitMarked(before, Recovery.INTRA_REFRESH).keyframe());
        assertEquals(1, encoder.refreshes.get());
        assertEquals(1, stat(LossHealer.INTRA_REFRESH));
        assertEquals(1, sent.stream().filter(Picture::keyframe).count(), "no keyframe but the first");
    }

    @Test
    void withoutTheClientsAskOrWithWavesTurnedOffTheSameEncoderHealsWithAKeyframe() {
        TaggingEncoder encoder = new TaggingEncoder("waves");
        encoder.refreshesInWaves = true;
        register(encoder, 0);
        start(true, new PipelineSettings(100, true, 0));
        await("pictures", () -> sent.size() >= 5);
        assertEquals(List.of(0), encoder.intraRefreshFramesOpened, "waves turned off: keyframes");
        int before = sent.size();
        pipeline.heal(2, 3);
        await("a keyframe", () -> sent.subList(before, sent.size()).stream().anyMatch(Picture::keyframe));
        assertEquals(0, encoder.refreshes.get());
        assertEquals(1, stat(LossHealer.KEYFRAME));
        assertTrue(sent.stream().allMatch(p -> p.recovery() == Recovery.NONE));
    }

    @Test
    void javaH264CanNeitherInvalidateNorRefreshSoAHealIsAKeyframe() {
        register(new JavaH264EncoderBackend(), 0);
        start(true);
        await("pictures", () -> sent.size() >= 5);
        int before = sent.size();
        pipeline.heal(1, 2);
        await("a keyframe", () -> sent.subList(before, sent.size()).stream().anyMatch(Picture::keyframe));
        assertEquals(1, stat(LossHealer.KEYFRAME));
        assertEquals(0, stat(LossHealer.INVALIDATED) + stat(LossHealer.INTRA_REFRESH));
        assertTrue(sent.stream().allMatch(p -> p.recovery() == Recovery.NONE));
    }

    @Test
    void picturesOfASwappedOutEncoderAreNotInvalidatedByTheNextOne() {
        TaggingEncoder first = invalidating("first");
        first.refreshesInWaves = true;
        TaggingEncoder second = invalidating("second");
        second.refreshesInWaves = true;
        register(first, 0);
        start(true);
        await("pictures of the first encoder", () -> sent.size() >= 5);
        register(second, 50);
        pipeline.reselect(io.lumen.api.backend.BackendRole.ENCODER, "a better encoder arrived", -1);
        await("pictures of the second", () -> sent.stream().filter(p -> p.encoder().equals("second")).count() >= 5);
        assertEquals(List.of(100), second.intraRefreshFramesOpened, "the period reaches the encoder swapped in");
        List<Picture> all = List.copyOf(sent);
        long lastOfFirst = all.stream().filter(p -> p.encoder().equals("first")).mapToLong(Picture::number).max()
                .orElseThrow();

        int before = sent.size();
        pipeline.heal(lastOfFirst - 1, lastOfFirst);
        awaitMarked(before, Recovery.INTRA_REFRESH);
        assertEquals(List.of(), second.invalidated, "the second encoder never made those pictures");
        assertEquals(List.of(), first.invalidated);

        before = sent.size();
        pipeline.heal(lastOfFirst, lastOfFirst + 2); // one of each
        awaitMarked(before, Recovery.INTRA_REFRESH);
        assertEquals(2, second.refreshes.get());

        before = sent.size();
        pipeline.heal(lastOfFirst + 2, lastOfFirst + 3);
        awaitMarked(before, Recovery.REFERENCES_INVALIDATED);
        assertEquals(List.of(ownNumbers(second, lastOfFirst + 2, lastOfFirst + 3)), second.invalidated);
        assertEquals(1, stat(LossHealer.INVALIDATED));
        assertEquals(2, stat(LossHealer.INTRA_REFRESH));
        assertNumbered();
    }

    @Test
    void healsAskedWhileAPictureIsEncodingUniteIntoOneBeforeTheNext() {
        TaggingEncoder encoder = invalidating("inv");
        register(encoder, 0);
        start(false);
        await("pictures", () -> sent.size() >= 10);
        Semaphore gate = new Semaphore(0);
        encoder.gate = gate;
        await("a picture waiting in the encoder", gate::hasQueuedThreads);
        int encoding = sent.size(); // the number the picture in the encoder gets
        pipeline.heal(2, 2);
        pipeline.heal(5, 6);
        pipeline.heal(4, 4);
        encoder.gate = null;
        gate.release();
        Picture healing = awaitMarked(encoding, Recovery.REFERENCES_INVALIDATED);
        assertEquals(encoding + 1, healing.number(), "the next picture after the one encoding heals");
        assertEquals(List.of(ownNumbers(encoder, 2, 6)), encoder.invalidated, "one range, the union");
        assertEquals(3, stat(LossHealer.ASKED));
        assertEquals(2, stat(LossHealer.MERGED));
        assertEquals(1, stat(LossHealer.INVALIDATED));
    }

    @Test
    void aHealWhileTheCaptureIsIdleIsEncodedNotRepeatedByTheEncoder() {
        TaggingEncoder encoder = invalidating("inv");
        encoder.skips = true;
        register(encoder, 0);
        start(false);
        await("pictures", () -> sent.size() >= 5);
        capture.idle = true;
        await("the encoder's repeats", () -> sent.size() > 3 && sent.subList(sent.size() - 3, sent.size()).stream()
                .allMatch(Picture::skip));
        int before = sent.size();
        pipeline.heal(1, 2);
        Picture healing = awaitMarked(before, Recovery.REFERENCES_INVALIDATED);
        assertFalse(healing.skip(), "the healing picture is encoded");
        await("repeats again", () -> sent.getLast().skip() && sent.getLast().number() > healing.number());
        assertTrue(sent.stream().filter(Picture::skip).allMatch(p -> p.recovery() == Recovery.NONE),
                "a repeated picture is never marked");
    }

    @Test
    void lostRangesNotSentOrReversedDoNotBreakTheSession() {
        TaggingEncoder encoder = invalidating("inv");
        register(encoder, 0);
        start(false);
        await("pictures", () -> sent.size() >= 10);
        pipeline.heal(-5, -1);
        await("a keyframe for pictures never sent", () -> stat(LossHealer.KEYFRAME) == 1);
        pipeline.heal(Long.MAX_VALUE - 1, Long.MAX_VALUE);
        await("a keyframe for pictures not sent yet", () -> stat(LossHealer.KEYFRAME) == 2);
        int before = sent.size();
        pipeline.heal(7, 3);
        awaitMarked(before, Recovery.REFERENCES_INVALIDATED);
        assertEquals(List.of(ownNumbers(encoder, 3, 7)), encoder.invalidated);
        assertEquals(3, sent.stream().filter(Picture::keyframe).count(), "the first and the two heals'");
        assertNumbered();
    }

    @Test
    void theWaveLastsTheSettingsTimeAtTheClientsRate() {
        assertEquals(30, PipelineSettings.DEFAULTS.intraRefreshFrames(new VideoMode(1280, 720, 60)));
        assertEquals(60, new PipelineSettings(100, true, 500).intraRefreshFrames(new VideoMode(1920, 1080, 120)));
        assertEquals(2, new PipelineSettings(100, true, 10).intraRefreshFrames(new VideoMode(640, 480, 30)),
                "a wave of one picture would be a keyframe");
        assertEquals(0, new PipelineSettings(100, true, 0).intraRefreshFrames(new VideoMode(640, 480, 30)));
        assertThrows(IllegalArgumentException.class, () -> new PipelineSettings(100, true, -1));
    }
}
