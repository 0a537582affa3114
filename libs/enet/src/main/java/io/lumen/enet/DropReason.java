package io.lumen.enet;

/** Why a received datagram (or the rest of one) was discarded; {@link EnetHostStats} counts each. */
public enum DropReason {
    /** shorter than its header, a command or a payload length, or no command at all */
    TRUNCATED,
    /** longer than ENet's largest datagram (4096 bytes) */
    OVERSIZED,
    /** the COMPRESSED flag; no compressor is ever negotiated */
    COMPRESSED,
    /** command number 0 or 13-15 */
    UNKNOWN_COMMAND,
    /** a field out of range: fragment geometry, a reliable command without the header's sentTime, a stray CONNECT */
    MALFORMED,
    /** addressed to a peer id that is not in use */
    UNKNOWN_PEER,
    /** the session id is not the connection's (a datagram of an earlier connection in the same slot) */
    SESSION_MISMATCH,
    /** the right peer id and session, but not from the connection's address */
    FOREIGN_ADDRESS,
    /** a well-formed command the connection refuses in its state: data before it is connected, an unknown channel, a full buffer */
    REJECTED,
    /** a CONNECT that gets no peer: all slots busy, a bad channel count, or a repeat of one already being answered */
    CONNECT_REFUSED,
    /** a CONNECT whose data the listener does not admit: no slot, no answer, nothing else of the datagram looked at */
    CONNECT_DENIED,
    /** a fragment whose count, number, offset or length disagree with its total length or with the fragments before it */
    FRAGMENT_MISMATCH,
    /** data the peer's or the host's reassembly budget has no room for (reliable data is not acknowledged, so it comes again) */
    OVER_BUDGET,
    /** a bug in this implementation; the datagram is dropped and the host carries on */
    INTERNAL_ERROR
}
