package io.lumen.enet;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** Where {@link EnetProtocol} puts the datagrams it wants sent. */
@FunctionalInterface
public interface DatagramSink {

    /**
     * Sends {@code datagram} (position to limit) to {@code to}. The buffer is reused once this returns.
     *
     * @return false when the datagram could not be sent (counted, otherwise treated like a datagram lost on the way)
     */
    boolean send(InetSocketAddress to, ByteBuffer datagram);
}
