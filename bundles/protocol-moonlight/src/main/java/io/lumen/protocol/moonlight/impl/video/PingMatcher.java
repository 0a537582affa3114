package io.lumen.protocol.moonlight.impl.video;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Tells the client's video pings from anything else arriving on the video port (Sunshine's recv_ping and its
 * dispatcher). moonlight-common-c sends {@code SS_PING} (the 16 payload characters from SETUP, then a BE32
 * sequence number) every 500 ms; it falls back to the 4 bytes {@code PING} only when the host gave no payload.
 * Sunshine accepts that legacy ping only from clients without ML_FF_SESSION_ID_V1, and only from the RTSP
 * client's address, since it carries nothing else to tell sessions apart. lumen holds every ping to that address:
 * the payload travels in the clear with plain RTSP, so on its own it proves little.
 */
final class PingMatcher {

    enum Kind { PING, LEGACY_PING, FOREIGN }

    static final int PING_BYTES = VideoStreamParams.PING_PAYLOAD_LENGTH + Integer.BYTES;
    private static final byte[] LEGACY = "PING".getBytes(StandardCharsets.US_ASCII);

    private final byte[] payload;
    private final boolean legacyAllowed;
    private final InetAddress clientAddress;

    /** {@code clientAddress}: the only address pings count from (the launching client's); null: any, no legacy. */
    PingMatcher(String payload, boolean sessionIdV1, InetAddress clientAddress) {
        this.payload = payload.getBytes(StandardCharsets.US_ASCII);
        this.legacyAllowed = !sessionIdV1 && clientAddress != null;
        this.clientAddress = clientAddress;
    }

    /** Classifies the datagram between its position and limit; does not move them. */
    Kind classify(ByteBuffer datagram, InetSocketAddress source) {
        if (clientAddress != null && !clientAddress.equals(source.getAddress())) {
            return Kind.FOREIGN;
        }
        int length = datagram.remaining();
        int at = datagram.position();
        // Sunshine keys SS_PING by its first 16 bytes and accepts anything from 20 bytes up
        if (length >= PING_BYTES && startsWith(datagram, at, payload)) {
            return Kind.PING;
        }
        if (legacyAllowed && length == LEGACY.length && startsWith(datagram, at, LEGACY)) {
            return Kind.LEGACY_PING;
        }
        return Kind.FOREIGN;
    }

    private static boolean startsWith(ByteBuffer datagram, int at, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (datagram.get(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
