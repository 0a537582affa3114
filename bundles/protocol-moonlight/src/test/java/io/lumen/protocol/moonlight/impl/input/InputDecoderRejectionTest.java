package io.lumen.protocol.moonlight.impl.input;

import io.lumen.protocol.moonlight.impl.input.InputRejectedException.Reason;
import io.lumen.testkit.moonlight.ClientInput;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Packets that must be turned away, each with its reason; and the reasons counted per session. */
class InputDecoderRejectionTest {

    private static final String SESSION = "1";

    private static Reason reasonFor(byte[] packet) {
        return assertThrows(InputRejectedException.class, () -> InputDecoder.decode(SESSION, packet)).reason();
    }

    @Test
    void shorterThanTheHeader() {
        byte[] packet = ClientInput.fields(0x07).be16(1).be16(1).packet();
        for (int length = 0; length < 8; length++) {
            assertEquals(Reason.TRUNCATED, reasonFor(Arrays.copyOf(packet, length)), length + " bytes");
        }
    }

    @Test
    void sizeFieldDisagreeingWithWhatArrived() {
        ClientInput.Fields move = ClientInput.fields(0x07).be16(1).be16(1);
        assertEquals(Reason.SIZE_MISMATCH, reasonFor(move.packetDeclaring(9)));
        assertEquals(Reason.SIZE_MISMATCH, reasonFor(move.packetDeclaring(7)));
        assertEquals(Reason.SIZE_MISMATCH, reasonFor(move.packetDeclaring(0)));
        assertEquals(Reason.SIZE_MISMATCH, reasonFor(move.packetDeclaring(-1)), "4 GB is not 8 bytes");
        assertEquals(Reason.SIZE_MISMATCH, reasonFor(move.packetDeclaring(Integer.reverseBytes(8))),
                "a little-endian size field");
        byte[] cut = Arrays.copyOf(move.packet(), 10);
        assertEquals(Reason.SIZE_MISMATCH, reasonFor(cut), "the packet lost its tail on the way");
    }

    @Test
    void largerThanAnyClientSends() {
        ClientInput.Fields huge = ClientInput.fields(0x17).zeros(121);
        assertEquals(129, huge.packet().length);
        assertEquals(Reason.OVERSIZED, reasonFor(huge.packet()));
    }

    @Test
    void bodiesShorterOrLongerThanTheirLayout() {
        int[][] magicAndLayout = {{0x03, 6}, {0x04, 6}, {0x05, 10}, {0x07, 4}, {0x08, 1}, {0x09, 1}, {0x0A, 6},
                {0x0C, 26}, {0x0D, 2}, {0x55000001, 2}, {0x55000002, 28}, {0x55000003, 28}, {0x55000004, 8},
                {0x55000005, 20}, {0x55000006, 16}, {0x55000007, 4}};
        for (int[] entry : magicAndLayout) {
            String what = String.format("magic 0x%08x", entry[0]);
            assertEquals(Reason.TRUNCATED, reasonFor(ClientInput.fields(entry[0]).zeros(entry[1] - 1).packet()), what);
            assertEquals(Reason.OVERSIZED, reasonFor(ClientInput.fields(entry[0]).zeros(entry[1] + 1).packet()), what);
            assertEquals(Reason.TRUNCATED, reasonFor(ClientInput.fields(entry[0]).packet()), what + ", no body");
        }
    }

    @Test
    void textEmptyTooLongOrNotUtf8() {
        assertEquals(Reason.TRUNCATED, reasonFor(ClientInput.fields(0x17).packet()));
        assertEquals(Reason.OVERSIZED, reasonFor(ClientInput.fields(0x17).bytes("y".repeat(33).getBytes(StandardCharsets.UTF_8)).packet()));
        assertEquals(Reason.INVALID_FIELD, reasonFor(ClientInput.fields(0x17).u8(0xC3).packet()), "half a character");
        assertEquals(Reason.INVALID_FIELD, reasonFor(ClientInput.fields(0x17).u8(0xFF).packet()));
        assertEquals(Reason.INVALID_FIELD, reasonFor(ClientInput.fields(0x17).u8(0xED).u8(0xA0).u8(0x80).packet()),
                "a lone surrogate");
    }

    @Test
    void magicsNoGen7ClientSends() {
        for (int magic : new int[] {0x00, 0x01, 0x02, 0x06, 0x0B, 0x0E, 0x16, 0x18, 0x0A000000, 0x05000000,
                0x55000000, 0x55000008, 0x01000055, 0xFFFFFFFF}) {
            assertEquals(Reason.UNKNOWN_MAGIC, reasonFor(ClientInput.fields(magic).zeros(4).packet()),
                    String.format("magic 0x%08x", magic));
        }
    }

