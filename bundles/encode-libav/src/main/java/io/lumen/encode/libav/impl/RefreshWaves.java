package io.lumen.encode.libav.impl;

import io.lumen.api.media.AccessUnit;
import io.lumen.encoding.H264Heading;

/**
 * Labels the access units of an x264 stream refreshing in waves. libavcodec flags the first picture of every wave as
 * a key packet (x264 calls it a keyframe), though it is a P picture no client may start from without the pictures
 * before it; only an IDR is a keyframe here. A wave cannot be started on demand through libavcodec, but one is always
 * under way, so a heal asked for marks the first picture of the next wave: the one carrying x264's recovery point SEI,
 * from which the picture is whole by the wave's end. An IDR before that heals as well and settles the request.
 * Used on the encode thread only.
 */
final class RefreshWaves {

    private static final System.Logger LOG = System.getLogger("lumen.encode.libav");

    private final String encoder;
    private final int period;
    private boolean healAsked;

    RefreshWaves(String encoder, int period) {
        this.encoder = encoder;
        this.period = period;
    }

    /** The next wave's first picture will say it heals. */
    void healAtNextWave() {
        healAsked = true;
    }

    /** {@code unit} with its keyframe flag from the bitstream and, if it heals a loss, its recovery mark. */
    AccessUnit label(AccessUnit unit) {
        H264Heading heading = H264Heading.of(unit.data());
        AccessUnit labelled = unit.keyframe() == heading.idr() ? unit
                : new AccessUnit(unit.frameNumber(), unit.captureNanos(), heading.idr(), unit.codec(), unit.data());
        if (heading.idr()) {
            healAsked = false;
        } else if (heading.recoveryPoint() && healAsked) {
            healAsked = false;
            LOG.log(System.Logger.Level.DEBUG, () -> encoder + " heals with the intra refresh wave from frame "
                    + unit.frameNumber() + " (whole after " + period + " pictures)");
            return labelled.withRecovery(AccessUnit.Recovery.INTRA_REFRESH);
        }
        return labelled;
    }
}
