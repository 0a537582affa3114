package io.lumen.protocol.moonlight.impl.audio;

import io.lumen.api.fec.FecCodec;
import io.lumen.fec.leopard.impl.Rs8AudioService;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The datagrams, byte by byte: RTP headers, FEC packets and parity, encryption. */
class AudioPacketizerTest {

    private static final FecCodec FEC = new Rs8AudioService();
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = HEX.parseHex("00112233445566778899aabbccddeeff");

    private record Sent(byte[] bytes, boolean parity) {
        ByteBuffer buffer() {
            return ByteBuffer.wrap(bytes);
        }

        int payloadType() {
            return bytes[1] & 0xff;
        }

        int sequenceNumber() {
            return buffer().getShort(2) & 0xffff;
        }

        int timestamp() {
            return buffer().getInt(4);
        }

        byte[] payload(int offset) {
            return Arrays.copyOfRange(bytes, offset, bytes.length);
        }
    }

    private static List<Sent> packetize(AudioPacketizer packetizer, byte[]... packets) {
        List<Sent> sent = new ArrayList<>();
        for (byte[] packet : packets) {
            packetizer.packetize(MemorySegment.ofArray(packet), (datagram, parity) -> {
                byte[] copy = new byte[datagram.remaining()];
                datagram.get(copy);
                sent.add(new Sent(copy, parity));
            });
        }
        return sent;
    }

    private static byte[][] fourPayloads() {
        return new byte[][] {HEX.parseHex("10111213"), HEX.parseHex("20212223"), HEX.parseHex("30313233"),
                HEX.parseHex("40414243")};
    }

    @Test
    void dataPacketsCarryRtpVersion2PayloadType97AndMillisecondTimestamps() {
        List<Sent> sent = packetize(new AudioPacketizer(5, null, FEC), fourPayloads());
        assertEquals(6, sent.size(), "4 data packets, then the block's 2 parity packets");
        for (int i = 0; i < 4; i++) {
            Sent data = sent.get(i);
            assertEquals(false, data.parity());
            assertEquals("8061", HEX.formatHex(data.bytes(), 0, 2), "V=2, no padding/extension/CSRC, PT 97");
            assertEquals(i, data.sequenceNumber());
            assertEquals(5 * i, data.timestamp(), "+packet duration per packet: milliseconds, not samples");
            assertEquals(0, data.buffer().getInt(8), "ssrc 0");
            assertArrayEquals(fourPayloads()[i], data.payload(12));
        }
    }

    @Test
    void parityPacketsFollowEveryFourthDataPacketWithTheFecHeader() {
        AudioPacketizer packetizer = new AudioPacketizer(10, null, FEC);
        packetize(packetizer, fourPayloads()); // block 0
        List<Sent> sent = packetize(packetizer, fourPayloads()); // block 4
        for (int x = 0; x < 2; x++) {
            Sent fec = sent.get(4 + x);
            assertEquals(true, fec.parity());
            assertEquals(0x80, fec.bytes()[0] & 0xff);
            assertEquals(127, fec.payloadType());
            assertEquals(7 + x + 1, fec.sequenceNumber(), "the last data sequence number + shard index + 1");
            assertEquals(0, fec.timestamp());
            assertEquals(0, fec.buffer().getInt(8), "ssrc 0");
            ByteBuffer header = fec.buffer().position(12);
            assertEquals(x, header.get(), "fecShardIndex");
            assertEquals(97, header.get(), "the data packets' payload type");
            assertEquals(4, header.getShort(), "baseSequenceNumber");
            assertEquals(40, header.getInt(), "baseTimestamp: the first data packet's");
            assertEquals(0, header.getInt(), "ssrc");
            assertEquals(4, fec.bytes().length - 24, "parity as long as the payloads");
        }
    }

    @Test
    void parityIsByteExactWithTheAudioVector() {
        // PROTOCOL-DETAIL.md 11.3, "Audio fixed matrix"
        List<Sent> sent = packetize(new AudioPacketizer(5, null, FEC), fourPayloads());
        assertEquals("98999a9b", HEX.formatHex(sent.get(4).payload(24)));
        assertEquals("dadbd8d9", HEX.formatHex(sent.get(5).payload(24)));
    }

