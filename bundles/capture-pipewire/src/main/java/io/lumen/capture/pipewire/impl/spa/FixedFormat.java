package io.lumen.capture.pipewire.impl.spa;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code LUMEN_PW_FIXED_POD} debug knob: one fixed EnumFormat, written as
 * {@code format=BGRx,size=1920x1080,framerate=60/1[,modifier=0x...]}, offered instead of the usual choices
 * so that an operator can bisect which part of a negotiation a producer refuses. Any part may be left out:
 * PipeWire then takes the producer's value for it, which is the point of bisecting.
 *
 * @param spaFormat a {@code spa_video_format} number, by name ("BGRx") or number in the text
 */
public record FixedFormat(Optional<Integer> spaFormat, Optional<SpaPod.RectanglePod> size,
                          Optional<SpaPod.FractionPod> framerate, OptionalLong modifier) {

    public static final String ENV = "LUMEN_PW_FIXED_POD";

    /** Parses the knob's text; a mistake names the part it is in. */
    public static FixedFormat parse(String text) {
        Optional<Integer> format = Optional.empty();
        Optional<SpaPod.RectanglePod> size = Optional.empty();
        Optional<SpaPod.FractionPod> framerate = Optional.empty();
        OptionalLong modifier = OptionalLong.empty();
        Set<String> seen = new HashSet<>();
        if (text.isBlank()) {
            throw new IllegalArgumentException(ENV + " is empty; want e.g. format=BGRx,size=1920x1080,framerate=60/1");
        }
        for (String part : text.split(",", -1)) {
            int equals = part.indexOf('=');
            String key = equals < 0 ? part.trim() : part.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : part.substring(equals + 1).trim();
            if (equals < 0 || value.isEmpty()) {
                throw new IllegalArgumentException(ENV + ": part '" + part.trim() + "' is not key=value");
            }
            if (!seen.add(key)) {
                throw new IllegalArgumentException(ENV + ": part '" + part.trim() + "' repeats " + key);
            }
            try {
                switch (key) {
                    case "format" -> format = Optional.of(videoFormat(value));
                    case "size" -> {
                        int[] wh = pair(value, "x");
                        size = Optional.of(new SpaPod.RectanglePod(wh[0], wh[1]));
                    }
                    case "framerate" -> {
                        int[] fraction = pair(value, "/");
                        framerate = Optional.of(new SpaPod.FractionPod(fraction[0], fraction[1]));
                    }
                    case "modifier" -> modifier = OptionalLong.of(value.toLowerCase(Locale.ROOT).startsWith("0x")
                            ? Long.parseUnsignedLong(value.substring(2), 16) : Long.parseUnsignedLong(value));
                    default -> throw new IllegalArgumentException(
                            "unknown key (want format, size, framerate or modifier)");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ENV + ": part '" + part.trim() + "': " + e.getMessage(), e);
            }
        }
        return new FixedFormat(format, size, framerate, modifier);
    }

    /**
     * The EnumFormat with every given part as a plain value. A modifier is mandatory like the DMA-BUF
     * EnumFormat's, so a producer without DMA-BUF cannot match it by leaving it out.
     */
    public SpaPod.ObjectPod toPod() {
        List<SpaPod.Property> video = new ArrayList<>();
        spaFormat.ifPresent(f -> video.add(new SpaPod.Property(SpaFormat.KEY_VIDEO_FORMAT, new SpaPod.IdPod(f))));
        modifier.ifPresent(m -> video.add(new SpaPod.Property(SpaFormat.KEY_VIDEO_MODIFIER, SpaPropFlags.MANDATORY,
                new SpaPod.LongPod(m))));
        size.ifPresent(s -> video.add(new SpaPod.Property(SpaFormat.KEY_VIDEO_SIZE, s)));
        framerate.ifPresent(f -> video.add(new SpaPod.Property(SpaFormat.KEY_VIDEO_FRAMERATE, f)));
        return VideoFormatParams.formatObject(SpaParam.ENUM_FORMAT, video);
    }

    /** The knob's text for this format; {@link #parse} reads it back to an equal record. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        spaFormat.ifPresent(f -> parts.add("format="
                + SpaVideoFormat.ofNumber(f).map(Enum::name).orElse(Integer.toString(f))));
        size.ifPresent(s -> parts.add("size=" + s.width() + "x" + s.height()));
        framerate.ifPresent(f -> parts.add("framerate=" + f.num() + "/" + f.denom()));
        modifier.ifPresent(m -> parts.add("modifier=0x" + Long.toHexString(m)));
        return String.join(",", parts);
    }

    private static int videoFormat(String value) {
        Optional<SpaVideoFormat> named = SpaVideoFormat.ofName(value);
        if (named.isPresent()) {
            return named.get().number();
        }
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the complaint below, which names what is accepted
        }
        throw new IllegalArgumentException("'" + value + "' is not a video format name (BGRx, RGBx, BGRA, RGBA, NV12, I420, ...) "
                + "or a positive spa_video_format number");
    }

    /** Two positive ints around {@code separator}, as in 1920x1080 and 60/1. */
    private static int[] pair(String value, String separator) {
        String[] halves = value.split(separator, -1);
        if (halves.length != 2) {
            throw new IllegalArgumentException("'" + value + "' is not two numbers joined by " + separator);
        }
        int[] numbers = new int[2];
        for (int i = 0; i < 2; i++) {
            try {
                numbers[i] = Integer.parseInt(halves[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + halves[i].trim() + "' is not a number");
            }
            if (numbers[i] < 0 || (numbers[i] == 0 && !separator.equals("/"))) {
                throw new IllegalArgumentException("'" + halves[i].trim() + "' is out of range");
            }
        }
        if (separator.equals("/") && numbers[1] == 0) {
            throw new IllegalArgumentException("'" + value + "' has a zero denominator");
        }
        return numbers;
    }
}
