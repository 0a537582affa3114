package io.lumen.protocol.moonlight.impl.video;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;

/**
 * AES-128-GCM for video shards (SS_ENC_VIDEO): the datagram is the 32-byte {@code ENC_VIDEO_HEADER} (iv[12],
 * LE32 frame number, tag[16]) and then the whole shard encrypted, no AAD. The JCE appends the tag to the
 * ciphertext; the wire wants it in the header, so it is moved there.
 *
 * <p>The IV follows Sunshine (NIST SP 800-38D 8.2.1): a 64-bit invocation counter in bytes 0-7, little-endian,
 * and the fixed field {@code 'V'} in byte 11 naming the video stream under the client's key. The counter steps
 * once per packet, so one encryptor never repeats an IV (2^64 packets). Sunshine starts it at 0 per session;
 * here it starts at a random value, so a second stream under the same key (a restarted stream in one launch)
 * does not walk the same IVs again.
 */
final class VideoEncryptor {

    private static final int TAG_BITS = VideoWire.TAG_BYTES * 8;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final int shardBytes;
    private final byte[] iv = new byte[VideoWire.ENC_IV_BYTES];
    private final ByteBuffer datagram;
    private final byte[] plain;
    private final byte[] sealed;
    private long counter;

    VideoEncryptor(byte[] key, long firstCounter, int shardBytes) throws GeneralSecurityException {
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        this.key = new SecretKeySpec(key, "AES");
        this.shardBytes = shardBytes;
        this.counter = firstCounter;
        this.iv[VideoWire.ENC_IV_BYTES - 1] = 'V';
        this.datagram = ByteBuffer.allocateDirect(VideoWire.ENC_HEADER_BYTES + shardBytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        this.plain = new byte[shardBytes];
        this.sealed = new byte[shardBytes + VideoWire.TAG_BYTES];
    }

    /** The counter the next packet's IV carries. */
    long nextCounter() {
        return counter;
    }

    /**
     * Encrypts one shard (its buffer from first to last byte) into the returned datagram, which is reused:
     * send it before sealing the next shard.
     */
    ByteBuffer seal(ByteBuffer shard, int frameIndex) throws GeneralSecurityException {
        sealInto(shard, frameIndex, datagram, 0);
        return datagram.clear();
    }

    /**
     * Encrypts one shard (its buffer from position to limit, which stay as they are) into {@code out} as the
     * datagram starting at {@code at}, for a batch sealed back to back.
     */
    void sealInto(ByteBuffer shard, int frameIndex, ByteBuffer out, int at) throws GeneralSecurityException {
        if (shard.remaining() != shardBytes) {
            throw new IllegalArgumentException("a shard is " + shardBytes + " bytes, not " + shard.remaining());
        }
        long invocation = counter++;
        for (int i = 0; i < Long.BYTES; i++) {
            iv[i] = (byte) (invocation >>> (8 * i));
        }
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        // the JCE's GCM runs a third faster on arrays than on direct buffers, copies included
        shard.get(shard.position(), plain);
        cipher.doFinal(plain, 0, shardBytes, sealed, 0);
        out.put(at, iv);
        out.order(ByteOrder.LITTLE_ENDIAN).putInt(at + VideoWire.ENC_FRAME_NUMBER, frameIndex);
        out.put(at + VideoWire.ENC_TAG, sealed, shardBytes, VideoWire.TAG_BYTES);
        out.put(at + VideoWire.ENC_HEADER_BYTES, sealed, 0, shardBytes);
    }
}
