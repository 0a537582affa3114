package io.lumen.fec.leopard.impl;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every file the conformance folder's SHA256SUMS lists is there, byte for byte: a manifest lost from a clone
 * would otherwise just be one vector fewer in FecConformanceTest.
 */
class VectorChecksumsTest {

    @TestFactory
    Stream<DynamicTest> everyListedFileIsThereUnchanged() throws IOException {
        Path dir = VectorFolder.directory();
        Map<String, String> sums = VectorFolder.checksums(dir);
        assertFalse(sums.isEmpty(), VectorFolder.CHECKSUMS + " in " + dir + " lists no file");
        return sums.entrySet().stream().map(entry -> dynamicTest(entry.getKey(), () -> {
            Path file = VectorFolder.require(dir.resolve(entry.getKey()), VectorFolder.CHECKSUMS);
            assertEquals(entry.getValue(), Shards.sha256(Files.readAllBytes(file)), file + ": SHA-256");
        }));
    }
}
