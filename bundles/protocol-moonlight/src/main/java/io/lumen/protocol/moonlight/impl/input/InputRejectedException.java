package io.lumen.protocol.moonlight.impl.input;

import java.util.Locale;

/**
 * An input packet the decoder turned away, with why. Carries no stack trace: a hostile or broken client can send
 * thousands a second, and the reason and detail say all there is to say.
 */
public final class InputRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why, as diagnostics count it. */
    public enum Reason {
        /** Fewer bytes than the header, or than the layout its magic names. */
        TRUNCATED,
        /** More bytes than any client sends, or than the layout its magic names. */
        OVERSIZED,
        /** The header's size field disagrees with the bytes that arrived. */
        SIZE_MISMATCH,
        /** A magic no client of this protocol generation sends. */
        UNKNOWN_MAGIC,
        /** A field names something that does not exist (a sixth mouse button, pad 16) or is not a number. */
        INVALID_FIELD;

        /** "unknown magic", as logs and diagnostics print it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    private final Reason reason;

    public InputRejectedException(Reason reason, String detail) {
        super(reason.label() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
