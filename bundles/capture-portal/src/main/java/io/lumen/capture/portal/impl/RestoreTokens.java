package io.lumen.capture.portal.impl;

import io.lumen.files.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The user's remembered consents: one file per consent name holding the portal's restore token, readable by
 * lumen's user only (the token lets lumen screencast without asking). A file is replaced whole (written beside,
 * forced to disk, renamed over), so a crash or power loss leaves the old token or the new one, never a torn one
 * that would make the portal ask again for no reason.
 */
final class RestoreTokens {

    private static final System.Logger LOG = System.getLogger("lumen.capture.portal");
    private static final String SUFFIX = ".token";

    private final Path directory;

    RestoreTokens(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    /** A remembered consent, for {@code lumen:portal}. */
    record Remembered(String consent, Instant since) {
    }

    /** The token remembered under {@code consent}; a damaged file is dropped (the user is asked again). */
    Optional<String> load(String consent) {
        Path file = file(consent);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the remembered screencast consent " + file + " cannot be read ("
                    + e.getMessage() + "): the desktop will ask again");
            return Optional.empty();
        }
        // the portal refuses a restore token that is not a UUID outright; asking again is the better outcome
        if (!isUuid(text)) {
            LOG.log(System.Logger.Level.WARNING, "the remembered screencast consent " + file + " holds no portal"
                    + " restore token; it is dropped and the desktop will ask again");
            forget(consent);
            return Optional.empty();
        }
        return Optional.of(text);
    }

    void save(String consent, String token) throws IOException {
        AtomicFiles.write(file(consent), (token + "\n").getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-------"));
    }

    /** Forgets {@code consent}: the next stream asks the user again. False if nothing was remembered. */
    boolean forget(String consent) {
        try {
            return Files.deleteIfExists(file(consent));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the remembered screencast consent " + file(consent)
                    + " cannot be removed: " + e.getMessage());
            return false;
        }
    }

    List<Remembered> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)
                            && !f.getFileName().toString().startsWith("."))
                    .sorted()
                    .map(f -> new Remembered(f.getFileName().toString().replace(SUFFIX, ""), modified(f)))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    Path file(String consent) {
        return directory.resolve(consent + SUFFIX);
    }

    static boolean isUuid(String text) {
        try {
            return text.length() == 36 && UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
