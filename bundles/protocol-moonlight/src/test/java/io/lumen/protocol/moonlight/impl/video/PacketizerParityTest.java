package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.media.Codec;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static io.lumen.protocol.moonlight.impl.video.Shards.be16;
import static io.lumen.protocol.moonlight.impl.video.Shards.be32;
import static io.lumen.protocol.moonlight.impl.video.Shards.bytes;
import static io.lumen.protocol.moonlight.impl.video.Shards.le32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The parity on the wire is nanors' parity over the whole shard as Sunshine fills it before FEC (RTP bytes and
 * fecInfo zero, everything else set), so a client can rebuild data shards. Checked against a reference encoder
 * that is itself checked against nanors' output in the conformance vectors (src/test/fec-vectors).
 */
class PacketizerParityTest {

    /** The header bytes Sunshine writes into parity shards after FEC; every other byte is parity. */
    private static final int[] WRITTEN_AFTER_FEC = {0, 2, 3, 4, 5, 6, 7, 20, 21, 22, 23, 27, 28, 29, 30, 31};

    @Test
    void theReferenceMatchesTheProtocolDocumentsVector() {
        HexFormat hex = HexFormat.of();
        byte[][] data = {hex.parseHex("0102030405060708"), hex.parseHex("1112131415161718"),
            hex.parseHex("2122232425262728")};
        byte[][] parity = NanorsReference.parity(data, 2);
        assertEquals("ce89b4073a7d4006", hex.formatHex(parity[0]));
        assertEquals("8cf62b02dfa578f7", hex.formatHex(parity[1]));
    }

    @Test
    void theReferenceMatchesNanorsOnTheConformanceVectors() throws IOException {
        Path dir = FecVectorFiles.directory();
        for (String name : new String[] {"rs8_d17_p5_b1397", "rs8_d4_p2_b1024", "rs8_d100_p20_b1392"}) {
            FecVectorFiles.Block block = FecVectorFiles.read(dir.resolve("gf8").resolve(name + ".json"));
            byte[][] parity = NanorsReference.parity(block.data(), block.parityShards());
            for (int j = 0; j < parity.length; j++) {
                int at = j * block.shardBytes();
                assertArrayEquals(Arrays.copyOfRange(block.parity(), at, at + block.shardBytes()), parity[j],
                        name + " parity shard " + j);
            }
        }
    }

    /** The vector's own shape, 17 data + 5 parity shards of 1397 bytes: packet size 1381 at 25%. */
    @Test
    void aBlockOfTheVectorsShapeCarriesNanorsParityOverTheWholeShard() {
        int packetSize = 1381;
        int slice = packetSize - 16;
        VideoStreamParams params = VideoStreamParams.of(packetSize, Codec.H264, Rs8PacketizerTest.PING)
                .withFecPercent(25);
        Rs8Packetizer packetizer = new Rs8Packetizer(params, new Rs8MoonlightService());
        byte[] frame = Shards.annexB(new Random(3), 17 * slice - 8 - 50, true);
        Rs8Packetizer.PacketizedFrame packetized = packetizer.packetize(Shards.segment(frame), true, 777, 5);
        assertEquals(22, packetized.shardCount());

        byte[][] beforeFec = new byte[17][];
        for (int i = 0; i < 17; i++) {
            beforeFec[i] = bytes(packetizer, i);
            Arrays.fill(beforeFec[i], 0, 16, (byte) 0); // the RTP region is written after FEC
            Arrays.fill(beforeFec[i], 28, 32, (byte) 0); // and so is fecInfo
        }
        byte[][] expected = NanorsReference.parity(beforeFec, 5);
        for (int j = 0; j < 5; j++) {
            byte[] wire = bytes(packetizer, 17 + j);
            byte[] parityColumns = wire.clone();
            for (int column : WRITTEN_AFTER_FEC) {
                parityColumns[column] = expected[j][column];
            }
            assertArrayEquals(expected[j], parityColumns, "parity shard " + j + " outside the rewritten header");
            assertEquals(0x90, wire[0] & 0xFF);
            assertEquals(17 + j, be16(wire, 2));
            assertEquals(777, be32(wire, 4));
            assertEquals(1, le32(wire, 20));
            assertEquals(0, wire[27]);
            assertEquals((17 + j) << 12 | 17 << 22 | 25 << 4, le32(wire, 28));
        }
    }
}
