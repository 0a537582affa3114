package io.lumen.enet.wire;

/**
 * What starts every datagram: a big-endian u16 holding the receiver's peer id (bits 0-11), the session id (bits 12-13)
 * and two flags, then the sender's clock (u16 milliseconds) when any command in the datagram is reliable.
 *
 * @param peerId     the id the receiver gave this connection; {@link #NO_PEER} while connecting
 * @param sessionId  0-3, lets a reused peer slot tell the new connection's datagrams from stale ones
 * @param compressed the COMPRESSED flag (never negotiated by Moonlight; such datagrams are rejected)
 * @param sentTime   the sender's clock, low 16 bits, or {@link #NO_SENT_TIME}
 */
public record ProtocolHeader(int peerId, int sessionId, boolean compressed, int sentTime) {

    public static final int FLAG_SENT_TIME = 0x8000;
    public static final int FLAG_COMPRESSED = 0x4000;
    public static final int SESSION_SHIFT = 12;
    public static final int SESSION_MASK = 0x3 << SESSION_SHIFT;
    /** The peer id of a CONNECT, whose sender has not been given one yet (ENet's maximum peer id). */
    public static final int NO_PEER = 0xFFF;
    public static final int NO_SENT_TIME = -1;
    /** ENet never sends, and never accepts, a datagram longer than this (its maximum MTU). */
    public static final int MAXIMUM_DATAGRAM = 4096;
    public static final int MINIMUM_MTU = 576;

    public ProtocolHeader {
        if ((peerId & ~NO_PEER) != 0 || (sessionId & ~3) != 0 || (sentTime != NO_SENT_TIME && (sentTime & ~0xFFFF) != 0)) {
            throw new IllegalArgumentException("protocol header field out of range: " + peerId + "/" + sessionId + "/" + sentTime);
        }
    }

    public boolean hasSentTime() {
        return sentTime != NO_SENT_TIME;
    }

    public int size() {
        return hasSentTime() ? 4 : 2;
    }
}
