package io.lumen.protocol.moonlight.impl.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/** The stream ports' UDP sockets: bound without sharing, closed without a second failure hiding the first. */
public final class UdpSockets {

    private UdpSockets() {
    }

    /**
     * A socket bound to {@code address} (port 0 picks one); a port another host holds is a failure, never shared.
     * Nothing stays open when binding fails.
     */
    public static DatagramChannel bind(InetSocketAddress address) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            channel.bind(address);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Closes {@code channel} if there is one; a failure to close leaves nothing else to do. */
    public static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the socket is unusable either way, and the caller reports what made it close
            }
        }
    }
}
