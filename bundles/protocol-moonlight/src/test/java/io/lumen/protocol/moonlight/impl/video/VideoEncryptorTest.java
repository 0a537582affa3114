package io.lumen.protocol.moonlight.impl.video;

import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VideoEncryptorTest {

    private static final byte[] KEY = HexFormat.of().parseHex("EDF04A215C4FBEA20934120C8480D855");
    private static final int SHARD = 1360 + 16; // what a client announcing 1392 with encryption ends up with

    private static byte[] wire(ByteBuffer datagram) {
        byte[] bytes = new byte[datagram.remaining()];
        datagram.duplicate().get(bytes);
        return bytes;
    }

    /** The client's side: tag from the header, ciphertext after it, the IV from the packet. */
    private static byte[] open(byte[] datagram) throws Exception {
        byte[] sealed = new byte[datagram.length - 32 + 16];
        System.arraycopy(datagram, 32, sealed, 0, datagram.length - 32);
        System.arraycopy(datagram, 16, sealed, datagram.length - 32, 16);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, datagram, 0, 12));
        return cipher.doFinal(sealed);
    }

    @Test
    void theJceOpensWhatIsSealedWithTheTagMovedInFront() throws Exception {
        byte[] shard = new byte[SHARD];
        new Random(1).nextBytes(shard);
        VideoEncryptor encryptor = new VideoEncryptor(KEY, 0x0102030405060708L, SHARD);
        byte[] datagram = wire(encryptor.seal(ByteBuffer.wrap(shard), 4242));
        assertEquals(32 + SHARD, datagram.length);
        assertArrayEquals(HexFormat.of().parseHex("080706050403020100000056"), Arrays.copyOf(datagram, 12),
                "LE64 counter, zeros, 'V'");
        assertEquals(4242, Shards.le32(datagram, 12), "frame number");
        assertArrayEquals(shard, open(datagram));

        datagram[100] ^= 1;
        assertThrows(AEADBadTagException.class, () -> open(datagram), "a flipped bit fails authentication");
    }

    @Test
    void everyPacketGetsItsOwnIvEvenAcrossTheCounterWrap() throws Exception {
        VideoEncryptor encryptor = new VideoEncryptor(KEY, -5_000, SHARD);
        ByteBuffer shard = ByteBuffer.allocateDirect(SHARD);
        Set<String> ivs = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            byte[] datagram = wire(encryptor.seal(shard.clear(), i / 50 + 1));
            assertTrue(ivs.add(HexFormat.of().formatHex(datagram, 0, 12)), "IV reused at packet " + i);
            if (i % 997 == 0) {
                assertArrayEquals(new byte[SHARD], open(datagram));
            }
        }
        assertEquals(5_000, encryptor.nextCounter(), "the counter crossed 0");
    }
}