    @Test
    void theIvIsRikeyIdPlusSequenceBigEndianThenZeros() {
        assertEquals("01020309" + "00".repeat(12), HEX.formatHex(AudioCipher.iv(0x01020304, 5)));
        assertEquals("00000000" + "00".repeat(12), HEX.formatHex(AudioCipher.iv(-1, 1)), "32-bit wrap");
        assertEquals("ffffcfc7" + "00".repeat(12), HEX.formatHex(AudioCipher.iv(-12345, 0)), "a signed rikeyid");
        assertEquals("0001ffff" + "00".repeat(12), HEX.formatHex(AudioCipher.iv(0x10000, 65535)));
    }

    @Test
    void encryptedPayloadsDecryptWithTheirOwnIvAndParityCoversTheCiphertext() throws Exception {
        int rikeyId = 0x7ffffffe; // the IV's counter wraps within the block
        AudioPacketizer packetizer = new AudioPacketizer(5, new AudioEncryption(KEY, rikeyId), FEC);
        byte[][] opus = {new byte[60], new byte[60], new byte[60], new byte[60]};
        for (int i = 0; i < 4; i++) {
            Arrays.fill(opus[i], (byte) (i + 1));
        }
        List<Sent> sent = packetize(packetizer, opus);
        MemorySegment[] ciphertexts = new MemorySegment[4];
        for (int i = 0; i < 4; i++) {
            byte[] ciphertext = sent.get(i).payload(12);
            assertEquals(64, ciphertext.length, "PKCS#7 pads 60 bytes to 64");
            assertEquals(AudioCipher.encryptedLength(60), ciphertext.length);
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            byte[] iv = ByteBuffer.allocate(16).putInt(rikeyId + i).array();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(iv));
            assertArrayEquals(opus[i], cipher.doFinal(ciphertext), "packet " + i);
            ciphertexts[i] = MemorySegment.ofArray(ciphertext);
        }
        MemorySegment[] parity = {MemorySegment.ofArray(new byte[64]), MemorySegment.ofArray(new byte[64])};
        FEC.encode(ciphertexts, parity);
        assertArrayEquals(parity[0].toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), sent.get(4).payload(24));
        assertArrayEquals(parity[1].toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), sent.get(5).payload(24));
    }

    @Test
    void sequenceNumbersWrapAtSixteenBitsAndBlocksStayAligned() {
        AudioPacketizer packetizer = new AudioPacketizer(5, null, FEC);
        byte[] opus = {1, 2, 3};
        List<Sent> last = List.of();
        for (int i = 0; i < 65536 + 4; i++) {
            last = packetize(packetizer, opus);
        }
        assertEquals(3, last.size(), "packet 65539 (sequence 3) closes a block");
        assertEquals(3, last.get(0).sequenceNumber());
        assertEquals(5 * (65536 + 3), last.get(0).timestamp(), "the timestamp does not wrap with it");
        assertEquals(4, last.get(1).sequenceNumber());
        assertEquals(0, last.get(1).buffer().getShort(14), "the block starts at 0 again");
    }

    @Test
    void aBlockOfUnequalPayloadsIsCodedAsSunshineCodesItAndCounted() {
        AudioPacketizer packetizer = new AudioPacketizer(5, null, FEC);
        List<Sent> sent = packetize(packetizer, HEX.parseHex("101112"), HEX.parseHex("20212223"),
                HEX.parseHex("3031323334"), HEX.parseHex("40414243"));
        assertEquals(1, packetizer.unevenBlocks());
        assertEquals(4, sent.get(4).payload(24).length, "parity as long as the closing payload");
        // the short payload zero-padded, the long one cut: the same parity as over these four
        MemorySegment[] data = {MemorySegment.ofArray(HEX.parseHex("10111200")),
                MemorySegment.ofArray(HEX.parseHex("20212223")), MemorySegment.ofArray(HEX.parseHex("30313233")),
                MemorySegment.ofArray(HEX.parseHex("40414243"))};
        MemorySegment[] parity = {MemorySegment.ofArray(new byte[4]), MemorySegment.ofArray(new byte[4])};
        FEC.encode(data, parity);
        assertArrayEquals(parity[0].toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), sent.get(4).payload(24));
    }

    @Test
    void aPacketTooLongForOneDatagramIsRefused() {
        AudioPacketizer packetizer = new AudioPacketizer(5, null, FEC);
        assertThrows(IllegalArgumentException.class,
                () -> packetize(packetizer, new byte[AudioRtp.MAX_OPUS_PACKET_BYTES + 1]));
        assertEquals(1400, AudioRtp.HEADER_BYTES + AudioRtp.FEC_HEADER_BYTES
                + AudioCipher.encryptedLength(AudioRtp.MAX_OPUS_PACKET_BYTES), "the longest parity datagram");
    }
}