    @Test
    void fieldsNamingWhatDoesNotExist() {
        assertEquals(Reason.INVALID_FIELD, reasonFor(ClientInput.fields(0x08).u8(0).packet()), "mouse button 0");
        assertEquals(Reason.INVALID_FIELD, reasonFor(ClientInput.fields(0x09).u8(6).packet()), "mouse button 6");
        assertEquals(Reason.INVALID_FIELD, reasonFor(pad(16)), "pad 16");
        assertEquals(Reason.INVALID_FIELD, reasonFor(pad(-1)), "pad -1");
        assertEquals(Reason.INVALID_FIELD,
                reasonFor(ClientInput.fields(0x55000004).u8(16).u8(1).le16(0).le32(0).packet()), "arrival of pad 16");
        assertEquals(Reason.INVALID_FIELD,
                reasonFor(ClientInput.fields(0x55000007).u8(200).u8(1).u8(1).u8(0).packet()), "battery of pad 200");
        assertEquals(Reason.INVALID_FIELD,
                reasonFor(ClientInput.fields(0x55000002).u8(8).zeros(27).packet()), "touch action 8");
        assertEquals(Reason.INVALID_FIELD,
                reasonFor(ClientInput.fields(0x55000003).u8(0xFF).zeros(27).packet()), "pen action 255");
        assertEquals(Reason.INVALID_FIELD,
                reasonFor(ClientInput.fields(0x55000005).u8(0).u8(9).zeros(18).packet()), "touchpad action 9");
        assertEquals(Reason.INVALID_FIELD, reasonFor(motion(0, 1f)), "motion sensor 0");
        assertEquals(Reason.INVALID_FIELD, reasonFor(motion(3, 1f)), "motion sensor 3");
        assertEquals(Reason.INVALID_FIELD, reasonFor(motion(2, Float.NaN)), "a gyro reading that is no number");
        assertEquals(Reason.INVALID_FIELD, reasonFor(motion(1, Float.POSITIVE_INFINITY)), "an infinite acceleration");
        assertEquals(Reason.INVALID_FIELD, reasonFor(mousePosition(0, 809)), "a reference 1 pixel wide");
        assertEquals(Reason.INVALID_FIELD, reasonFor(mousePosition(1439, -2)), "a negative reference height");
    }

    @Test
    void theMessageSaysWhy() {
        InputRejectedException rejected = assertThrows(InputRejectedException.class,
                () -> InputDecoder.decode(SESSION, ClientInput.fields(0x55000009).zeros(4).packet()));
        assertEquals("unknown magic: magic 0x55000009", rejected.getMessage());
        assertEquals(0, rejected.getStackTrace().length, "rejections are cheap: no stack");
    }

    @Test
    void callerMistakesAreNotClientRejections() {
        byte[] packet = ClientInput.fields(0x07).be16(1).be16(1).packet();
        assertThrows(IndexOutOfBoundsException.class, () -> InputDecoder.decode(SESSION, packet, 4, packet.length));
        assertThrows(NullPointerException.class, () -> InputDecoder.decode(null, packet));
    }

    @Test
    void rejectionsAreCountedByReason() {
        java.util.List<io.lumen.api.input.InputEvent> taken = new java.util.ArrayList<>();
        SessionInput session = new SessionInput(SESSION, (event, arrival) -> taken.add(event),
                System.getLogger("lumen.test.input"));
        byte[][] bad = {new byte[3], ClientInput.fields(0x07).be16(1).be16(1).packetDeclaring(3),
                ClientInput.fields(0x0E).zeros(2).packet(), ClientInput.fields(0x0E).zeros(2).packet(),
                ClientInput.fields(0x08).u8(9).packet(), ClientInput.fields(0x17).zeros(40).packet()};
        for (byte[] packet : bad) {
            assertEquals(false, session.receive(packet, 0, packet.length, System.nanoTime()));
        }
        InputStats stats = session.stats();
        assertEquals(1, stats.rejections(Reason.TRUNCATED));
        assertEquals(1, stats.rejections(Reason.SIZE_MISMATCH));
        assertEquals(2, stats.rejections(Reason.UNKNOWN_MAGIC));
        assertEquals(1, stats.rejections(Reason.INVALID_FIELD));
        assertEquals(1, stats.rejections(Reason.OVERSIZED));
        assertEquals(6, stats.rejections());
        assertEquals(0, stats.events());
        assertEquals(java.util.List.of(), taken, "nothing rejected reaches the session");
        assertTrue(stats.toString().contains("6 rejected (truncated 1, oversized 1, size mismatch 1, unknown magic 2, "
                + "invalid field 1)"), stats.toString());
    }

    private static byte[] pad(int controller) {
        return ClientInput.fields(0x0C).le16(0x1A).le16(controller).le16(1).le16(0x14).zeros(12).le16(0x9C).le16(0)
                .le16(0x55).packet();
    }

    private static byte[] motion(int sensor, float x) {
        return ClientInput.fields(0x55000006).u8(0).u8(sensor).zeros(2).leFloat(x).leFloat(0f).leFloat(0f).packet();
    }

    private static byte[] mousePosition(int widthField, int heightField) {
        return ClientInput.fields(0x05).be16(1).be16(1).be16(0).be16(widthField).be16(heightField).packet();
    }
}
