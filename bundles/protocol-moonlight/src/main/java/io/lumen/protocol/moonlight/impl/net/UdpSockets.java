package io.lumen.protocol.moonlight.impl.net;

import io.lumen.log.WarnOnce;
import io.lumen.nativeaccess.net.UdpSocket;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/** The stream ports' UDP sockets: bound without sharing, closed without a second failure hiding the first. */
public final class UdpSockets {

    private static final WarnOnce WARN_ONCE = new WarnOnce(System.getLogger("lumen.moonlight.net"));

    private UdpSockets() {
    }

    /**
     * A stream port bound to {@code address} (port 0 picks one), never shared: on the native socket, or on a
     * DatagramChannel when the native one cannot be had for a reason other than the address itself.
     */
    public static DatagramPort bindPort(InetSocketAddress address) throws IOException {
        try {
            return new NativeDatagramPort(UdpSocket.open(address));
        } catch (BindException e) {
            throw e;
        } catch (IOException | RuntimeException | LinkageError e) {
            WARN_ONCE.warn("no native UDP", "the native UDP socket is unavailable (" + e
                    + "): stream ports send one datagram per call through a DatagramChannel");
            return DatagramPort.of(bind(address));
        }
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

    /** Closes {@code port} if there is one. */
    public static void closeQuietly(DatagramPort port) {
        if (port != null) {
            port.close();
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
