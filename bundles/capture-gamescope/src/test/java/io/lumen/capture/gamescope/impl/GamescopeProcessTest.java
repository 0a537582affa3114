package io.lumen.capture.gamescope.impl;

import io.lumen.api.backend.BackendException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's process handling, with small shell scripts for only what is generic to any child: ending the whole
 * tree, the timeout, the reason of an early exit. No script imitates gamescope's node line: node discovery is tested
 * on recorded output ({@link GamescopeLogTest}), and a real gamescope cannot run here.
 */
class GamescopeProcessTest {

    private static GamescopeProcess script(String shell) throws Exception {
        return GamescopeProcess.start(List.of("sh", "-c", shell));
    }

    private static long readPid(Path file) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                String text = Files.readString(file).strip();
                if (!text.isEmpty()) {
                    return Long.parseLong(text);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the script wrote no pid to " + file);
    }

    @Test
    void closingEndsTheWholeTreeEvenAnOrphanedGrandchild(@TempDir Path dir) throws Exception {
        Path orphan = dir.resolve("orphan.pid");
        Path child = dir.resolve("child.pid");
        // the subshell exits at once, so its sleep is reparented away from the script: only its group still holds it
        GamescopeProcess process = script("(sleep 300 & echo $! > " + orphan + ") ; sleep 300 & echo $! > " + child
                + "; wait");
        long orphanPid = readPid(orphan);
        long childPid = readPid(child);
        assertTrue(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false));
        process.close();
        assertFalse(process.isAlive());
        assertFalse(ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false), "child survived");
        assertFalse(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false), "orphan survived");
    }

    @Test
    void aChildThatIgnoresTermIsKilled(@TempDir Path dir) throws Exception {
        Path ready = dir.resolve("ready.pid");
        GamescopeProcess process = script("trap '' TERM; echo $$ > " + ready + "; while :; do sleep 1; done");
        readPid(ready);
        long started = System.nanoTime();
        process.close();
        assertFalse(process.isAlive());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 8);
    }

    @Test
    void aSilentChildTimesOutWithItsPidAndTheWait() throws Exception {
        try (GamescopeProcess process = script("sleep 30")) {
            BackendException e = assertThrows(BackendException.class,
                    () -> process.awaitNode(Duration.ofMillis(300)));
            assertTrue(e.getMessage().contains("pid " + process.pid()), e.getMessage());
            assertTrue(e.getMessage().contains("advertised no PipeWire node within 300 ms"), e.getMessage());
            assertTrue(process.isAlive(), "a timeout is the caller's to act on");
        }
    }

    @Test
    void anEarlyExitSaysItsCodeAndItsLastOutput() throws Exception {
        try (GamescopeProcess process = script("echo 'something went wrong' >&2; exit 3")) {
            BackendException e = assertThrows(BackendException.class,
                    () -> process.awaitNode(Duration.ofSeconds(10)));
            assertTrue(e.getMessage().contains("exited before advertising a PipeWire node"), e.getMessage());
            assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
            assertTrue(e.getMessage().contains("its last output: something went wrong"), e.getMessage());
            assertTrue(process.state().startsWith("exited: exit code 3"), process.state());
        }
    }
}
