package io.lumen.session.impl.command;

import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.AccessUnitSink;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a session's access units back to back: Annex-B needs no container. Writes go to a ".part" file that
 * replaces the target only when the recording finished, so a reader never sees half a recording under the name.
 */
final class AnnexBFileSink implements AccessUnitSink, AutoCloseable {

    private final Path target;
    private final Path partial;
    private final FileChannel channel;
    private long pictures;
    private long keyframes;
    private long bytes;
    private volatile IOException failure;

    AnnexBFileSink(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        this.partial = this.target.resolveSibling(this.target.getFileName() + ".part");
        Path parent = this.target.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    @Override
    public void accept(AccessUnit unit) {
        if (failure != null) {
            return;
        }
        try {
            var buffer = unit.data().asByteBuffer();
            while (buffer.hasRemaining()) {
                bytes += channel.write(buffer);
            }
            pictures++;
            if (unit.keyframe()) {
                keyframes++;
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    long pictures() {
        return pictures;
    }

    long keyframes() {
        return keyframes;
    }

    long bytes() {
        return bytes;
    }

    Path target() {
        return target;
    }

    /** Finishes the file; throws the first write error, in which case the partial file is removed. */
    @Override
    public void close() throws IOException {
        try (channel) {
            if (failure == null) {
                channel.force(false);
            }
        }
        if (failure != null) {
            Files.deleteIfExists(partial);
            throw failure;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
