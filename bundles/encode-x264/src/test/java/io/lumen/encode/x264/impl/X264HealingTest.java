package io.lumen.encode.x264.impl;

import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.Codec;
import io.lumen.api.media.VideoMode;
import io.lumen.testkit.AnnexB;
import io.lumen.testkit.StampTrack;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client's loss healed without a keyframe, judged by the real ffmpeg decoder fed only what such a client
 * received: the stream without the lost pictures' access units.
 */
class X264HealingTest {

    private static final VideoMode MODE = new VideoMode(640, 360, 60);
    private final X264Backend backend = new X264Backend();

    @BeforeEach
    void needsX264() {
        Assumptions.assumeTrue(backend.probe().available(), "x264 cannot run here: " + backend.probe());
    }

    private static List<Long> allBut(int frames, Set<Long> lost) {
        return LongStream.range(0, frames).filter(n -> !lost.contains(n)).boxed().toList();
    }

    @ParameterizedTest(name = "{0} lost")
    @ValueSource(ints = {1, 3})
    void invalidatedReferencesStepOverLostPicturesWithoutAKeyframe(int lostCount, @TempDir Path dir)
            throws Exception {
        int first = 20;
        int frames = 50;
        Set<Long> lost = LongStream.range(first, first + lostCount).boxed().collect(Collectors.toSet());
        AtomicBoolean accepted = new AtomicBoolean();
        X264Clip clip = X264Clip.encode(backend, new EncoderConfig(Codec.H264, MODE, 3000, 1, false), frames,
                (i, s) -> {
                    if (i == first + lostCount) { // reported right after the last lost picture went out
                        accepted.set(s.invalidateReferences(first, first + lostCount - 1));
                    }
                });
        assertTrue(accepted.get(), "x264 takes the invalidation of " + lostCount + " pictures");
        X264Clip.Unit healing = clip.unit(first + lostCount);
        assertEquals(AccessUnit.Recovery.REFERENCES_INVALIDATED, healing.recovery());
        assertFalse(healing.keyframe());
        assertFalse(AnnexB.isH264Idr(healing.bytes()), AnnexB.h264Types(healing.bytes()).toString());
        for (X264Clip.Unit unit : clip.units()) {
            if (unit.number() != first + lostCount) {
                assertEquals(AccessUnit.Recovery.NONE, unit.recovery(), "picture " + unit.number());
            }
            assertEquals(unit.number() == 0, unit.keyframe(), "only the first picture is a keyframe");
        }
        var video = X264Clip.decode(clip.streamWithout(lost), dir, "healed.h264");
        assertEquals(allBut(frames, lost), StampTrack.of(video).assertStrictlyIncreasing().counters(),
                "every picture the client got reads back right, also those after the loss");
    }

    @Test
    void withoutTheInvalidationTheSameLossSpoilsThePicturesAfterIt(@TempDir Path dir) throws Exception {
        int frames = 50;
        Set<Long> lost = Set.of(20L, 21L, 22L);
        X264Clip clip = X264Clip.encode(backend, new EncoderConfig(Codec.H264, MODE, 3000, 1, false), frames,
                (i, s) -> { });
        List<Long> read;
        try {
            read = StampTrack.of(X264Clip.decode(clip.streamWithout(lost), dir, "spoilt.h264")).counters();
        } catch (java.io.IOException decoderComplained) {
            return; // ffmpeg's own report of the broken references is failure enough
        }
        assertNotEquals(allBut(frames, lost), read, "the check above could not tell a healed stream from this one");
    }

    @Test
    void aLossOutsideTheReferenceWindowOrOfTheKeyframeIsRefused() throws Exception {
        List<Boolean> answers = new ArrayList<>();
        X264Clip.encode(backend, new EncoderConfig(Codec.H264, MODE, 3000, 1, false), 30, (i, s) -> {
            if (i == 20) {
                answers.add(s.invalidateReferences(10, 12)); // frame 9 is 10 pictures back, beyond 4 references
                answers.add(s.invalidateReferences(0, 1)); // the IDR itself
                answers.add(s.invalidateReferences(25, 26)); // not sent yet
                answers.add(s.invalidateReferences(19, 18)); // backwards
            }
        });
        assertEquals(List.of(false, false, false, false), answers);
    }

    @Test
    void aClientThatTakesOneReferencePictureGetsOneAndNoInvalidation(@TempDir Path dir) throws Exception {
        AtomicBoolean answer = new AtomicBoolean(true);
        X264Clip clip = X264Clip.encode(backend, new EncoderConfig(Codec.H264, MODE, 3000, 1, false)
                .withMaxReferenceFrames(1), 12, (i, s) -> {
                    if (i == 11) {
                        answer.set(s.invalidateReferences(10, 10));
                    }
                });
        assertFalse(answer.get(), "with one reference the picture before a loss is gone at once");
        java.nio.file.Files.write(dir.resolve("one.h264"), clip.stream(n -> true));
        assertEquals("1", refs(dir.resolve("one.h264")), "the SPS allows one reference picture");
        clip = X264Clip.encode(backend, new EncoderConfig(Codec.H264, MODE, 3000, 1, false), 2, (i, s) -> { });
        java.nio.file.Files.write(dir.resolve("four.h264"), clip.stream(n -> true));
        assertEquals(String.valueOf(X264Settings.DEFAULT_REFERENCES), refs(dir.resolve("four.h264")));
    }

