package io.lumen.fec.leopard.impl;

import io.lumen.api.fec.FecCodec;
import io.lumen.fec.leopard.impl.gf8.ParityMatrix;
import io.lumen.fec.leopard.impl.gf8.Rs8Codec;
import io.lumen.fec.leopard.impl.gf8.ScalarGf8Kernel;
import io.lumen.fec.leopard.impl.gf8.VectorGf8Kernel;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The small GF(2^8) facts PROTOCOL-DETAIL.md section 11.3 gives (nanors and an independent reference agree). */
class ProtocolVectorsTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void cauchyMatrices() {
        assertEquals("8ef447a7f48ea747", HEX.formatHex(ParityMatrix.cauchy(4, 2)));
        assertEquals("8ef447f48ea7", HEX.formatHex(ParityMatrix.cauchy(3, 2)));
    }

    @Test
    void threeDataTwoParityShards() {
        byte[][] data = {HEX.parseHex("0102030405060708"), HEX.parseHex("1112131415161718"),
            HEX.parseHex("2122232425262728")};
        for (FecCodec codec : new FecCodec[] {Rs8Codec.moonlight(ScalarGf8Kernel.INSTANCE),
            Rs8Codec.moonlight(VectorGf8Kernel.INSTANCE)}) {
            byte[][] parity = new byte[2][8];
            codec.encode(Shards.segments(data), Shards.segments(parity));
            assertArrayEquals(HEX.parseHex("ce89b4073a7d4006"), parity[0], codec.toString());
            assertArrayEquals(HEX.parseHex("8cf62b02dfa578f7"), parity[1], codec.toString());
        }
    }

    @Test
    void audioMatrix() {
        byte[][] data = {HEX.parseHex("10111213"), HEX.parseHex("20212223"), HEX.parseHex("30313233"),
            HEX.parseHex("40414243")};
        byte[][] parity = new byte[2][4];
        Rs8Codec.moonlightAudio(VectorGf8Kernel.INSTANCE).encode(Shards.segments(data), Shards.segments(parity));
        assertArrayEquals(HEX.parseHex("98999a9b"), parity[0]);
        assertArrayEquals(HEX.parseHex("dadbd8d9"), parity[1]);
    }
}
