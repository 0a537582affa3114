package io.lumen.tools.lossharness;

import io.lumen.protocol.moonlight.impl.video.OfflinePacketizer;
import io.lumen.protocol.moonlight.impl.video.VideoFecScheme;

import java.util.function.IntPredicate;

/**
 * Where a scheme stops protecting frames, and stops sending them, found from its real framing (not from a formula
 * that could drift from it): both only ever switch once as frames grow, so a bisection finds the edge.
 *
 * @param largestProtected largest frame, up to {@code searchedUpTo}, that gets parity (0: none)
 * @param largestSent      largest frame, up to {@code searchedUpTo}, that is sent at all
 */
record SchemeLimits(VideoFecScheme scheme, int fecPercent, int largestProtected, int largestSent, int searchedUpTo) {

    static SchemeLimits of(VideoFecScheme scheme, CellRunner runner, int fecPercent, int upTo) {
        OfflinePacketizer host = OfflinePacketizer.of(scheme, runner.packetSize(), fecPercent, runner.minParity(),
                runner.codec(scheme));
        int sent = largest(size -> !host.packetize(new byte[size], true).isEmpty(), upTo);
        int protectedUpTo = fecPercent == 0 ? 0
                : largest(size -> !host.packetize(new byte[size], true).isEmpty() && host.parityShards() > 0, sent);
        return new SchemeLimits(scheme, fecPercent, protectedUpTo, sent, upTo);
    }

    /** The largest n in 1..upTo that holds, for a property that holds up to some n and never past it; 0 if none. */
    static int largest(IntPredicate holds, int upTo) {
        if (upTo < 1 || !holds.test(1)) {
            return 0;
        }
        if (holds.test(upTo)) {
            return upTo;
        }
        int low = 1;
        int high = upTo; // holds(low), !holds(high)
        while (high - low > 1) {
            int middle = low + (high - low) / 2;
            if (holds.test(middle)) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return low;
    }

    String describe() {
        String head = scheme.id() + " at " + fecPercent + "% FEC: ";
        if (largestProtected == searchedUpTo) {
            return head + "every frame up to " + ByteSize.format(searchedUpTo) + " (the sweep's largest) gets FEC";
        }
        String fec = largestProtected == 0 ? "no frame gets FEC"
                : "FEC up to " + ByteSize.format(largestProtected) + " (" + largestProtected + " bytes)";
        String sent = largestSent == searchedUpTo ? ", larger frames go without it"
                : ", frames up to " + ByteSize.format(largestSent) + " (" + largestSent + " bytes) go without it,"
                + " larger ones are not sent at all";
        return head + fec + sent;
    }
}
