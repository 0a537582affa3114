package io.lumen.testkit;

import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.capture.synthetic.pattern.StampCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The stamps the synthetic capture painted, read back from decoded pictures, and checks on their order. */
public final class StampTrack {

    private final List<Optional<FrameStamp>> stamps;

    private StampTrack(List<Optional<FrameStamp>> stamps) {
        this.stamps = stamps;
    }

    public static StampTrack of(DecodedVideo video) {
        List<Optional<FrameStamp>> stamps = new ArrayList<>(video.count());
        for (byte[] luma : video.frames()) {
            stamps.add(StampCodec.read(luma, 0, video.width(), video.width(), video.height()));
        }
        return new StampTrack(stamps);
    }

    /**
     * The stamps of pictures painted at {@code sourceWidth}x{@code sourceHeight} and fitted into the decoded size at
     * the rectangle {@code left, top, width, height} (a scaling encoder, the session's fitting): the band is mapped
     * back to the painted size, nearest pixel, and read there.
     */
    public static StampTrack ofFitted(DecodedVideo video, int sourceWidth, int sourceHeight, int left, int top,
                                      int width, int height) {
        int band = Math.min(sourceHeight, StampCodec.bandHeight(sourceWidth));
        List<Optional<FrameStamp>> stamps = new ArrayList<>(video.count());
        byte[] painted = new byte[sourceWidth * band];
        for (byte[] luma : video.frames()) {
            for (int y = 0; y < band; y++) {
                int row = top + (int) ((y + 0.5) * height / sourceHeight);
                for (int x = 0; x < sourceWidth; x++) {
                    painted[y * sourceWidth + x] = luma[row * video.width() + left
                            + (int) ((x + 0.5) * width / sourceWidth)];
                }
            }
            stamps.add(StampCodec.read(painted, 0, sourceWidth, sourceWidth, band));
        }
        return new StampTrack(stamps);
    }

    /** How many pictures had no readable stamp. */
    public long unreadable() {
        return stamps.stream().filter(Optional::isEmpty).count();
    }

    /** The counters of the readable stamps, in picture order. */
    public List<Long> counters() {
        return stamps.stream().flatMap(Optional::stream).map(FrameStamp::counter).toList();
    }

    public List<FrameStamp> readable() {
        return stamps.stream().flatMap(Optional::stream).toList();
    }

    /**
     * Throws {@link AssertionError} unless every picture carried a stamp and the counters strictly increase:
     * no picture repeated, none out of order (skips are allowed: the pipeline drops late frames by design).
     */
    public StampTrack assertStrictlyIncreasing() {
        if (unreadable() > 0) {
            throw new AssertionError(unreadable() + " of " + stamps.size() + " pictures carry no readable stamp");
        }
        List<Long> counters = counters();
        for (int i = 1; i < counters.size(); i++) {
            if (counters.get(i) <= counters.get(i - 1)) {
                throw new AssertionError("picture " + i + " carries counter " + counters.get(i) + " after "
                        + counters.get(i - 1) + ": repeated or reordered");
            }
        }
        return this;
    }

    /**
     * As {@link #assertStrictlyIncreasing()} for a whole session's stream, where a counter may follow itself: a session
     * sends its last picture again while the capture delivers none (an idle desktop; a synthetic source that was
     * held up). Every picture carries a stamp and no counter goes back.
     */
    public StampTrack assertInOrder() {
        if (unreadable() > 0) {
            throw new AssertionError(unreadable() + " of " + stamps.size() + " pictures carry no readable stamp");
        }
        List<Long> counters = counters();
        for (int i = 1; i < counters.size(); i++) {
            if (counters.get(i) < counters.get(i - 1)) {
                throw new AssertionError("picture " + i + " carries counter " + counters.get(i) + " after "
                        + counters.get(i - 1) + ": out of order");
            }
        }
        return this;
    }

    /** The largest jump between consecutive counters (1 when no frame was skipped). */
    public long largestGap() {
        List<Long> counters = counters();
        long gap = 0;
        for (int i = 1; i < counters.size(); i++) {
            gap = Math.max(gap, counters.get(i) - counters.get(i - 1));
        }
        return gap;
    }
}
