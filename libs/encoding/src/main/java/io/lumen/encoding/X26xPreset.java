package io.lumen.encoding;

import java.util.List;

/**
 * The x264/x265 speed preset. ultrafast by default: it keeps a 1080p60 stream within two cores, but turns off
 * CABAC and the deblocking filter, so a host with cores to spare looks better with superfast or veryfast
 * (`lumen.x264.preset` / `lumen.x265.preset` in conf/lumen.properties).
 */
public final class X26xPreset {

    public static final String DEFAULT = "ultrafast";
    public static final List<String> NAMES = List.of("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow",
            "slower", "veryslow", "placebo");

    private X26xPreset() {
    }

    /** {@code requested} if it names a preset; otherwise the default, with a warning naming the mistake. */
    public static String choose(String requested, String encoderId, System.Logger log) {
        if (requested == null || requested.isBlank()) {
            return DEFAULT;
        }
        String name = requested.strip();
        if (NAMES.contains(name)) {
            log.log(System.Logger.Level.INFO, encoderId + " preset " + name);
            return name;
        }
        log.log(System.Logger.Level.WARNING, encoderId + ": unknown preset \"" + name + "\" (" + String.join(", ",
                NAMES) + "); using " + DEFAULT);
        return DEFAULT;
    }
}
