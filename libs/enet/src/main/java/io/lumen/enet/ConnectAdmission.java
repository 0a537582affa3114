package io.lumen.enet;

import java.net.InetSocketAddress;

/**
 * Decides, when a CONNECT arrives, whether it may have a peer slot at all. A refused CONNECT gets no slot and no
 * VERIFY_CONNECT, and nothing else in its datagram is looked at, so a stranger without the right connect data costs
 * the host the decoding of one datagram and nothing more.
 */
@FunctionalInterface
public interface ConnectAdmission {

    /** Called on the host's service thread; {@code data} is the CONNECT's 32-bit user data. Must not block. */
    boolean admits(InetSocketAddress from, int data);
}
