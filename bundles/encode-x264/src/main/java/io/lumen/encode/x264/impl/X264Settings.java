package io.lumen.encode.x264.impl;

import io.lumen.api.encode.EncoderConfig;
import io.lumen.encoding.VbvRate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What x264 is told for a session, by the names of its own parser: libav-x264's picture (speed preset, zero-latency
 * tuning, no B-frames, IDR only on request, the rate rule, a slice per core at least) plus what healing needs:
 * several reference pictures, so one lost can be stepped over, or intra refresh waves when the client asked.
 *
 * @param references reference pictures x264 may use (ultrafast's own is 1, which leaves nothing to fall back on)
 */
record X264Settings(EncoderConfig config, String preset, int references) {

    static final String TUNE = "zerolatency";
    /** Covers a loss of 3 pictures reported right after the last of them (a picture before them still held). */
    static final int DEFAULT_REFERENCES = 4;
    /** H.264 allows 16. */
    static final int MAX_REFERENCES = 16;

    /** {@code requested} (lumen.x264.refs) if it is 1 to 16; else the default, with a warning naming the mistake. */
    static int references(String requested, System.Logger log) {
        if (requested == null || requested.isBlank()) {
            return DEFAULT_REFERENCES;
        }
        try {
            int refs = Integer.parseInt(requested.strip());
            if (refs >= 1 && refs <= MAX_REFERENCES) {
                log.log(System.Logger.Level.INFO, "x264 reference pictures " + refs);
                return refs;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        log.log(System.Logger.Level.WARNING, "x264: lumen.x264.refs \"" + requested + "\" is not 1 to "
                + MAX_REFERENCES + "; using " + DEFAULT_REFERENCES);
        return DEFAULT_REFERENCES;
    }

    /**
     * The references only serve invalidation, which x264 refuses while it refreshes in waves: then the preset's
     * own count, which costs least. Never more than the client's decoder takes.
     */
    int referencesUsed() {
        int wanted = config.intraRefresh() ? 1 : references;
        return config.maxReferenceFrames() > 0 ? Math.min(wanted, config.maxReferenceFrames()) : wanted;
    }

    /** Everything after the preset and tune, in the order x264 should apply it. */
    Map<String, String> all() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("log", "0"); // errors only: x264's info lines are summaries lumen's log already has
        settings.put("fps", String.valueOf(config.mode().fps()));
        settings.put("force-cfr", "1"); // rate control by the frame rate; pts only number the pictures
        settings.put("bframes", "0");
        settings.put("scenecut", "0");
        settings.put("ref", String.valueOf(referencesUsed()));
        if (config.intraRefresh()) {
            settings.put("intra-refresh", "1");
            settings.put("keyint", String.valueOf(config.intraRefreshFrames()));
        } else {
            settings.put("keyint", "infinite");
        }
        // x264's zero-latency threading works slice by slice: one slice would leave every core but one idle
        settings.put("slices", String.valueOf(Math.max(config.slices(), Runtime.getRuntime().availableProcessors())));
        settings.put("repeat-headers", "1");
        settings.put("annexb", "1");
        settings.putAll(rate(config.bitrateKbps()));
        return settings;
    }

    /** The rate rule libav-x264 follows ({@link VbvRate}), in x264's kbit units. */
    Map<String, String> rate(int kbps) {
        VbvRate rate = VbvRate.of(kbps, config.mode().fps());
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bitrate", String.valueOf(rate.targetBits() / 1000));
        settings.put("vbv-maxrate", String.valueOf(rate.peakBits() / 1000));
        settings.put("vbv-bufsize", String.valueOf(rate.bufferBits() / 1000));
        return settings;
    }

    String profile() {
        return config.tenBit() ? "high10" : "high";
    }
}
