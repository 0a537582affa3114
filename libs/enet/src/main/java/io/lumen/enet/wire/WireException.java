package io.lumen.enet.wire;

/** A datagram that is not ENet 1.3; thrown for every bad datagram, so it carries no stack trace. */
public final class WireException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the bytes are not a datagram. */
    public enum Malformation {
        /** shorter than its header, a command, or a payload length says */
        TRUNCATED,
        /** the header's COMPRESSED flag: no compressor is ever negotiated */
        COMPRESSED,
        /** command number 0 or 13-15 */
        UNKNOWN_COMMAND,
        /** a header and nothing after it */
        NO_COMMANDS
    }

    private final Malformation malformation;

    public WireException(Malformation malformation, String message) {
        super(message, null, false, false);
        this.malformation = malformation;
    }

    public Malformation malformation() {
        return malformation;
    }
}
