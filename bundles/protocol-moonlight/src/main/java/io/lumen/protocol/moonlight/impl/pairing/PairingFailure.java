package io.lumen.protocol.moonlight.impl.pairing;

/** Why a pairing attempt ended without a paired client; the HTTP layer answers {@code <paired>0</paired>}. */
public final class PairingFailure extends Exception {

    public enum Reason {
        /** another client is pairing right now */
        BUSY,
        /** too soon after a wrong PIN */
        RATE_LIMITED,
        /** a phase arrived before the one it follows, or for no attempt */
        OUT_OF_ORDER,
        /** the PIN was not entered, or a phase came too late */
        EXPIRED,
        /** the PIN typed at the host differs from the client's, or a signature or hash does not verify */
        WRONG_PIN,
        /** a value of the wrong length or shape */
        MALFORMED,
        /** a newer attempt replaced this one, or the client gave up */
        CANCELLED
    }

    private final Reason reason;

    public PairingFailure(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
