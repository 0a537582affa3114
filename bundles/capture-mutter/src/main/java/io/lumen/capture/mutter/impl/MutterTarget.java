package io.lumen.capture.mutter.impl;

import java.util.OptionalLong;

/**
 * What to ask Mutter for, from the capture target ({@code lumen:capture mutter <target>}, an app's
 * {@code capture = mutter <target>}): nothing or {@code virtual} is a new virtual monitor of the client's size and
 * rate; {@code monitor:<connector>} streams an existing monitor (as {@code lumen:mutter} lists them, e.g.
 * {@code Meta-0}, {@code DP-1}); {@code window:<id>} streams one window by Mutter's window id, and
 * {@code window:focused} the window that has the focus when the capture starts.
 */
sealed interface MutterTarget {

    String TARGETS = "virtual, monitor:<connector>, window:<id>, window:focused";

    /** For log lines and lumen:mutter. */
    String describe();

    record Virtual() implements MutterTarget {
        @Override
        public String describe() {
            return "virtual monitor";
        }
    }

    record Monitor(String connector) implements MutterTarget {
        @Override
        public String describe() {
            return "monitor " + connector;
        }
    }

    /** @param id Mutter's window id; empty: the focused window */
    record Window(OptionalLong id) implements MutterTarget {
        @Override
        public String describe() {
            return id.isPresent() ? "window " + Long.toUnsignedString(id.getAsLong()) : "focused window";
        }
    }

    static MutterTarget parse(String target) {
        if (target == null || target.isBlank() || target.strip().equals("virtual")) {
            return new Virtual();
        }
        String value = target.strip();
        if (value.startsWith("monitor:")) {
            return new Monitor(rest(value, "monitor:"));
        }
        if (value.startsWith("window:")) {
            String window = rest(value, "window:");
            if (window.equals("focused")) {
                return new Window(OptionalLong.empty());
            }
            try {
                return new Window(OptionalLong.of(Long.parseUnsignedLong(window)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the Mutter capture target \"" + value + "\" is not a window id"
                        + " (an unsigned number) or \"focused\"; targets: " + TARGETS);
            }
        }
        throw new IllegalArgumentException("the Mutter capture target \"" + value + "\" is none of " + TARGETS);
    }

    private static String rest(String whole, String prefix) {
        String rest = whole.substring(prefix.length()).strip();
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("the Mutter capture target \"" + whole + "\" names nothing after the"
                    + " colon; targets: " + TARGETS);
        }
        return rest;
    }
}
