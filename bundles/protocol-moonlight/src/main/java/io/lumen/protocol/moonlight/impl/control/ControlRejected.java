package io.lumen.protocol.moonlight.impl.control;

/** A control packet dropped, with a short reason to count it under and a sentence for the log. */
public final class ControlRejected extends Exception {

    private final String reason;

    public ControlRejected(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
