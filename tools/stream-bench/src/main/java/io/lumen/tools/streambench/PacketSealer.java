package io.lumen.tools.streambench;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.SplittableRandom;

/**
 * The per-packet work of an encrypted Moonlight video stream, for the send-path rounds: one shard sealed with
 * AES-128-GCM under a fresh counter IV into a 32-byte header (IV, frame number, the tag moved there) and the
 * ciphertext, wherever the caller's datagram starts. The host's own VideoEncryptor is package-private; this is
 * the same sequence of JCE calls (on arrays, copied from and to the off-heap shard and datagram), so its cost is
 * the host's.
 */
final class PacketSealer {

    static final int HEADER_BYTES = 32;
    static final int TAG_BYTES = 16;
    private static final int TAG_AT = 16;
    private static final int FRAME_AT = 12;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] iv = new byte[12];
    private final ByteBuffer shard;
    private final int shardBytes;
    private final byte[] plain;
    private final byte[] sealed;
    private long counter;

    PacketSealer(byte[] key, int datagramBytes) throws GeneralSecurityException {
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        this.key = new SecretKeySpec(key, "AES");
        this.shardBytes = datagramBytes - HEADER_BYTES;
        this.shard = ByteBuffer.allocateDirect(shardBytes);
        SplittableRandom random = new SplittableRandom(datagramBytes);
        while (shard.hasRemaining()) {
            shard.put((byte) random.nextInt());
        }
        iv[11] = 'V';
        plain = new byte[shardBytes];
        sealed = new byte[shardBytes + TAG_BYTES];
    }

    /** Seals the shard into {@code out} as the datagram starting at {@code at}. */
    void seal(ByteBuffer out, int at) throws GeneralSecurityException {
        long invocation = counter++;
        for (int i = 0; i < Long.BYTES; i++) {
            iv[i] = (byte) (invocation >>> (8 * i));
        }
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, iv));
        shard.get(0, plain);
        cipher.doFinal(plain, 0, shardBytes, sealed, 0);
        out.put(at, iv);
        out.order(ByteOrder.LITTLE_ENDIAN).putInt(at + FRAME_AT, (int) (invocation >>> 6));
        out.put(at + TAG_AT, sealed, shardBytes, TAG_BYTES);
        out.put(at + HEADER_BYTES, sealed, 0, shardBytes);
    }
}
