package io.lumen.fec.leopard.impl;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lumen.fec.leopard.impl.gf16.Gf16;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Leopard's GF(2^16) tables, entry for entry, against every 16-bit table manifest in the conformance data. */
class LeopardTablesTest {

    private static final Map<String, IntUnaryOperator> TABLES = Map.of(
            "LogLUT", Gf16::log, "ExpLUT", Gf16::exp, "FFTSkew", Gf16::skew, "LogWalsh", Gf16::logWalsh);

    @TestFactory
    Stream<DynamicTest> everyTableFile() throws IOException {
        Path dir = VectorFolder.directory();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path manifest : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonObject json = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
                if (!json.has("LogLUT") || !json.get("LogLUT").isJsonObject()) {
                    continue; // block manifests, and the 8-bit tables lumen does not build
                }
                for (var table : TABLES.entrySet()) {
                    JsonObject spec = json.getAsJsonObject(table.getKey());
                    Path file = VectorFolder.require(manifest.resolveSibling(spec.get("file").getAsString()),
                            dir.relativize(manifest).toString());
                    tests.add(DynamicTest.dynamicTest(table.getKey(),
                            () -> compare(table.getKey(), file, spec.get("entries").getAsInt(), table.getValue())));
                }
            }
        }
        assertEquals(false, tests.isEmpty(), "no 16-bit table manifest under " + dir);
        return tests.stream();
    }

    private static void compare(String name, Path file, int entries, IntUnaryOperator ours) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(entries * 2, bytes.capacity(), name + " file size");
        for (int i = 0; i < entries; i++) {
            int expected = bytes.getShort(i * 2) & 0xFFFF;
            int actual = ours.applyAsInt(i);
            if (expected != actual) {
                fail(name + "[" + i + "] = " + actual + ", reference " + expected);
            }
        }
    }
}
