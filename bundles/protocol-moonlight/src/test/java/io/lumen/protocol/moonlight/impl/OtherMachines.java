package io.lumen.protocol.moonlight.impl;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Other machines on the LAN, played by other loopback addresses: Linux routes all of 127/8 to lo, so a socket bound
 * to 127.0.0.2 reaches the host from a peer address that is not the client's.
 */
public final class OtherMachines {

    private OtherMachines() {
    }

    /** 127.0.0.{@code last}. */
    public static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 127.0.0.{@code last}, once a socket could bind it; the test is skipped on a loopback without it. */
    public static InetAddress usable(int last) {
        InetAddress address = loopback(last);
        try (Socket probe = new Socket()) {
            probe.bind(new InetSocketAddress(address, 0));
        } catch (IOException e) {
            Assumptions.abort("this machine's loopback has no " + address.getHostAddress()
                    + " to play another machine: " + e);
        }
        return address;
    }
}
