package io.lumen.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.UUID;

/**
 * Replaces a file so that a reader (or the next start after a crash, even kill -9 mid-write) sees either the
 * old content or the new, never a torn mix: write a temporary file beside it, force it to disk, rename it over
 * the target, force the directory. A failure thrown means the target was not replaced; once the rename is
 * done, the new content stands (see {@link #forceAfterRename}).
 */
public final class AtomicFiles {

    private static final System.Logger LOG = System.getLogger("lumen.files");

    private AtomicFiles() {
    }

    /** Forces a directory's entries to disk; a seam so a test can make it fail on a real file system. */
    @FunctionalInterface
    public interface DirectorySync {
        DirectorySync FILE_SYSTEM = dir -> {
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            }
        };

        void force(Path dir) throws IOException;
    }

    public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        write(target, content, permissions, DirectorySync.FILE_SYSTEM);
    }

    public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions, DirectorySync sync)
            throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                if (permissions != null) {
                    Files.setPosixFilePermissions(temp, permissions);
                }
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw new IOException("the file system of " + dir + " cannot rename atomically", e);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp, e);
            throw e;
        }
        forceAfterRename(target, dir, sync);
    }

    /**
     * Past the rename the new content is what every reader gets, so failing here would leave callers that roll back
     * on failure disagreeing with the disk. One retry, then a warning: the change stands, only its survival of a
     * power loss is in doubt.
     */
    private static void forceAfterRename(Path target, Path dir, DirectorySync sync) {
        try {
            sync.force(dir);
        } catch (IOException first) {
            try {
                sync.force(dir);
            } catch (IOException again) {
                LOG.log(System.Logger.Level.WARNING, target + " was replaced, but forcing " + dir
                        + " to disk failed twice (" + again.getMessage() + "): a power loss may bring back its"
                        + " previous content");
            }
        }
    }

    private static void deleteQuietly(Path temp, Exception failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Deletes temporaries a crash left beside {@code target}; they never hold the only copy of anything. */
    public static void removeLeftovers(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        String prefix = "." + target.getFileName() + ".tmp-";
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
