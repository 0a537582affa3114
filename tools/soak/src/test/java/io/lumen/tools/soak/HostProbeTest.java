package io.lumen.tools.soak;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe against a real JVM in its own process, started with native memory tracking as the host is: what the
 * child is told to hold (files, threads, heap) shows up in the samples by the amounts it took.
 */
class HostProbeTest {

    private Process child;
    private PrintWriter toChild;
    private BufferedReader fromChild;

    @BeforeEach
    void startChild() throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        child = new ProcessBuilder(java, "-XX:NativeMemoryTracking=summary", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), HeldResources.class.getName()).redirectErrorStream(true).start();
        toChild = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
        fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ok", fromChild.readLine());
    }

    @AfterEach
    void stopChild() throws InterruptedException {
        toChild.close();
        if (!child.waitFor(10, TimeUnit.SECONDS)) {
            child.destroyForcibly();
        }
    }

    private void tell(String order) throws IOException {
        toChild.println(order);
        assertEquals("ok", fromChild.readLine(), order);
    }

    @Test
    void samplesWhatTheProcessHolds() throws IOException {
        try (HostProbe probe = HostProbe.attach(child.pid())) {
            HostProbe.Sample before = probe.sample();
            assertTrue(before.threads() > 5 && before.fds() > 3 && before.heapUsedKib() > 0
                    && before.nativeCommittedKib() > 10_000 && before.rssKib() > 10_000, before.toString());
            tell("fds 40");
            tell("threads 25");
            tell("heap 30");
            tell("native 30");
            HostProbe.Sample after = probe.sample();
            assertEquals(before.fds() + 40, after.fds(), after.toString());
            assertEquals(before.threads() + 25, after.threads(), after.toString());
            long heapGrowthMib = (after.heapUsedKib() - before.heapUsedKib()) / 1024;
            assertTrue(heapGrowthMib >= 29 && heapGrowthMib <= 34, "30 MiB held after a full GC: " + heapGrowthMib);
            // direct buffers are malloc'd, which NMT counts as committed; the heap's committed part is left out
            long nativeGrowthMib = (after.nativeCommittedKib() - before.nativeCommittedKib()) / 1024;
            // a little slack below: the JIT and GC free some of their own native memory meanwhile
            assertTrue(nativeGrowthMib >= 27 && nativeGrowthMib <= 40, "30 MiB of direct buffers: " + nativeGrowthMib);
        }
    }

    @Test
    void aProcessWithoutTrackingIsNamedNotMisread() {
        assertThrows(IOException.class, () -> HostProbe.nativeCommittedKib(
                "Native memory tracking is not enabled\n"));
        assertThrows(IOException.class, () -> HostProbe.heapUsedKib("nothing here"));
        assertThrows(IOException.class, () -> HostProbe.heapCommittedKib("Total: reserved=1KB, committed=1KB"));
    }
}
