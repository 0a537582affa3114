package io.lumen.protocol.moonlight.impl.control;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Against the control-stream vectors of PROTOCOL-DETAIL.md 11.2 (a real session's key and plaintexts). */
class ControlCipherTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] KEY = HEX.parseHex("EDF04A215C4FBEA20934120C8480D855");

    private static ControlMessage message(String framedHex) {
        return ControlMessage.parse(HEX.parseHex(framedHex));
    }

    @Test
    void theClientSealsAsMoonlightDoesWithVersion2Ivs() {
        ControlCipher client = ControlCipher.client(KEY, true);
        assertEquals("01001A00000000007D927A00EF4E5BBF10CE59B6B4F61E2C1313586A7F98",
                HEX.formatHex(client.seal(message("020302000000"))));
        assertEquals("0100190001000000CB32B77D04E0FB964A107503286D59D40208CE6030",
                HEX.formatHex(client.seal(message("0703010000"))));
        assertEquals("01002000020000009132ECFCD75D94775729819BC69068695FEDDEB8F2814B078C07F55C",
                HEX.formatHex(client.seal(message("000208000400000000000000"))));
    }

    @Test
    void theHostOpensARealSessionsLegacyPacketsAndSealsItsTermination() throws Exception {
        ControlCipher legacy = ControlCipher.host(KEY, false);
        ControlMessage idr = legacy.open(HEX.parseHex("01001A0000000000BF0EB6DA10E47C702EC8644EB87D9CF7B6FAC9FF75CA"));
        assertEquals(ControlMessage.START_A_OR_IDR_REQUEST, idr.type());
        assertArrayEquals(new byte[2], idr.payload());
        ControlMessage input = legacy.open(HEX.parseHex(
                "01002A00060000005A4D999FB2542F85BDD39D99F77EB825254569D2C04E21241B5CEC01BD3F93129718ECC1F153"));
        assertEquals(ControlMessage.INPUT, input.type());
        assertEquals(18, input.length());

        ControlCipher host = ControlCipher.host(KEY, true);
        assertEquals("01001C00000000000C94D6B2BD8E8F6309EF535876BFA7BFC7A9ABC56EFA5D08",
                HEX.formatHex(host.seal(ControlMessage.termination(ControlMessage.TERMINATED_GRACEFULLY))));
    }

    @Test
    void replayedForgedAndPlainPacketsAreRejectedWithTheirReason() throws Exception {
        ControlCipher host = ControlCipher.host(KEY, true);
        ControlCipher client = ControlCipher.client(KEY, true);
        byte[] first = client.seal(message("020302000000"));
        host.open(first);
        assertEquals("replay", assertThrows(ControlRejected.class, () -> host.open(first)).reason());
        byte[] forged = client.seal(message("0703010000"));
        forged[forged.length - 1] ^= 1;
        assertEquals("tag", assertThrows(ControlRejected.class, () -> host.open(forged)).reason());
        assertEquals("unencrypted", assertThrows(ControlRejected.class,
                () -> host.open(HEX.parseHex("00020800040000000000000000000000000000000000000000000000"))).reason());
        assertEquals("runt", assertThrows(ControlRejected.class, () -> host.open(new byte[5])).reason());
        byte[] truncated = java.util.Arrays.copyOf(client.seal(message("0703010000")), 28);
        assertEquals("length", assertThrows(ControlRejected.class, () -> host.open(truncated)).reason());
        assertEquals(ControlMessage.START_B, host.open(client.seal(message("0703010000"))).type(),
                "a forged packet did not consume the counter window");
        ControlCipher otherKey = ControlCipher.client(new byte[16], true);
        assertEquals("tag", assertThrows(ControlRejected.class, () -> host.open(otherKey.seal(message("0703010000"))))
                .reason());
    }

    /**
     * A legacy IV holds only the counter's low byte, so the three high bytes as sent are not authenticated: a
     * recorded packet renumbered by a multiple of 256 still has a matching tag, and must not pass for a new one.
     */
    @Test
    void aLegacyPacketRenumberedInItsUnauthenticatedBytesIsARefusedReplay() throws Exception {
        ControlCipher host = ControlCipher.host(KEY, false);
        ControlCipher client = ControlCipher.client(KEY, false);
        byte[] first = client.seal(message("020302000000"));
        assertEquals(ControlMessage.START_A_OR_IDR_REQUEST, host.open(first).type());
        for (int highBytes : new int[] {1, 0x100, 0x10000, 0xffffff}) {
            byte[] renumbered = first.clone();
            renumbered[5] = (byte) highBytes;
            renumbered[6] = (byte) (highBytes >>> 8);
            renumbered[7] = (byte) (highBytes >>> 16);
            assertEquals("replay", assertThrows(ControlRejected.class, () -> host.open(renumbered)).reason(),
                    "counter " + (highBytes << 8) + " sent for a packet sealed as 0");
        }
        for (int i = 1; i < 600; i++) { // a long session: the low byte wraps twice, every packet still opens
            assertEquals(ControlMessage.START_B, host.open(client.seal(message("0703010000"))).type(), "packet " + i);
        }
    }

    /**
     * The host opens the client's packets on the ENet thread while other threads seal feedback: one Cipher serves
     * both, so every open and every seal must still be right when they run at once.
     */
    @Test
    void sealingAndOpeningAtOnceLeaveEveryPacketRight() throws Exception {
        ControlCipher host = ControlCipher.host(KEY, true);
        ControlCipher client = ControlCipher.client(KEY, true);
        ControlCipher clientOpener = ControlCipher.client(KEY, true);
        int count = 20_000;
        byte[][] fromClient = new byte[count][];
        for (int i = 0; i < count; i++) {
            fromClient[i] = client.seal(message("020302000000"));
        }
        byte[][] fromHost = new byte[count][];
        java.util.concurrent.CompletableFuture<Void> sealing = java.util.concurrent.CompletableFuture.runAsync(() -> {
            for (int i = 0; i < count; i++) {
                fromHost[i] = host.seal(ControlMessage.hdrMode(false));
            }
        });
        int opened = 0;
        for (byte[] packet : fromClient) {
            opened += host.open(packet).type() == ControlMessage.START_A_OR_IDR_REQUEST ? 1 : 0;
        }
        sealing.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(count, opened, "every packet from the client opened");
        for (byte[] packet : fromHost) {
            clientOpener.open(packet); // throws on a tag the race spoiled
        }
    }
}
