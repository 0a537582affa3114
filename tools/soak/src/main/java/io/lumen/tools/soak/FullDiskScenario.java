package io.lumen.tools.soak;

import io.lumen.testkit.moonlight.ClientIdentity;
import io.lumen.testkit.moonlight.MoonlightTestClient.PairOutcome;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The data directory on a small tmpfs that fills up. One client pairs while there is room; then a file takes the
 * rest of the disk and a second client tries: its pairing must fail (the client told so, the host saying why in
 * one line), the host must keep serving, the first client must stay paired and the second must not be (memory and
 * disk agree). Once the file is gone a third client pairs, and after a restart the first and third are paired and
 * the second is not. Mounting needs root (or CAP_SYS_ADMIN); without it the scenario is skipped, saying so.
 */
final class FullDiskScenario {

    static final String NAME = "fulldisk";
    private static final Duration PAIR_LIMIT = Duration.ofSeconds(60);

    private FullDiskScenario() {
    }

    static SoakRun.Outcome run(SoakRun run) throws Exception {
        Path mount = Files.createDirectories(run.out.resolve(NAME + "-mnt"));
        String mounted = exec("mount", "-t", "tmpfs", "-o", "size=" + run.options.diskMib() + "m,mode=0700", "tmpfs",
                mount.toString());
        if (mounted != null) {
            return SoakRun.Outcome.skipped(NAME, "cannot mount a tmpfs for the data directory (" + mounted.strip()
                    + "); run as root, or in a container with CAP_SYS_ADMIN");
        }
        try {
            return fill(run, mount);
        } finally {
            String unmounted = exec("umount", mount.toString());
            if (unmounted != null) {
                SoakRun.log(NAME, "umount " + mount + " failed: " + unmounted.strip() + "; lazily unmounting");
                exec("umount", "-l", mount.toString());
            }
        }
    }

    private static SoakRun.Outcome fill(SoakRun run, Path mount) throws Exception {
        SoakRun.Findings findings = new SoakRun.Findings(NAME);
        findings.add("data directory on a " + run.options.diskMib() + " MiB tmpfs at " + mount);
        Path data = mount.resolve("data");
        ClientIdentity first = ClientIdentity.generate();
        ClientIdentity refused = ClientIdentity.generate();
        ClientIdentity third = ClientIdentity.generate();
        java.security.cert.X509Certificate hostCertificate;
        try (HostUnderTest host = run.host(NAME, data).start()) {
            SoakClient a = new SoakClient(host, first, "soak-disk-first");
            findings.check(a.pair(PAIR_LIMIT) == PairOutcome.PAIRED, "a client pairs while there is room");
            hostCertificate = a.moonlight().hostCertificate();

            Path filler = mount.resolve("filler");
            long filled = fillUp(filler);
            SoakRun.log(NAME, String.format(Locale.ROOT, "disk full: %.1f MiB of filler written, %d bytes left",
                    filled / 1048576.0, Files.getFileStore(mount).getUsableSpace()));

            SoakClient b = new SoakClient(host, refused, "soak-disk-refused");
            PairOutcome outcome;
            try {
                outcome = b.pair(PAIR_LIMIT);
            } catch (IOException e) {
                outcome = null;
                findings.add("the refused client's pairing ended with " + e);
            }
            findings.check(outcome != PairOutcome.PAIRED, "pairing on a full disk fails for the client: " + outcome);
            List<String> said = host.linesWith("cannot store");
            findings.check(!said.isEmpty(), "the host says why: "
                    + (said.isEmpty() ? "nothing logged with 'cannot store'" : said.getLast().strip()));
            findings.check(host.alive() && a.serverInfo().status() == 200, "the host keeps serving on a full disk");
            findings.check(a.paired(), "the client stored before stays paired");
            findings.check(!b.paired(), "the refused client is not paired in memory either");

            Files.delete(filler);
            SoakClient c = new SoakClient(host, third, "soak-disk-third");
            findings.check(c.pair(PAIR_LIMIT) == PairOutcome.PAIRED, "pairing works again once space is freed");
            findings.check(host.stop(), "the host stops cleanly");
        }
        try (HostUnderTest host = run.host(NAME, data).start()) {
            SoakClient a = new SoakClient(host, first, "soak-disk-first");
            SoakClient b = new SoakClient(host, refused, "soak-disk-refused");
            SoakClient c = new SoakClient(host, third, "soak-disk-third");
            for (SoakClient client : List.of(a, b, c)) {
                client.moonlight().trusting(hostCertificate);
            }
            findings.check(a.paired() && c.paired() && !b.paired(), "after a restart the store holds the first and"
                    + " third clients, not the refused one");
        }
        return findings.outcome();
    }

    /** Writes {@code filler} until the disk refuses; the bytes written. */
    private static long fillUp(Path filler) throws IOException {
        byte[] chunk = new byte[1 << 20];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int size = chunk.length; size > 0; ) {
                try {
                    out.write(chunk, 0, size);
                    out.flush();
                    written += size;
                } catch (IOException full) {
                    size /= 2; // down to the last block: the disk must be full, not nearly full
                }
            }
        } catch (IOException closeOnFullDisk) {
            // the last flush on close may fail the same way: the disk is full, which is the point
        }
        return written;
    }

    /** Runs a command; null when it succeeded, else its output and exit code. */
    private static String exec(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return String.join(" ", command) + " did not finish in 30 s";
            }
            return p.exitValue() == 0 ? null : output + " (exit " + p.exitValue() + ")";
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
