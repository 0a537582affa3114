package io.lumen.protocol.moonlight.impl.http;

import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.HexFormat;
import java.util.Optional;

/** The MAC address clients keep for Wake-on-LAN: that of the interface the client reached, else the first real one. */
final class NetworkAddresses {

    static final String NONE = "00:00:00:00:00:00";

    private NetworkAddresses() {
    }

    static String mac(SocketAddress local) {
        try {
            if (local instanceof InetSocketAddress address) {
                Optional<String> reached = mac(NetworkInterface.getByInetAddress(address.getAddress()));
                if (reached.isPresent()) {
                    return reached.get();
                }
            }
            return NetworkInterface.networkInterfaces().filter(NetworkAddresses::usable)
                    .map(NetworkAddresses::mac).flatMap(Optional::stream).findFirst().orElse(NONE);
        } catch (SocketException e) {
            return NONE;
        }
    }

    private static boolean usable(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback() && !nic.isVirtual();
        } catch (SocketException e) {
            return false;
        }
    }

    private static Optional<String> mac(NetworkInterface nic) {
        try {
            byte[] hardware = nic == null ? null : nic.getHardwareAddress();
            return hardware == null || hardware.length != 6 ? Optional.empty()
                    : Optional.of(HexFormat.ofDelimiter(":").formatHex(hardware));
        } catch (SocketException e) {
            return Optional.empty();
        }
    }
}
