package io.lumen.protocol.moonlight.impl.pairing;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Who sent a pairing request: the uniqueid it claims (the same in every Moonlight client, so it proves little) and
 * the address it came from (which a LAN stranger cannot borrow for a TCP connection). An attempt belongs to the
 * caller that began it; no one else may advance or cancel it.
 */
public record PairingCaller(String uniqueId, InetAddress address) {

    public PairingCaller {
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(address, "address");
    }

    @Override
    public String toString() {
        return address.getHostAddress();
    }
}
