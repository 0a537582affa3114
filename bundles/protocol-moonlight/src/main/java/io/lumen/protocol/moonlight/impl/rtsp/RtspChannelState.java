package io.lumen.protocol.moonlight.impl.rtsp;

import io.lumen.protocol.moonlight.impl.crypto.GcmCipher;
import io.lumen.protocol.moonlight.impl.launch.LaunchSession;

import javax.crypto.AEADBadTagException;

/**
 * The encrypted RTSP of one launch: its key, the host's reply counter and the highest client counter seen. The
 * client numbers its messages from 1 across all its connections, so a counter at or below the last one is a
 * replay, refused. Plain RTSP (a client without {@code corever}) has no state to keep.
 */
final class RtspChannelState {

    private final LaunchSession launch;
    private final GcmCipher cipher;
    private long lastClientCounter;
    private int hostCounter;

    RtspChannelState(LaunchSession launch) {
        this.launch = launch;
        this.cipher = launch.parameters().coreVersion() >= 1 ? new GcmCipher(launch.parameters().rikey()) : null;
    }

    LaunchSession launch() {
        return launch;
    }

    boolean encrypted() {
        return cipher != null;
    }

    /** Decrypts a client message; the counter must be new and the tag must match. */
    synchronized byte[] open(int counter, byte[] sealed) throws RtspException {
        long unsigned = Integer.toUnsignedLong(counter);
        if (unsigned <= lastClientCounter) {
            throw new RtspException(400, 0, "replayed message (counter " + unsigned + ", last " + lastClientCounter + ")");
        }
        byte[] plain;
        try {
            plain = cipher.open(GcmCipher.counterIv(counter, 'C', 'R'), sealed, 0, sealed.length);
        } catch (AEADBadTagException e) {
            throw new RtspException(400, 0, "message fails its authentication tag (wrong key or altered)");
        }
        lastClientCounter = unsigned;
        return plain;
    }

    /** The reply in its wire form: plain, or the 24-byte header (length with the top bit, counter, tag) and ciphertext. */
    synchronized byte[] seal(byte[] plain) {
        if (cipher == null) {
            return plain;
        }
        int counter = ++hostCounter;
        byte[] out = new byte[RtspFrameDecoder.SEALED_HEADER + plain.length];
        putInt(out, 0, RtspFrameDecoder.ENCRYPTED_BIT | plain.length);
        putInt(out, 4, counter);
        cipher.seal(GcmCipher.counterIv(counter, 'H', 'R'), plain, 0, plain.length, out, 8);
        return out;
    }

    private static void putInt(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
    }
}
