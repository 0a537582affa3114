package io.lumen.enet;

/**
 * What a host reports, always on its service thread, one call at a time. A call that throws is logged and the host
 * carries on. Calls should return quickly: the thread also acknowledges and retransmits for every peer.
 */
public interface EnetListener {

    /**
     * Whether a CONNECT from {@code from} with {@code data} may have a peer slot (host role), asked before anything is
     * allocated for it; refusing here, rather than disconnecting in {@link #connected}, means none of the stranger's
     * commands is ever processed. Admits everyone unless overridden.
     */
    default boolean admits(java.net.InetSocketAddress from, int data) {
        return true;
    }

    /**
     * A connection is up: a client's CONNECT was verified and acknowledged (host role, {@code data} is the client's
     * connect data, Moonlight's X-SS-Connect-Data), or our own connect completed (client role, {@code data} is 0).
     */
    void connected(EnetPeer peer, int data);

    /** A packet from a connected peer; the array is the listener's to keep. */
    void received(EnetPeer peer, int channel, byte[] packet);

    /**
     * A connected peer is gone, once per {@link #connected}, except when the host itself closes. A graceful
     * disconnect of ours whose DISCONNECT is never acknowledged ends after the peer timeout, still as {@code LOCAL}.
     *
     * @param data the peer's DISCONNECT data ({@code REMOTE}), ours ({@code LOCAL}), or 0 ({@code TIMEOUT})
     */
    void disconnected(EnetPeer peer, EnetPeer.DisconnectReason reason, int data);
}
