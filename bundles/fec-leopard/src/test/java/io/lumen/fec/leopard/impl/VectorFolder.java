package io.lumen.fec.leopard.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the conformance data is: the module's own copy (src/test/fec-vectors, README there says where it came
 * from), or the folder {@code -Dlumen.fec.vectors} names. Missing data is a failure that names what is missing,
 * never a skip, so a clone cannot pass by checking less.
 */
final class VectorFolder {

    static final String PROPERTY = "lumen.fec.vectors";
    static final String CHECKSUMS = "SHA256SUMS";

    private VectorFolder() {
    }

    /** The folder; fails when it is not there. */
    static Path directory() {
        Path dir = Path.of(System.getProperty(PROPERTY, "src/test/fec-vectors")).toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(dir), "no conformance data at " + dir + " (the module's src/test/fec-vectors;"
                + " -D" + PROPERTY + "=DIR names another folder)");
        return dir;
    }

    /** A file the data refers to; fails naming it when it is not there. */
    static Path require(Path file, String referredBy) {
        assertTrue(Files.isRegularFile(file), "missing conformance file " + file + " (named by " + referredBy + ")");
        return file;
    }

    /** Every file {@code SHA256SUMS} lists (path relative to the folder) with its SHA-256, in the list's order. */
    static Map<String, String> checksums(Path dir) throws IOException {
        Path list = require(dir.resolve(CHECKSUMS), "the conformance folder " + dir);
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : Files.readAllLines(list)) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.trim().split("\\s+[ *]?", 2);
            assertTrue(fields.length == 2 && fields[0].length() == 64, CHECKSUMS + ": not a sha256sum line: " + line);
            sums.put(fields[1].startsWith("./") ? fields[1].substring(2) : fields[1], fields[0]);
        }
        return sums;
    }
}
