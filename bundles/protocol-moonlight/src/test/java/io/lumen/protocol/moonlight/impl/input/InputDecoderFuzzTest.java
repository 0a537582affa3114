package io.lumen.protocol.moonlight.impl.input;

import io.lumen.api.input.InputEvent;
import io.lumen.api.input.InputKind;
import io.lumen.protocol.moonlight.impl.input.InputRejectedException.Reason;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random and mutated packets, from a fixed seed: the decoder either returns an event (whose record checked its
 * own ranges) or rejects with a reason, and nothing else, whatever the bytes.
 */
class InputDecoderFuzzTest {

    private static final long SEED = 0x1_4E_5075_7446_757AL;
    private static final int[][] MAGIC_AND_LAYOUT = {{0x03, 6}, {0x04, 6}, {0x05, 10}, {0x07, 4}, {0x08, 1},
            {0x09, 1}, {0x0A, 6}, {0x0C, 26}, {0x0D, 2}, {0x17, 4}, {0x55000001, 2}, {0x55000002, 28},
            {0x55000003, 28}, {0x55000004, 8}, {0x55000005, 20}, {0x55000006, 16}, {0x55000007, 4}};

    private final Random random = new Random(SEED);
    private final Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
    private int decoded;

    @Test
    void randomBytes() {
        for (int i = 0; i < 10_000; i++) {
            byte[] packet = new byte[random.nextInt(140)];
            random.nextBytes(packet);
            outcome(packet);
        }
        assertTrue(reasons.containsKey(Reason.TRUNCATED) && reasons.containsKey(Reason.SIZE_MISMATCH), reasons::toString);
    }

    @Test
    void wellFramedPacketsWithRandomBodies() {
        for (int i = 0; i < 20_000; i++) {
            int[] entry = MAGIC_AND_LAYOUT[random.nextInt(MAGIC_AND_LAYOUT.length)];
            byte[] body = new byte[entry[1]];
            random.nextBytes(body);
            Reason reason = outcome(InputPackets.magic(entry[0]).bytes(body).packet());
            if (reason != null && reason != Reason.INVALID_FIELD) {
                fail(String.format("a body of the right length for magic 0x%08x was rejected as %s", entry[0], reason));
            }
        }
        assertTrue(decoded > 5_000, "many random bodies are valid events: " + decoded);
        assertTrue(reasons.containsKey(Reason.INVALID_FIELD), reasons::toString);
    }

    @Test
    void mutatedValidPackets() {
        List<byte[]> samples = samples();
        for (byte[] sample : samples) {
            assertEquals(null, outcome(sample), "the samples are valid");
        }
        for (int i = 0; i < 30_000; i++) {
            outcome(mutate(samples.get(random.nextInt(samples.size()))));
        }
        for (Reason reason : Reason.values()) {
            assertTrue(reasons.containsKey(reason), "mutations reach every reason: " + reasons);
        }
        assertTrue(decoded > 1_000, "some mutants are still events: " + decoded);
    }

    /** Null when the packet decoded, else the reason; fails the test on anything else. */
    private Reason outcome(byte[] packet) {
        try {
            InputEvent event = InputDecoder.decode("fuzz", packet);
            assertEquals("fuzz", event.sessionId());
            InputKind.of(event);
            decoded++;
            return null;
        } catch (InputRejectedException rejected) {
            reasons.merge(rejected.reason(), 1, Integer::sum);
            return rejected.reason();
        } catch (Throwable unexpected) {
            throw new AssertionError("decoding " + HexFormat.of().formatHex(packet) + " threw " + unexpected, unexpected);
        }
    }

    private byte[] mutate(byte[] sample) {
        byte[] packet = sample.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(7)) {
                case 0 -> packet[random.nextInt(packet.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> packet[random.nextInt(packet.length)] = (byte) random.nextInt(256);
                case 2 -> packet = Arrays.copyOf(packet, random.nextInt(packet.length + 1));
                case 3 -> packet = Arrays.copyOf(packet, packet.length + 1 + random.nextInt(120));
                case 4 -> {
                    // keep the size field honest so the mutation reaches the body checks
                    if (packet.length >= 4) {
                        ByteBuffer.wrap(packet).putInt(0, packet.length - 4);
                    }
                }
                case 5 -> {
                    if (packet.length >= 8) {
                        int[] other = MAGIC_AND_LAYOUT[random.nextInt(MAGIC_AND_LAYOUT.length)];
                        ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN).putInt(4, other[0]);
                    }
                }
                default -> {
                    if (packet.length >= 4) {
                        ByteBuffer.wrap(packet).putInt(0, random.nextInt(200) - 50);
                    }
                }
            }
            if (packet.length == 0) {
                break;
            }
        }
        return packet;
    }

    private static List<byte[]> samples() {
        return List.of(
                InputPackets.magic(0x03).u8(0).le16(0x8041).u8(1).le16(0).packet(),
                InputPackets.magic(0x07).be16(-3).be16(4).packet(),
                InputPackets.magic(0x05).be16(820).be16(192).be16(0).be16(1439).be16(809).packet(),
                InputPackets.magic(0x08).u8(1).packet(),
                InputPackets.magic(0x0A).be16(120).be16(120).be16(0).packet(),
                InputPackets.magic(0x55000001).be16(-120).packet(),
                InputPackets.magic(0x17).bytes(new byte[] {(byte) 0xE2, (byte) 0x82, (byte) 0xAC}).packet(),
                InputPackets.magic(0x0C).le16(0x1A).le16(0).le16(1).le16(0x14).le16(0x1000).u8(0).u8(0).zeros(8)
                        .le16(0x9C).le16(0).le16(0x55).packet(),
                InputPackets.magic(0x0D).le16(1).packet(),
                InputPackets.magic(0x55000002).u8(1).u8(0).le16(0xFFFF).le32(5).leFloat(0.5f).leFloat(0.5f)
                        .leFloat(0.5f).leFloat(0f).leFloat(0f).packet(),
                InputPackets.magic(0x55000003).u8(3).u8(1).u8(0).u8(0).leFloat(0.5f).leFloat(0.5f).leFloat(0.5f)
                        .le16(0).u8(30).u8(0).leFloat(0f).leFloat(0f).packet(),
                InputPackets.magic(0x55000004).u8(0).u8(1).le16(0x3).le32(0xFFFF).packet(),
                InputPackets.magic(0x55000005).u8(0).u8(1).u8(0).u8(0).le32(1).leFloat(0.5f).leFloat(0.5f)
                        .leFloat(0.5f).packet(),
                InputPackets.magic(0x55000006).u8(0).u8(2).zeros(2).leFloat(1f).leFloat(2f).leFloat(3f).packet(),
                InputPackets.magic(0x55000007).u8(0).u8(2).u8(50).u8(0).packet());
    }
}
