package io.lumen.protocol.moonlight.impl.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairedClientStoreTest {

    @TempDir
    Path dir;

    private static PairedClient client(String name, String fingerprint) {
        return new PairedClient(name, fingerprint, "PEM of " + name, Instant.parse("2026-11-25T10:00:00Z"), null);
    }

    @Test
    void changesSurviveARestart() throws Exception {
        Path file = dir.resolve("clients.json");
        PairedClientStore store = new PairedClientStore(file);
        store.put(client("living room", "AA:01"));
        store.put(client("laptop", "BB:02"));
        store.put(client("laptop", "BB:02").seen(Instant.parse("2026-11-25T11:00:00Z")));
        PairedClientStore reread = new PairedClientStore(file);
        assertEquals(List.of("living room", "laptop"), reread.list().stream().map(PairedClient::name).toList());
        assertEquals(Instant.parse("2026-11-25T11:00:00Z"), reread.byFingerprint("BB:02").orElseThrow().lastSeen());
        assertEquals("laptop", reread.remove("laptop").orElseThrow().name());
        assertEquals("living room", reread.remove("AA:01").orElseThrow().name());
        assertTrue(reread.remove("nobody").isEmpty());
        assertEquals(0, new PairedClientStore(file).list().size());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void lastSeenIsKeptAtMinuteResolutionSoPollingDoesNotWriteEachTime() throws Exception {
        Path file = dir.resolve("clients.json");
        PairedClientStore store = new PairedClientStore(file);
        store.put(client("phone", "AA:01"));
        Instant first = Instant.parse("2026-11-25T12:00:00Z");
        store.seen("AA:01", first);
        assertEquals(first, new PairedClientStore(file).byFingerprint("AA:01").orElseThrow().lastSeen());
        store.seen("AA:01", first.plusSeconds(30));
        assertEquals(first, new PairedClientStore(file).byFingerprint("AA:01").orElseThrow().lastSeen(),
                "within a minute: not written");
        store.seen("AA:01", first.plusSeconds(61));
        assertEquals(first.plusSeconds(61), new PairedClientStore(file).byFingerprint("AA:01").orElseThrow().lastSeen());
        store.seen("ZZ:99", first);
        assertEquals(1, store.list().size(), "an unknown fingerprint adds nothing");
    }

    @Test
    void aFileFromBeforeDowngradesWereRefusedLoadsAndWhatAClientShowedIsKept() throws Exception {
        Path file = dir.resolve("clients.json");
        Files.writeString(file, """
                {"format": 1, "clients": [{"name": "old phone", "fingerprint": "AA:01", "certificate": "PEM",
                  "pairedAt": "2026-11-25T10:00:00Z", "lastSeen": "2026-11-26T10:00:00Z"}]}
                """);
        PairedClientStore store = new PairedClientStore(file);
        assertEquals(EncryptionShown.NONE, store.byFingerprint("AA:01").orElseThrow().shown());
        assertTrue(store.showed("AA:01", new EncryptionShown(true, false)));
        assertTrue(store.showed("AA:01", new EncryptionShown(false, true)));
        assertFalse(store.showed("AA:01", new EncryptionShown(true, true)), "nothing new: not written again");
        assertFalse(store.showed("ZZ:99", new EncryptionShown(true, true)), "an unknown client");
        store.seen("AA:01", Instant.parse("2026-11-27T10:00:00Z"));
        PairedClient reread = new PairedClientStore(file).byFingerprint("AA:01").orElseThrow();
        assertEquals(new EncryptionShown(true, true), reread.shown(), "kept through a restart and a later write");
        assertEquals("old phone", reread.name());
        assertEquals(Instant.parse("2026-11-27T10:00:00Z"), reread.lastSeen());
    }

    @Test
    void anAmbiguousNameIsRefused() throws Exception {
        PairedClientStore store = new PairedClientStore(dir.resolve("clients.json"));
        store.put(client("phone", "AA:01"));
        store.put(client("phone", "BB:02"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.remove("phone"));
        assertTrue(e.getMessage().contains("by its fingerprint"), e.getMessage());
        assertEquals(2, store.list().size());
    }

    @Test
    void anUnreadableFileStopsRatherThanBeingOverwritten() throws Exception {
        Path file = dir.resolve("clients.json");
        Files.writeString(file, "{ this is not json");
        IOException e = assertThrows(IOException.class, () -> new PairedClientStore(file));
        assertTrue(e.getMessage().contains("fix or move it"), e.getMessage());
        assertEquals("{ this is not json", Files.readString(file));
    }

    /**
     * A real kill -9 of a JVM writing the store, five times, each after another number of writes it reported done:
     * every restart reads a whole list holding at least what was reported. The writer goes on writing while the
     * kill is sent, so the kill lands wherever that write is.
     */
    @Test
    @Timeout(120)
    void killedMidWriteLeavesTheLastWholeList() throws Exception {
        Path file = dir.resolve("clients.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int previous = 0;
        for (int round = 0; round < 5; round++) {
            Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    StoreWriterMain.class.getName(), file.toString()).redirectErrorStream(true).start();
            int reported = previous;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream()))) {
                int killAfter = previous + 1 + 2 * round;
                for (String line; reported < killAfter; reported = Integer.parseInt(line)) {
                    line = out.readLine();
                    assertTrue(line != null && line.matches("\\d+"), "the writer reports its writes: " + line);
                }
                writer.toHandle().destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
                assertTrue(writer.waitFor(10, TimeUnit.SECONDS));
            }
            PairedClientStore store = new PairedClientStore(file);
            int count = store.list().size();
            assertTrue(count >= reported, "round " + round + ": " + count + " clients, " + reported
                    + " written before the kill");
            for (int i = 0; i < count; i++) {
                PairedClient c = store.byFingerprint("fp-" + i).orElseThrow();
                assertEquals(20_000, c.certificatePem().length(), "entry " + i + " is whole");
            }
            previous = count;
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporaries left after the last load");
        }
    }

    @Test
    void aDirectorySyncThatKeepsFailingLeavesTheStoreEqualToTheDisk() throws Exception {
        Path file = dir.resolve("clients.json");
        AtomicInteger calls = new AtomicInteger();
        PairedClientStore store = new PairedClientStore(file, directory -> {
            calls.incrementAndGet();
            throw new IOException("injected: fsync of " + directory + " failed");
        });
        store.put(new PairedClient("tv", "AA:01", "PEM", Instant.parse("2026-12-01T10:00:00Z"), null));
        store.put(new PairedClient("phone", "BB:02", "PEM", Instant.parse("2026-12-01T10:00:00Z"), null));
        assertTrue(calls.get() >= 2, "the directory was to be forced");
        assertEquals(names(new PairedClientStore(file)), names(store), "memory and disk agree");
        assertEquals(List.of("tv", "phone"), names(store));
        assertEquals("tv", store.remove("tv").orElseThrow().name());
        assertEquals(List.of("phone"), names(new PairedClientStore(file)));
        assertEquals(List.of("phone"), names(store));
    }

    private static List<String> names(PairedClientStore store) {
        return store.list().stream().map(PairedClient::name).toList();
    }
}
