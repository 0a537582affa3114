package io.lumen.testkit.moonlight;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;

/**
 * AES-GCM as the client side of RTSP and the control stream uses it: a 12-byte IV of a little-endian counter,
 * zeros, the sender ('C' client, 'H' host) and the stream ('R' RTSP, 'C' control); on the wire the 16-byte tag
 * goes in front of the ciphertext, where the JCE puts it after.
 */
final class ClientGcm {

    static final int TAG_BYTES = 16;

    private ClientGcm() {
    }

    static byte[] iv(int counter, char sender, char stream) {
        byte[] iv = new byte[12];
        ByteBuffer.wrap(iv).order(ByteOrder.LITTLE_ENDIAN).putInt(counter);
        iv[10] = (byte) sender;
        iv[11] = (byte) stream;
        return iv;
    }

    /** The tag, then the ciphertext of {@code plain}. */
    static byte[] seal(byte[] key, byte[] iv, byte[] plain) {
        byte[] sealed = run(key, Cipher.ENCRYPT_MODE, iv, plain);
        if (sealed == null) {
            throw new IllegalStateException("AES-GCM encryption failed");
        }
        byte[] out = new byte[sealed.length];
        System.arraycopy(sealed, plain.length, out, 0, TAG_BYTES);
        System.arraycopy(sealed, 0, out, TAG_BYTES, plain.length);
        return out;
    }

    /**
     * The plaintext of {@code wire} from {@code tagAt} on (the tag, then the ciphertext to the end), or null when
     * the tag does not match: sealed with another key, or altered.
     */
    static byte[] open(byte[] key, byte[] iv, byte[] wire, int tagAt) {
        int length = wire.length - tagAt - TAG_BYTES;
        byte[] reordered = new byte[length + TAG_BYTES];
        System.arraycopy(wire, tagAt + TAG_BYTES, reordered, 0, length);
        System.arraycopy(wire, tagAt, reordered, length, TAG_BYTES);
        return run(key, Cipher.DECRYPT_MODE, iv, reordered);
    }

    private static byte[] run(byte[] key, int mode, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
