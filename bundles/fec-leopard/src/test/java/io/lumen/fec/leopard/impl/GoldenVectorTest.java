package io.lumen.fec.leopard.impl;

import io.lumen.api.fec.FecCodec;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * lumen's own regression vectors (golden-vectors.txt), made by this code after it matched the conformance data
 * (src/test/fec-vectors) byte for byte: other seeds and erasure patterns than the reference files have.
 * {@code main} prints the file anew.
 */
class GoldenVectorTest {

    record Golden(String codec, int k, int r, int size, long seed, int[] lostOriginals, int[] lostRecovery,
                  String outputSha256, String recoveredSha256) {

        static Golden parse(String line) {
            String[] f = line.trim().split("\\s+");
            return new Golden(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Long.parseLong(f[4]), ints(f[5]), ints(f[6]), f[7], f[8]);
        }

        private static int[] ints(String list) {
            return list.equals("-") ? new int[0] : Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenVectorOnBothKernels() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Golden golden : read()) {
            for (boolean scalar : new boolean[] {true, false}) {
                String name = golden.codec() + " " + golden.k() + "+" + golden.r() + " x " + golden.size()
                        + (scalar ? " scalar" : " vector");
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    String[] digests = run(golden, codec(golden.codec(), scalar));
                    assertEquals(golden.outputSha256(), digests[0], name + ": encoded output");
                    assertEquals(golden.recoveredSha256(), digests[1], name + ": decoded shards");
                }));
            }
        }
        assertEquals(true, tests.size() >= 10, "golden-vectors.txt lost its cases");
        return tests.stream();
    }

    static FecCodec codec(String id, boolean scalar) {
        return FecConformanceTest.codecFor(switch (id) {
            case "rs8-moonlight" -> FecVector.Kind.RS8;
            case "rs8-moonlight-audio" -> FecVector.Kind.RS8_AUDIO;
            case "leopard16" -> FecVector.Kind.LEOPARD16;
            default -> throw new IllegalArgumentException(id);
        }, scalar);
    }

    /** SHA-256 of the encoded output and of the rebuilt lost originals (ascending). */
    static String[] run(Golden g, FecCodec codec) {
        byte[][] originals = Xorshift32.shards(g.seed(), g.k(), g.size());
        byte[][] recovery = new byte[g.r()][g.size()];
        codec.encode(Shards.segments(originals), Shards.segments(recovery));
        byte[][] received = Shards.decodeAfterLosing(codec, originals, recovery, g.lostOriginals(),
                g.lostRecovery());
        assertArrayEquals(Shards.concat(originals), Shards.concat(received), "all originals back");
        byte[] rebuilt = Shards.concat(received, g.lostOriginals());
        return new String[] {Shards.sha256(Shards.concat(recovery)), Shards.sha256(rebuilt)};
    }

    static List<Golden> read() throws IOException {
        List<Golden> list = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                GoldenVectorTest.class.getResourceAsStream("/golden-vectors.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    list.add(Golden.parse(line));
                }
            }
        }
        return list;
    }

    /** Prints golden-vectors.txt for the shapes below, with this code's digests. */
    public static void main(String[] args) {
        String[] shapes = {
            "rs8-moonlight 1 1 16 101 0 -", "rs8-moonlight 10 1 100 102 9 -", "rs8-moonlight 17 5 1397 103 0,4,16 1,3",
            "rs8-moonlight 100 20 1408 104 2,10,30,31,32,33,40,50,60,70,71,80,81,82,90,91,92,97,98,99 -",
            "rs8-moonlight 200 55 1408 105 0,1,2,3,4,5,6,7,8,9 0,1,2,3,4", "rs8-moonlight 2 253 8 106 0,1 5,6,7",
            "rs8-moonlight-audio 4 2 17 107 1 1", "rs8-moonlight-audio 4 2 240 108 0,3 -",
            "leopard16 1 1 64 109 0 -", "leopard16 10 1 128 110 6 -", "leopard16 5 3 192 111 0,4 1",
            "leopard16 100 20 1024 112 1,4,6,11,13,28,42,47,48,53,62,80,81,84,96 0,5,8,9,18",
            "leopard16 300 300 128 113 0,1,2,3,4,5,6,7,8,9,100,200,299 10,11,12",
            "leopard16 3000 1000 64 114 5,10,15,20,25,30,35,40,45,50,2999 0,999"};
        System.out.println("# codec k r shardBytes seed lostOriginals lostRecovery outputSha256 recoveredSha256");
        System.out.println("# made by GoldenVectorTest.main after the codecs matched src/test/fec-vectors byte for byte");
        for (String shape : shapes) {
            Golden g = Golden.parse(shape + " ? ?");
            String[] digests = run(g, codec(g.codec(), true));
            System.out.println(shape + " " + digests[0] + " " + digests[1]);
        }
    }
}
