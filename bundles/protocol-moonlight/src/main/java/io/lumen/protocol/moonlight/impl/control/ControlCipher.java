package io.lumen.protocol.moonlight.impl.control;

import io.lumen.protocol.moonlight.impl.crypto.GcmCipher;
import io.lumen.protocol.moonlight.impl.crypto.ReplayWindow;

import javax.crypto.AEADBadTagException;

/**
 * The encrypted control stream (PROTOCOL-DETAIL.md 5): each ENet packet is {@code LE16 0x0001, LE16 length
 * (counter + tag + ciphertext), LE32 counter, tag[16], ciphertext} of a framed {@link ControlMessage}. The IV is
 * version 2 (12 bytes: the counter little-endian, then 'C' or 'H' for the sender and 'C' for control) when the
 * client enabled SS_ENC_CONTROL_V2, else NVIDIA's 16-byte IV holding only the counter's low byte. Each direction
 * counts from 0.
 * <p>
 * The legacy IV is weak beyond repair, which is why it serves only clients that cannot do v2 (and none under
 * {@code encryption=mandatory}): the IV repeats every 256 messages and is the same in both directions under one
 * key, so AES-GCM's nonce is reused (an eavesdropper on a long session can learn enough to forge), and a message
 * recorded 256 x n messages earlier whose low byte lies just ahead of the client's next one still opens and is
 * taken as new. What the replay window can still do is judge only what the tag covers: the low byte, widened
 * against the highest counter accepted; the three high bytes as sent are ignored, so rewriting them cannot make
 * an accepted message pass for a new one.
 */
public final class ControlCipher {

    static final int ENCRYPTED_HEADER_TYPE = 0x0001;
    static final int HEADER = 8;

    private final GcmCipher cipher;
    private final boolean ivVersion2;
    private final ReplayWindow replays = new ReplayWindow();
    private final char received;
    private final char sent;
    private int sendCounter;

    private ControlCipher(byte[] key, boolean ivVersion2, char received, char sent) {
        this.cipher = new GcmCipher(key);
        this.ivVersion2 = ivVersion2;
        this.received = received;
        this.sent = sent;
    }

    /** The host's side: opens what the client ('C') sealed, seals as 'H'. */
    public static ControlCipher host(byte[] key, boolean ivVersion2) {
        return new ControlCipher(key, ivVersion2, 'C', 'H');
    }

    /** The client's side, for the test client. */
    public static ControlCipher client(byte[] key, boolean ivVersion2) {
        return new ControlCipher(key, ivVersion2, 'H', 'C');
    }

    public synchronized byte[] seal(ControlMessage message) {
        int counter = sendCounter++;
        byte[] plain = message.bytes();
        byte[] out = new byte[HEADER + GcmCipher.TAG_LENGTH + plain.length];
        int length = 4 + GcmCipher.TAG_LENGTH + plain.length;
        out[0] = (byte) ENCRYPTED_HEADER_TYPE;
        out[2] = (byte) length;
        out[3] = (byte) (length >>> 8);
        out[4] = (byte) counter;
        out[5] = (byte) (counter >>> 8);
        out[6] = (byte) (counter >>> 16);
        out[7] = (byte) (counter >>> 24);
        cipher.seal(iv(counter, sent), plain, 0, plain.length, out, HEADER);
        return out;
    }

    /**
     * Opens one packet.
     *
     * @throws ControlRejected naming why: not encrypted, a runt, a length that disagrees, a replay, a bad tag
     */
    public ControlMessage open(byte[] packet) throws ControlRejected {
        if (packet.length < HEADER + GcmCipher.TAG_LENGTH + 4) {
            throw new ControlRejected("runt", "an encrypted control packet of " + packet.length + " bytes");
        }
        int headerType = (packet[0] & 0xff) | (packet[1] & 0xff) << 8;
        if (headerType != ENCRYPTED_HEADER_TYPE) {
            throw new ControlRejected("unencrypted", "a packet of type 0x" + Integer.toHexString(headerType)
                    + " where the stream is encrypted");
        }
        int length = (packet[2] & 0xff) | (packet[3] & 0xff) << 8;
        if (length != packet.length - 4) {
            throw new ControlRejected("length", "encrypted length " + length + " for " + (packet.length - 4)
                    + " bytes");
        }
        int counter = (packet[4] & 0xff) | (packet[5] & 0xff) << 8 | (packet[6] & 0xff) << 16
                | (packet[7] & 0xff) << 24;
        byte[] plain;
        // one Cipher serves both directions: the ENet thread opens while feedback and keyframe threads seal
        synchronized (this) {
            try {
                plain = cipher.open(iv(counter, received), packet, HEADER, packet.length - HEADER);
            } catch (AEADBadTagException e) {
                throw new ControlRejected("tag", "authentication tag mismatch (counter "
                        + Integer.toUnsignedString(counter) + ")");
            }
            // only after the tag: a forger must not move the window; legacy IVs authenticate the low byte only
            if (!(ivVersion2 ? replays.accept(counter) : replays.acceptLowByte(counter))) {
                throw new ControlRejected("replay", "counter " + Integer.toUnsignedString(counter) + " seen before");
            }
        }
        try {
            return ControlMessage.parse(plain);
        } catch (IllegalArgumentException e) {
            throw new ControlRejected("framing", e.getMessage());
        }
    }

    private byte[] iv(int counter, char direction) {
        if (ivVersion2) {
            return GcmCipher.counterIv(counter, direction, 'C');
        }
        byte[] legacy = new byte[16];
        legacy[0] = (byte) counter; // NVIDIA's truncation, which clients mimic
        return legacy;
    }
}
