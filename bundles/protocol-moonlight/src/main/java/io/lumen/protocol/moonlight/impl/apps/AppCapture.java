package io.lumen.protocol.moonlight.impl.apps;

import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.session.StreamRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The capture an app's sessions prefer, from its {@code capture = <backend> [<target>]} line.
 *
 * @param backend the capture backend id ("pipewire"); empty: the configured choice
 * @param target  what that backend captures (a PipeWire node id or name, a window); empty: its default
 */
public record AppCapture(String backend, String target) {

    public static final AppCapture CONFIGURED = new AppCapture("", "");

    /** Backend ids as backends name themselves: no spaces, quotes or separators that would hint at a typo. */
    private static final Pattern BACKEND_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public AppCapture {
        if (backend.isEmpty() && !target.isEmpty()) {
            throw new IllegalArgumentException("a capture target needs its backend");
        }
    }

    /**
     * Reads {@code <backend> [<target>]}: the backend id, then after whitespace the rest of the value as the target
     * (a window title may hold spaces).
     *
     * @throws IllegalArgumentException saying what is wrong with the value
     */
    public static AppCapture parse(String value) {
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("capture needs a backend id: capture = <backend> [<target>],"
                    + " e.g. capture = pipewire 42");
        }
        String[] parts = stripped.split("\\s+", 2);
        if (!BACKEND_ID.matcher(parts[0]).matches()) {
            throw new IllegalArgumentException("\"" + parts[0] + "\" is not a capture backend id (letters, digits,"
                    + " '.', '_', '-'): capture = <backend> [<target>], e.g. capture = pipewire 42");
        }
        return new AppCapture(parts[0], parts.length > 1 ? parts[1] : "");
    }

    /** The capture options of the app's stream requests. */
    public Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        if (!backend.isEmpty()) {
            options.put(StreamRequest.CAPTURE_BACKEND, backend);
        }
        if (!target.isEmpty()) {
            options.put(CaptureRequest.TARGET, target);
        }
        return Map.copyOf(options);
    }
}
