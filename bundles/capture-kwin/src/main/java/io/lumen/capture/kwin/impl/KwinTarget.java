package io.lumen.capture.kwin.impl;

/**
 * What to ask KWin for, from the capture target ({@code lumen:capture kwin <target>}, an app's
 * {@code capture = kwin <target>}): nothing or {@code virtual} is a new virtual output of the client's size;
 * {@code output:<name>} or a bare output name (as {@code lumen:kwin} lists them) streams that output;
 * {@code window:<uuid>} streams one window (KWin's internal window id).
 */
sealed interface KwinTarget {

    record Virtual() implements KwinTarget {
    }

    record Output(String name) implements KwinTarget {
    }

    record Window(String uuid) implements KwinTarget {
    }

    static KwinTarget parse(String target) {
        if (target == null || target.isBlank() || target.strip().equals("virtual")) {
            return new Virtual();
        }
        String value = target.strip();
        if (value.startsWith("output:")) {
            return new Output(nonEmpty(value.substring("output:".length()), value));
        }
        if (value.startsWith("window:")) {
            return new Window(nonEmpty(value.substring("window:".length()), value));
        }
        return new Output(value);
    }

    private static String nonEmpty(String rest, String whole) {
        if (rest.isBlank()) {
            throw new IllegalArgumentException("the KWin capture target \"" + whole + "\" names nothing after the"
                    + " colon; targets: virtual, output:<name>, window:<uuid>");
        }
        return rest.strip();
    }
}
