package io.lumen.protocol.moonlight.impl.store;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.lumen.files.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The paired clients, kept in one JSON file written atomically on every change: a crash at any moment leaves
 * the previous or the new list, never a torn one. A file it cannot read stops the host rather than being
 * overwritten, so nothing already stored is lost.
 */
public final class PairedClientStore {

    private static final int FORMAT = 1;
    static final Duration SEEN_RESOLUTION = Duration.ofMinutes(1);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final Path file;
    private final AtomicFiles.DirectorySync sync;
    private final Map<String, PairedClient> byFingerprint = new LinkedHashMap<>();
    private volatile Consumer<PairedClient> removedListener = removed -> { };

    /** Reads {@code file} (absent: no clients yet). */
    public PairedClientStore(Path file) throws IOException {
        this(file, AtomicFiles.DirectorySync.FILE_SYSTEM);
    }

    PairedClientStore(Path file, AtomicFiles.DirectorySync sync) throws IOException {
        this.file = file;
        this.sync = sync;
        AtomicFiles.removeLeftovers(file);
        if (Files.exists(file)) {
            StoredFile stored;
            try {
                stored = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), StoredFile.class);
            } catch (JsonParseException e) {
                throw new IOException(file + " is not a paired-client list (" + e.getMessage() + "); fix or move it",
                        e);
            }
            if (stored == null || stored.format != FORMAT || stored.clients == null) {
                throw new IOException(file + " is not a format-" + FORMAT + " paired-client list; fix or move it");
            }
            for (StoredClient client : stored.clients) {
                if (client == null) {
                    throw new IOException(file + " lists a null client; fix or move it");
                }
                PairedClient paired;
                try {
                    paired = client.toClient();
                } catch (DateTimeParseException e) { // found by PairedClientStoreFuzzTest
                    throw new IOException(file + " has a client time that is not ISO-8601 (\"" + e.getParsedString()
                            + "\"); fix or move it", e);
                }
                byFingerprint.put(paired.fingerprint(), paired);
            }
        }
    }

    /** Told of every client removed, whoever removed it, after the file no longer holds it. */
    public void onRemoved(Consumer<PairedClient> listener) {
        removedListener = listener;
    }

    public synchronized List<PairedClient> list() {
        return List.copyOf(byFingerprint.values());
    }

    public synchronized Optional<PairedClient> byFingerprint(String fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    /** Adds or replaces the client with this certificate, and writes the file. */
    public synchronized void put(PairedClient client) throws IOException {
        Map<String, PairedClient> before = new LinkedHashMap<>(byFingerprint);
        byFingerprint.put(client.fingerprint(), client);
        writeOrRollBack(before);
    }

    /**
     * Notes that the client was just seen. The file is rewritten only when the stored time is over
     * {@link #SEEN_RESOLUTION} old, so a polling client does not cost a disk write per request. A failed write
     * keeps the previous time; the pairing itself is never at stake here.
     */
    public synchronized void seen(String fingerprint, Instant when) {
        PairedClient client = byFingerprint.get(fingerprint);
        if (client == null || (client.lastSeen() != null
                && Duration.between(client.lastSeen(), when).compareTo(SEEN_RESOLUTION) < 0)) {
            return;
        }
        Map<String, PairedClient> before = new LinkedHashMap<>(byFingerprint);
        byFingerprint.put(fingerprint, client.seen(when));
        try {
            writeOrRollBack(before);
        } catch (IOException e) {
            // the previous list stays on disk and in memory: only the "last seen" time is not kept
        }
    }

    /**
     * Remembers that the client showed {@code more} encryption. Unlike the other changes this one is kept in
     * memory even when the file cannot be written: forgetting it would reopen the downgrade for this run.
     *
     * @return false when the client is unknown (unpaired meanwhile) or had shown it all before
     * @throws IOException when the file could not be written (the memory holds it anyway)
     */
    public synchronized boolean showed(String fingerprint, EncryptionShown more) throws IOException {
        PairedClient client = byFingerprint.get(fingerprint);
        if (client == null || client.shown().covers(more)) {
            return false;
        }
        byFingerprint.put(fingerprint, client.showed(more));
        write();
        return true;
    }

    /** Removes the client whose name or fingerprint is {@code nameOrFingerprint}; empty if none matched. */
    public Optional<PairedClient> remove(String nameOrFingerprint) throws IOException {
        Optional<PairedClient> removed = removeStored(nameOrFingerprint);
        removed.ifPresent(removedListener); // outside the lock: the listener may take its time
        return removed;
    }

    private synchronized Optional<PairedClient> removeStored(String nameOrFingerprint) throws IOException {
        PairedClient match = byFingerprint.get(nameOrFingerprint);
        if (match == null) {
            List<PairedClient> named = byFingerprint.values().stream()
                    .filter(c -> c.name().equals(nameOrFingerprint)).toList();
            if (named.size() > 1) {
                throw new IllegalArgumentException(named.size() + " clients are named \"" + nameOrFingerprint
                        + "\": name one by its fingerprint");
            }
            match = named.isEmpty() ? null : named.get(0);
        }
        if (match == null) {
            return Optional.empty();
        }
        Map<String, PairedClient> before = new LinkedHashMap<>(byFingerprint);
        byFingerprint.remove(match.fingerprint());
        writeOrRollBack(before);
        return Optional.of(match);
    }

    private void writeOrRollBack(Map<String, PairedClient> before) throws IOException {
        try {
            write();
        } catch (IOException | RuntimeException e) {
            byFingerprint.clear();
            byFingerprint.putAll(before);
            throw e;
        }
    }

    private void write() throws IOException {
        StoredFile stored = new StoredFile();
        stored.format = FORMAT;
        stored.clients = new ArrayList<>();
        for (PairedClient client : byFingerprint.values()) {
            stored.clients.add(StoredClient.of(client));
        }
        AtomicFiles.write(file, GSON.toJson(stored).getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-------"), sync);
    }

    /** The file's shape: plain fields, instants as ISO-8601 text. */
    private static final class StoredFile {
        int format;
        List<StoredClient> clients;
    }

    private static final class StoredClient {
        String name;
        String fingerprint;
        String certificate;
        String pairedAt;
        String lastSeen;
        /** Absent in files written before downgrades were refused: nothing shown yet. */
        Boolean encryptedRtspShown;
        Boolean controlV2Shown;

        static StoredClient of(PairedClient client) {
            StoredClient stored = new StoredClient();
            stored.name = client.name();
            stored.fingerprint = client.fingerprint();
            stored.certificate = client.certificatePem();
            stored.pairedAt = client.pairedAt().toString();
            stored.lastSeen = client.lastSeen() == null ? null : client.lastSeen().toString();
            stored.encryptedRtspShown = client.shown().encryptedRtsp() ? Boolean.TRUE : null;
            stored.controlV2Shown = client.shown().controlV2() ? Boolean.TRUE : null;
            return stored;
        }

        PairedClient toClient() throws IOException {
            if (name == null || fingerprint == null || certificate == null || pairedAt == null) {
                throw new IOException("a paired client entry lacks name, fingerprint, certificate or pairedAt");
            }
            return new PairedClient(name, fingerprint, certificate, Instant.parse(pairedAt),
                    lastSeen == null ? null : Instant.parse(lastSeen),
                    new EncryptionShown(Boolean.TRUE.equals(encryptedRtspShown), Boolean.TRUE.equals(controlV2Shown)));
        }
    }
}
