package io.lumen.enet;

/** How a packet travels; the three ENet packet kinds. */
public enum Delivery {
    /** Retransmitted until acknowledged; delivered once, in order with the channel's other reliable packets. */
    RELIABLE,
    /**
     * Sent once; may be lost, but never arrives after a newer unreliable packet of its channel or ahead of a reliable
     * packet sent before it. Packets too large for one datagram travel as reliable fragments, as in ENet.
     */
    UNRELIABLE,
    /** Sent once, delivered as soon as it arrives (duplicates suppressed). Large ones go reliable, as in ENet. */
    UNSEQUENCED
}
