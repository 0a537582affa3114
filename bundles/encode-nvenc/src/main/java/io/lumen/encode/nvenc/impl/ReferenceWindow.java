package io.lumen.encode.nvenc.impl;

import io.lumen.api.encode.EncoderConfig;

import java.util.Optional;

/**
 * This session's picture numbers and which of them a client's loss can still be healed around by invalidation.
 * A picture's number is its access unit's frame number and also the inputTimeStamp NVENC was given for it, so a
 * reported loss names NVENC's pictures directly. With PTD, no B-frames and an infinite GOP every picture is a
 * reference and the DPB is a sliding window over the last {@link #references()} pictures, emptied by an IDR:
 * invalidating pictures {@code first..last} helps only while picture {@code first - 1} is still in it. NVENC would
 * otherwise code the next picture intra without saying so, which heals no better than the keyframe the caller
 * sends instead.
 */
final class ReferenceWindow {

    /** The DPB when the client's decoder leaves the count to us: what H.264 level 4.1 holds at 1080p. */
    static final int DEFAULT_REFERENCES = 4;

    private final int references;
    private final boolean intraRefresh;
    private long next;
    private long lastIdr = -1;

    ReferenceWindow(EncoderConfig config) {
        this.references = references(config);
        this.intraRefresh = config.intraRefresh();
    }

    /**
     * The DPB size to open NVENC with: never more than the client's decoder takes (1 when it cannot do reference
     * invalidation), and 1 with intra refresh, whose waves then heal alone (as the x264 backend does).
     */
    static int references(EncoderConfig config) {
        if (config.intraRefresh()) {
            return 1;
        }
        int limit = config.maxReferenceFrames();
        return limit == 0 ? DEFAULT_REFERENCES : Math.min(limit, DEFAULT_REFERENCES);
    }

    int references() {
        return references;
    }

    /** The number (and timestamp) of the picture about to be encoded. */
    long take() {
        return next++;
    }

    /** The last number handed out, -1 before the first picture. */
    long lastTaken() {
        return next - 1;
    }

    /** Picture {@code number} came out an IDR: nothing before it is a reference any more. */
    void idr(long number) {
        lastIdr = number;
    }

    /** Why pictures {@code first..last} cannot be invalidated, or empty when they can. */
    Optional<String> refusal(long first, long last) {
        long lastEncoded = next - 1;
        if (first < 0 || first > last || last > lastEncoded) {
            return Optional.of("not frames this encoder has sent (" + lastEncoded + " was the last)");
        }
        if (intraRefresh) {
            return Optional.of("it refreshes in waves with one reference picture");
        }
        if (references <= 1) {
            return Optional.of("the client's decoder takes one reference picture");
        }
        if (first <= lastIdr) {
            return Optional.of("the IDR " + lastIdr + " is among them");
        }
        if (lastEncoded - (first - 1) >= references) {
            return Optional.of("frame " + (first - 1) + " has left the " + references + " reference pictures");
        }
        return Optional.empty();
    }
}
