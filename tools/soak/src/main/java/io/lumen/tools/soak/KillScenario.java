package io.lumen.tools.soak;

import io.lumen.testkit.moonlight.ClientIdentity;
import io.lumen.testkit.moonlight.MoonlightTestClient.PairOutcome;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The host killed with SIGKILL while clients pair one after another, each pairing a write of the paired-client
 * store: the kill comes at a random moment after at least one pairing of the round got its final reply. After each
 * restart on the same data directory the store must load (the host refuses to start on a torn one) and every
 * client that got its final reply before a kill must still be paired, asked over HTTPS with its own certificate.
 * Clients caught mid-pairing may be paired or not; either is fine and is counted.
 */
final class KillScenario {

    static final String NAME = "kills";
    private static final Duration PAIR_LIMIT = Duration.ofSeconds(30);

    private record Paired(ClientIdentity identity, String name) {
    }

    private KillScenario() {
    }

    static SoakRun.Outcome run(SoakRun run) throws Exception {
        int kills = run.options.kills();
        SoakRun.Findings findings = new SoakRun.Findings(NAME);
        Path data = run.out.resolve(NAME + "-data");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Paired> confirmed = new CopyOnWriteArrayList<>();
        BlockingQueue<ClientIdentity> identities = new ArrayBlockingQueue<>(8);
        // RSA key generation takes a core for a while: made ahead, so pairings follow each other closely
        Thread maker = Thread.ofPlatform().name("soak-identities").daemon().start(() -> {
            try {
                while (true) {
                    identities.put(ClientIdentity.generate());
                }
            } catch (InterruptedException e) {
                // done
            }
        });
        X509Certificate hostCertificate = null;
        List<Paired> cutLastRound = List.of();
        int intact = 0;
        int cut = 0;
        int cutButPaired = 0;
        try {
            for (int round = 0; round <= kills; round++) {
                try (HostUnderTest host = run.host(NAME, data).start()) {
                    if (round > 0) {
                        int still = countPaired(host, confirmed, hostCertificate);
                        boolean ok = still == confirmed.size();
                        intact += ok ? 1 : 0;
                        cutButPaired += countPaired(host, cutLastRound, hostCertificate);
                        SoakRun.log(NAME, String.format(Locale.ROOT, "restart after kill %d: store loaded, %d of %d"
                                + " confirmed clients paired%s", round, still, confirmed.size(), ok ? "" : ": LOST"));
                    }
                    if (round == kills) {
                        break;
                    }
                    Round result = pairUntilKilled(host, identities, random, round + 1, confirmed);
                    if (result.certificate() != null) {
                        hostCertificate = result.certificate();
                    }
                    cutLastRound = result.cut();
                    cut += cutLastRound.size();
                }
            }
        } finally {
            maker.interrupt();
        }
        findings.add("random seed " + seed);
        findings.check(intact == kills, intact + " of " + kills + " kills left the store intact: loaded, with every"
                + " client that got its final pairing reply still paired");
        findings.check(!confirmed.isEmpty(), confirmed.size() + " clients paired in all before the kills");
        findings.add(cut + " pairings were cut by a kill; " + cutButPaired + " of them came back paired"
                + " (the store written, the last reply lost)");
        return findings.outcome();
    }

    private record Round(X509Certificate certificate, List<Paired> cut) {
    }

    /**
     * Pairs new clients one after another until the host dies; kills it at a random moment once a pairing of this
     * round has been confirmed.
     */
    private static Round pairUntilKilled(HostUnderTest host, BlockingQueue<ClientIdentity> identities, Random random,
                                         int round, List<Paired> confirmed) throws InterruptedException {
        AtomicInteger confirmedThisRound = new AtomicInteger();
        List<Paired> cut = new CopyOnWriteArrayList<>();
        X509Certificate[] certificate = new X509Certificate[1];
        Thread pairing = Thread.ofPlatform().name("soak-pairing").start(() -> {
            for (int n = 1; host.alive(); n++) {
                Paired next;
                try {
                    next = new Paired(identities.take(), "soak-kill-" + round + "-" + n);
                } catch (InterruptedException e) {
                    return;
                }
                if (!host.alive()) {
                    return; // killed while this client waited for its key: it never began
                }
                SoakClient client = new SoakClient(host, next.identity(), next.name());
                try {
                    if (client.pair(PAIR_LIMIT) == PairOutcome.PAIRED) {
                        confirmed.add(next);
                        certificate[0] = client.moonlight().hostCertificate();
                        confirmedThisRound.incrementAndGet();
                    }
                } catch (Exception e) {
                    if (!host.alive()) {
                        cut.add(next);
                    }
                    return;
                }
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (confirmedThisRound.get() == 0 && System.nanoTime() < deadline) {
            Pause.briefly();
        }
        // somewhere within the next pairings: a pairing here takes a few hundred ms, its store write a few
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(2000)));
        int before = confirmedThisRound.get();
        host.kill();
        pairing.join(TimeUnit.SECONDS.toMillis(60));
        SoakRun.log(NAME, String.format(Locale.ROOT, "kill %d: %d pairing(s) confirmed this round before the kill,"
                + " %d cut by it", round, before, cut.size()));
        return new Round(certificate[0], List.copyOf(cut));
    }

    /** How many of {@code clients} the host says are paired, each asked with its own certificate. */
    private static int countPaired(HostUnderTest host, List<Paired> clients, X509Certificate hostCertificate)
            throws Exception {
        int paired = 0;
        for (Paired p : clients) {
            SoakClient client = new SoakClient(host, p.identity(), p.name());
            client.moonlight().trusting(hostCertificate);
            paired += client.paired() ? 1 : 0;
        }
        return paired;
    }
}
