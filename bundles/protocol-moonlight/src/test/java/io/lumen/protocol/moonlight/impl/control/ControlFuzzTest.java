package io.lumen.protocol.moonlight.impl.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lumen.protocol.moonlight.impl.crypto.GcmCipher;

import java.util.HashSet;
import java.util.Set;

/**
 * Coverage-guided, the control stream's decrypted messages and the envelope around them. A message parses to
 * exactly its bytes or is refused with an {@link IllegalArgumentException}. {@link ControlCipher#open}, with a fixed
 * key in either IV scheme, takes a sequence of raw packets and of packets the client honestly sealed under a
 * counter of the fuzzer's choosing (perhaps with one bit flipped afterwards); only a {@link ControlRejected} may
 * escape and an altered packet never opens; with the v2 IV, an intact packet under a counter above all accepted ones
 * opens and a counter accepted before is a replay.
 */
class ControlFuzzTest {

    private static final byte[] KEY = {16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1};

    @FuzzTest
    void messages(byte[] framed) {
        ControlMessage message;
        try {
            message = ControlMessage.parse(framed);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertArrayEquals(framed, message.bytes());
        assertEquals(framed.length - 4, message.length());
    }

    @FuzzTest
    void open(FuzzedDataProvider data) {
        boolean ivVersion2 = data.consumeBoolean();
        ControlCipher host = ControlCipher.host(KEY, ivVersion2);
        Set<Long> passedTheTag = new HashSet<>();
        long highest = -1;
        for (int packets = data.consumeInt(1, 8); packets > 0 && data.remainingBytes() > 0; packets--) {
            int counter = data.consumeInt();
            int kind = data.consumeInt(0, 2);
            byte[] packet;
            byte[] plain = null;
            boolean framedMessage = false;
            int flip = -1;
            if (kind == 0) {
                packet = data.consumeBytes(data.consumeInt(0, 700));
            } else {
                if (kind == 1) {
                    plain = new ControlMessage(data.consumeInt(0, 0xffff), data.consumeBytes(data.consumeInt(0, 600))).bytes();
                    framedMessage = true;
                } else {
                    plain = data.consumeBytes(data.consumeInt(0, 600));
                }
                packet = seal(counter, plain, ivVersion2);
                flip = data.consumeInt(-1, packet.length * 8 - 1);
                if (flip >= 0) {
                    packet[flip / 8] ^= (byte) (1 << (flip % 8));
                }
            }
            long unsigned = Integer.toUnsignedLong(counter);
            // a sealed packet shorter than a message header is a runt, refused before the tag
            boolean intact = kind != 0 && flip < 0 && plain.length >= 4;
            if (!ivVersion2 && flip / 8 >= 5 && flip / 8 <= 7) {
                // the legacy IV holds the counter's low byte only: its three high bytes are not authenticated, so
                // a packet altered there opens (issue 19's legacy finding; the replay check is being moved onto the
                // low byte on another branch), and this test's counter model ends here
                openQuietly(host, packet);
                return;
            }
            try {
                ControlMessage opened = host.open(packet);
                assertTrue(intact, "an altered or raw packet opened (counter " + unsigned + ")");
                if (!ivVersion2) {
                    assertArrayEquals(plain, opened.bytes());
                    continue; // the legacy replay model is the low byte's, settled on another branch of issue 19
                }
                assertTrue(passedTheTag.add(unsigned), "a replay opened (counter " + unsigned + ")");
                highest = Math.max(highest, unsigned);
                assertArrayEquals(plain, opened.bytes());
            } catch (ControlRejected refused) {
                if (!ivVersion2) {
                    continue;
                }
                if (intact && passedTheTag.contains(unsigned)) {
                    assertEquals("replay", refused.reason());
                } else if (intact && refused.reason().equals("framing")) {
                    assertTrue(!framedMessage, "a framed message was refused as framing");
                    assertTrue(passedTheTag.add(unsigned), "a replay reached the framing check");
                    highest = Math.max(highest, unsigned);
                } else if (intact && unsigned > highest) {
                    fail("an intact packet under the new counter " + unsigned + " was refused: " + refused.reason());
                }
            }
        }
    }

    private static void openQuietly(ControlCipher host, byte[] packet) {
        try {
            host.open(packet);
        } catch (ControlRejected refused) {
            // either outcome keeps the contract
        }
    }

    /** A packet as the client seals it: LE type 1, LE length, LE counter, tag, ciphertext. */
    private static byte[] seal(int counter, byte[] plain, boolean ivVersion2) {
        byte[] iv;
        if (ivVersion2) {
            iv = GcmCipher.counterIv(counter, 'C', 'C');
        } else {
            iv = new byte[16];
            iv[0] = (byte) counter;
        }
        byte[] packet = new byte[ControlCipher.HEADER + GcmCipher.TAG_LENGTH + plain.length];
        int length = packet.length - 4;
        packet[0] = (byte) ControlCipher.ENCRYPTED_HEADER_TYPE;
        packet[2] = (byte) length;
        packet[3] = (byte) (length >>> 8);
        for (int i = 0; i < 4; i++) {
            packet[4 + i] = (byte) (counter >>> 8 * i);
        }
        new GcmCipher(KEY).seal(iv, plain, 0, plain.length, packet, ControlCipher.HEADER);
        return packet;
    }
}
