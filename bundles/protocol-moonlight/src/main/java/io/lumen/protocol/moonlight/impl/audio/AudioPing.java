package io.lumen.protocol.moonlight.impl.audio;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Recognises the client's pings on the audio port. A current client sends {@code SS_PING}: the 16 bytes of
 * {@code X-SS-Ping-Payload} then a big-endian 32-bit counter, every 500 ms; the host matches the first 16 bytes
 * and, like Sunshine, accepts longer datagrams that start with them. A client without session ids
 * ({@code ML_FF_SESSION_ID_V1}) sends the 4 bytes "PING", accepted only from the address the session expects.
 */
final class AudioPing {

    static final int SS_PING_BYTES = AudioStreamParams.PING_PAYLOAD_BYTES + Integer.BYTES;
    private static final byte[] LEGACY = {'P', 'I', 'N', 'G'};

    private final byte[] payload;
    private final InetAddress clientAddress;
    private final boolean legacyAllowed;

    /** {@code clientAddress}: the only address pings count from; null: any (and no legacy ping, which needs it). */
    AudioPing(byte[] payload, InetAddress clientAddress, boolean legacyAllowed) {
        this.payload = payload.clone();
        this.clientAddress = clientAddress;
        this.legacyAllowed = legacyAllowed && clientAddress != null;
    }

    /** Whether {@code datagram} (position to limit) from {@code sender} is this session's ping. */
    boolean matches(ByteBuffer datagram, InetSocketAddress sender) {
        if (clientAddress != null && !clientAddress.equals(sender.getAddress())) {
            return false;
        }
        int length = datagram.remaining();
        if (length == LEGACY.length) {
            return legacyAllowed && startsWith(datagram, LEGACY);
        }
        return length >= SS_PING_BYTES && startsWith(datagram, payload);
    }

    private static boolean startsWith(ByteBuffer datagram, byte[] prefix) {
        byte[] head = new byte[prefix.length];
        datagram.get(datagram.position(), head);
        return Arrays.equals(head, prefix);
    }
}
