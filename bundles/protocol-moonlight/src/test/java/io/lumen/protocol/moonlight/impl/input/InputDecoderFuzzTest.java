package io.lumen.protocol.moonlight.impl.input;

import io.lumen.api.input.BatteryState;
import io.lumen.api.input.GamepadType;
import io.lumen.api.input.InputEvent;
import io.lumen.api.input.InputKind;
import io.lumen.api.input.MotionSensor;
import io.lumen.api.input.MouseButton;
import io.lumen.api.input.PenTool;
import io.lumen.api.input.TouchAction;
import io.lumen.protocol.moonlight.impl.input.InputRejectedException.Reason;
import io.lumen.testkit.moonlight.ClientInput;
import com.code_intelligence.jazzer.junit.FuzzTest;
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
 * Random and mutated packets, from a fixed seed, and coverage-guided ({@link #anyPacket}, seeded with one packet of
 * every kind): the decoder either returns an event (whose record checked its own ranges) or rejects with a reason,
 * and nothing else, whatever the bytes.
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
            Reason reason = outcome(ClientInput.fields(entry[0]).bytes(body).packet());
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

    @FuzzTest
    void anyPacket(byte[] packet) {
        outcome(packet);
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

    /** One packet of every kind, as the client sends it. */
    private static List<byte[]> samples() {
        return List.of(
                ClientInput.key(0x41, true, 1, false),
                ClientInput.mouseMove(-3, 4),
                ClientInput.mousePosition(820, 192, 1440, 810),
                ClientInput.mouseButton(MouseButton.LEFT, true),
                ClientInput.scroll(120),
                ClientInput.horizontalScroll(-120),
                ClientInput.text("€").getFirst(),
                ClientInput.gamepad(0, 1, 0x1000, 0, 0, 0, 0, 0, 0),
                ClientInput.enableHaptics(),
                ClientInput.touch(TouchAction.DOWN, 5, 0.5f, 0.5f, 0.5f, 0f, 0f, ClientInput.UNKNOWN_ROTATION),
                ClientInput.pen(TouchAction.MOVE, PenTool.PEN, 0, 0.5f, 0.5f, 0.5f, 0f, 0f, 0, 30),
                ClientInput.gamepadArrival(0, GamepadType.XBOX, 0x3, 0xFFFF),
                ClientInput.gamepadTouchpad(0, TouchAction.DOWN, 0, 1, 0.5f, 0.5f, 0.5f),
                ClientInput.gamepadMotion(0, MotionSensor.GYROSCOPE, 1f, 2f, 3f),
                ClientInput.gamepadBattery(0, BatteryState.DISCHARGING, 50));
    }
}
