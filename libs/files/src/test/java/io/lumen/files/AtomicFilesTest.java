package io.lumen.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract after the rename: the new content is what is read back, even when forcing the directory fails
 * (injected through the directory-sync seam, the file system itself is real); before it, nothing changes.
 * PairedClientStoreTest checks that a store built on it keeps memory equal to the disk.
 */
class AtomicFilesTest {

    @TempDir
    Path dir;

    /** A directory sync that fails its first {@code failures} calls, counting every call. */
    private static AtomicFiles.DirectorySync failing(int failures, AtomicInteger calls) {
        return directory -> {
            if (calls.incrementAndGet() <= failures) {
                throw new IOException("injected: fsync of " + directory + " failed");
            }
            AtomicFiles.DirectorySync.FILE_SYSTEM.force(directory);
        };
    }

    @Test
    void aDirectorySyncThatFailsOnceIsRetried() throws Exception {
        Path file = dir.resolve("f");
        AtomicInteger calls = new AtomicInteger();
        AtomicFiles.write(file, "new".getBytes(StandardCharsets.UTF_8), null, failing(1, calls));
        assertEquals(2, calls.get());
        assertEquals("new", Files.readString(file));
    }

    @Test
    void aFailureBeforeTheRenameChangesNothing() throws Exception {
        Path target = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(target.resolve("inside"), "x");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, new byte[] {1}, null,
                AtomicFiles.DirectorySync.FILE_SYSTEM));
        assertTrue(Files.isDirectory(target));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(target), left.toList(), "no temporary left beside it");
        }
    }
}