    /** max_num_ref_frames of the stream's first SPS, as ffmpeg's trace_headers filter reads it. */
    private static String refs(Path file) throws Exception {
        Process trace = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-f", "h264", "-i", file.toString(),
                "-c", "copy", "-bsf:v", "trace_headers", "-f", "null", "-").redirectErrorStream(true).start();
        String log = new String(trace.getInputStream().readAllBytes());
        var found = java.util.regex.Pattern.compile("max_num_ref_frames\\s+\\S+ = (\\d+)").matcher(log);
        return found.find() ? found.group(1) : "no SPS in: " + log;
    }

    @Test
    void intraRefreshHealsALossWithinOnePeriodWithoutAKeyframe(@TempDir Path dir) throws Exception {
        int period = 30;
        int frames = 150;
        long lostFrame = 40;
        AtomicBoolean accepted = new AtomicBoolean();
        AtomicBoolean invalidation = new AtomicBoolean(true);
        X264Clip clip = X264Clip.encode(backend, new EncoderConfig(Codec.H264, MODE, 3000, 1, false)
                .withIntraRefresh(period), frames, (i, s) -> {
                    if (i == lostFrame + 2) { // the client's report arrives two pictures later
                        accepted.set(s.refreshIntra());
                        invalidation.set(s.invalidateReferences(lostFrame, lostFrame));
                    }
                });
        assertTrue(accepted.get());
        assertFalse(invalidation.get(), "no invalidation while refreshing in waves");
        for (X264Clip.Unit unit : clip.units()) {
            assertEquals(unit.number() == 0, unit.keyframe(), "picture " + unit.number());
            assertEquals(unit.number() == 0, AnnexB.isH264Idr(unit.bytes()), "IDR slice in picture " + unit.number());
        }
        List<X264Clip.Unit> marked = clip.units().stream()
                .filter(u -> u.recovery() == AccessUnit.Recovery.INTRA_REFRESH).toList();
        assertEquals(1, marked.size(), "one wave was asked for: " + marked.stream().map(X264Clip.Unit::number).toList());
        long start = marked.get(0).number();
        assertTrue(start > lostFrame + 1 && start <= lostFrame + 2 + period, "the wave starts at " + start);
        assertTrue(hasRecoveryPointSei(marked.get(0).bytes()), "x264 marks the wave's start with a recovery point");

        var video = X264Clip.decode(clip.streamWithout(Set.of(lostFrame)), dir, "refreshed.h264");
        var stamps = StampTrack.of(video);
        List<Long> read = stamps.counters();
        List<Long> whole = LongStream.range(start + period, frames).boxed().toList();
        assertEquals(whole, read.subList(read.size() - whole.size(), read.size()),
                "every picture from one period after the wave's start reads back right");
        assertEquals(LongStream.range(0, lostFrame).boxed().toList(), read.subList(0, (int) lostFrame));
    }

    @Test
    void aRequestedKeyframeIsStillAnIdrWithIntraRefresh() throws Exception {
        X264Clip clip = X264Clip.encode(backend, new EncoderConfig(Codec.H264, MODE, 3000, 1, false)
                .withIntraRefresh(30), 50, (i, s) -> {
                    if (i == 37) {
                        s.requestKeyframe();
                    }
                });
        for (X264Clip.Unit unit : clip.units()) {
            boolean expected = unit.number() == 0 || unit.number() == 37;
            assertEquals(expected, AnnexB.isH264Idr(unit.bytes()), "IDR slice in picture " + unit.number());
            assertEquals(expected, unit.keyframe(), "picture " + unit.number());
        }
    }

    @Test
    void withoutIntraRefreshConfiguredRefreshIntraSaysNo() throws Exception {
        AtomicBoolean answer = new AtomicBoolean(true);
        X264Clip.encode(backend, new EncoderConfig(Codec.H264, MODE, 3000, 1, false), 3,
                (i, s) -> answer.set(s.refreshIntra()));
        assertFalse(answer.get());
    }

    private static boolean hasRecoveryPointSei(byte[] unit) {
        for (byte[] nal : AnnexB.nalUnits(unit)) {
            if (AnnexB.h264Type(nal) == 6 && (nal[1] & 0xff) == 6) { // first SEI message: recovery point (type 6)
                return true;
            }
        }
        return false;
    }
}
