package io.lumen.fec.leopard.impl;

import io.lumen.api.fec.FecCodec;
import io.lumen.fec.leopard.impl.gf16.Leopard16Codec;
import io.lumen.fec.leopard.impl.gf16.ScalarGf16Kernel;
import io.lumen.fec.leopard.impl.gf16.VectorGf16Kernel;
import io.lumen.fec.leopard.impl.gf8.Rs8Codec;
import io.lumen.fec.leopard.impl.gf8.ScalarGf8Kernel;
import io.lumen.fec.leopard.impl.gf8.VectorGf8Kernel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every block manifest in the conformance data (src/test/fec-vectors, or {@code -Dlumen.fec.vectors}),
 * reproduced byte for byte on both kernels: the input's SHA-256, the whole parity/recovery output, and the decode
 * case's rebuilt shards. New manifests in the same format run without a code change.
 */
class FecConformanceTest {

    static List<Path> manifests(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> result = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                if (FecVector.isBlockManifest(p)) {
                    result.add(p);
                }
            }
            return result;
        }
    }

    @TestFactory
    Stream<DynamicNode> everyManifestOnBothKernels() throws IOException {
        Path dir = VectorFolder.directory();
        List<Path> manifests = manifests(dir);
        assertEquals(true, !manifests.isEmpty(), "no block manifests under " + dir);
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path manifest : manifests) {
            nodes.add(dynamicContainer(dir.relativize(manifest).toString(), Stream.of(
                    check(manifest, "scalar", true), check(manifest, "vector", false))));
        }
        return nodes.stream();
    }

    // the manifest is read inside each test, so a file it names that is missing fails that vector alone
    private static DynamicTest check(Path manifest, String kernel, boolean scalar) {
        return dynamicTest(kernel, () -> {
            FecVector vector = FecVector.read(manifest);
            FecCodec codec = codecFor(vector.kind(), scalar);
            Assumptions.assumeTrue(codec != null, vector.name() + ": lumen builds no 8-bit Leopard (optional)");
            reproduce(vector, codec);
        });
    }

    static FecCodec codecFor(FecVector.Kind kind, boolean scalar) {
        return switch (kind) {
            case RS8 -> Rs8Codec.moonlight(scalar ? ScalarGf8Kernel.INSTANCE : VectorGf8Kernel.INSTANCE);
            case RS8_AUDIO -> Rs8Codec.moonlightAudio(scalar ? ScalarGf8Kernel.INSTANCE : VectorGf8Kernel.INSTANCE);
            case LEOPARD16 -> new Leopard16Codec(scalar ? ScalarGf16Kernel.INSTANCE : VectorGf16Kernel.INSTANCE);
            case LEOPARD8 -> null;
        };
    }

    static void reproduce(FecVector v, FecCodec codec) {
        byte[][] originals = Xorshift32.shards(v.seed(), v.originals(), v.shardBytes());
        assertEquals(v.inputSha256(), Shards.sha256(Shards.concat(originals)), v.name() + ": input generator");

        byte[][] recovery = Shards.zeros(v.recovery(), v.shardBytes());
        codec.encode(Shards.segments(originals), Shards.segments(recovery));
        byte[] output = Shards.concat(recovery);
        if (v.output() != null) {
            assertArrayEquals(v.output(), output, v.name() + ": encoded output differs from the reference");
        }
        assertEquals(v.outputSha256(), Shards.sha256(output), v.name() + ": encoded output SHA-256");

        byte[][] received = Shards.decodeAfterLosing(codec, originals, recovery, v.lostOriginals(),
                v.lostRecovery());
        byte[] recovered = Shards.concat(received, v.lostOriginals());
        if (v.recovered() != null) {
            assertArrayEquals(v.recovered(), recovered, v.name() + ": decoded shards differ from the reference");
        }
        assertEquals(v.recoveredSha256(), Shards.sha256(recovered), v.name() + ": decoded shards SHA-256");
        assertArrayEquals(Shards.concat(originals), Shards.concat(received), v.name() + ": all originals back");
    }
}
