package io.lumen.api.backend;

import java.util.Objects;

/** Whether a backend can run on this machine, and why not when it cannot. */
public record Probe(boolean available, String reason) {

    private static final Probe AVAILABLE = new Probe(true, "");

    public Probe {
        Objects.requireNonNull(reason, "reason");
        if (!available && reason.isBlank()) {
            throw new IllegalArgumentException("an unavailable probe needs a reason");
        }
    }

    public static Probe ok() {
        return AVAILABLE;
    }

    public static Probe unavailable(String reason) {
        return new Probe(false, reason);
    }

    /** "available" or "unavailable: &lt;reason&gt;", as operators read it. */
    @Override
    public String toString() {
        return available ? "available" : "unavailable: " + reason;
    }
}
