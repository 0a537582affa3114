package io.lumen.itest;

import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.AccessUnitSink;
import io.lumen.api.media.VideoMode;
import io.lumen.api.session.SessionManager;
import io.lumen.api.session.StreamRequest;
import io.lumen.api.session.StreamSession;
import io.lumen.api.session.SwapEvent;
import io.lumen.testkit.AnnexB;
import io.lumen.testkit.DecodedVideo;
import io.lumen.testkit.FfmpegDecoder;
import io.lumen.testkit.Poll;
import io.lumen.testkit.StampTrack;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * A live session recorded to a file, with what each picture was: the evidence every swap test checks. Pictures are
 * appended on the session's encode thread; checks run after {@link #stop()}.
 */
final class RecordedSession implements AccessUnitSink {

    /** One picture as it left the session. */
    record Picture(long number, boolean keyframe, boolean idr, Instant sent) {
    }

    private final Path file;
    private final OutputStream out;
    private final List<Picture> pictures = new ArrayList<>();
    private final StreamSession session;

    RecordedSession(SessionManager manager, Path file) throws IOException {
        this(manager, file, new VideoMode(320, 180, 30));
    }

    RecordedSession(SessionManager manager, Path file, VideoMode mode) throws IOException {
        this(manager, file, StreamRequest.of("itest", mode, 2000));
    }

    RecordedSession(SessionManager manager, Path file, StreamRequest request) throws IOException {
        this.file = file;
        this.out = Files.newOutputStream(file);
        this.session = manager.start(request, this);
    }

    @Override
    public void accept(AccessUnit unit) {
        byte[] bytes = unit.data().toArray(ValueLayout.JAVA_BYTE);
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        synchronized (pictures) {
            pictures.add(new Picture(unit.frameNumber(), unit.keyframe(), AnnexB.isH264Idr(bytes), Instant.now()));
        }
    }

    StreamSession session() {
        return session;
    }

    int count() {
        synchronized (pictures) {
            return pictures.size();
        }
    }

    /** Waits until {@code more} further pictures went out. */
    void awaitPictures(int more) throws InterruptedException {
        int target = count() + more;
        await("" + target + " pictures (" + session.stats() + ")", () -> count() >= target);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Poll.every(Duration.ofMillis(10)).awaits(what, Duration.ofSeconds(30), condition);
    }

    /** Waits until the session shows {@code encoder} in use and has sent pictures with it. */
    void awaitEncoder(String encoder) throws InterruptedException {
        await("encoder " + encoder + " in use (" + session.stats().encoderBackend() + ")",
                () -> encoder.equals(session.stats().encoderBackend()));
        awaitPictures(10);
    }

    void stop() throws IOException {
        session.stop();
        out.close();
    }

    /**
     * The checks every swap must pass: one session all along, frame numbers without a gap, stamps strictly
     * increasing after a real decode, and a keyframe (an IDR slice) as the first picture after each swap.
     */
    List<SwapEvent> assertSurvivedSwaps(String sessionId, int expectedSwaps) throws IOException {
        return assertSurvivedSwaps(sessionId, expectedSwaps, StampTrack::of);
    }

    /** As {@link #assertSurvivedSwaps(String, int)}, the stamps read by {@code stamps} (of pictures fitted, say). */
    List<SwapEvent> assertSurvivedSwaps(String sessionId, int expectedSwaps,
                                        java.util.function.Function<DecodedVideo, StampTrack> stamps)
            throws IOException {
        assertEquals("the session is the same one", sessionId, session.id());
        List<SwapEvent> swaps = session.stats().swaps();
        assertTrue("expected at least " + expectedSwaps + " swaps: " + swaps, swaps.size() >= expectedSwaps);
        List<Picture> sent;
        synchronized (pictures) {
            sent = List.copyOf(pictures);
        }
        for (int i = 0; i < sent.size(); i++) {
            assertEquals("frame numbers continue across swaps", i, sent.get(i).number());
        }
        for (SwapEvent swap : swaps) {
            if ("none".equals(swap.to())) {
                continue;
            }
            Picture first = sent.stream().filter(p -> p.sent().isAfter(swap.at())).findFirst()
                    .orElseThrow(() -> new AssertionError("no picture after " + swap));
            assertTrue("a keyframe follows " + swap + ": " + first, first.keyframe() && first.idr());
            assertTrue("the stall of " + swap + " was measured", swap.stall().isPresent());
        }
        StampTrack track = stamps.apply(FfmpegDecoder.decode(file, "h264")).assertInOrder();
        assertEquals("every picture decoded", sent.size(), track.counters().size());
        return swaps;
    }
}
