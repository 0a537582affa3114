package io.lumen.protocol.moonlight.impl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided, the paired-client store as the host finds it at start: any file content either loads into
 * clients that are all complete and found again by their fingerprint, or is refused with an {@link IOException}
 * that tells the operator to fix or move the file. Anything else would stop the protocol bundle from starting.
 */
class PairedClientStoreFuzzTest {

    private static final Path FILE = scratchFile();

    @FuzzTest
    void storeFile(byte[] content) throws IOException {
        Files.write(FILE, content);
        PairedClientStore store;
        try {
            store = new PairedClientStore(FILE);
        } catch (IOException refused) {
            assertNotNull(refused.getMessage());
            return;
        }
        for (PairedClient client : store.list()) {
            assertNotNull(client.name());
            assertNotNull(client.certificatePem());
            assertNotNull(client.pairedAt());
            assertEquals(client, store.byFingerprint(client.fingerprint()).orElseThrow());
        }
        assertTrue(store.list().size() <= content.length);
    }

    private static Path scratchFile() {
        try {
            // memory-backed where there is one: the fuzzer writes and reads the file once per input
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "lumen-store-fuzz") : Files.createTempDirectory("lumen-store-fuzz");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("paired-clients.json");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
