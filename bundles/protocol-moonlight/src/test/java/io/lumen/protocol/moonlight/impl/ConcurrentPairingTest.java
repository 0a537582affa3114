package io.lumen.protocol.moonlight.impl;

import io.lumen.protocol.moonlight.impl.pairing.WaitingAttempt;
import io.lumen.testkit.Poll;
import io.lumen.testkit.moonlight.ClientIdentity;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.MoonlightTestClient.PairOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several pairing attempts wait for their PINs side by side on a real host, so a stranger (another loopback
 * address: the host sees another machine) that begins an attempt and holds its PIN wait open cannot keep the
 * device in the user's hand from pairing; the PIN typed goes where the user points it, and wrong PINs from many
 * addresses still meet one host-wide bound.
 */
@Timeout(180)
class ConcurrentPairingTest {

    private static final String SALT = "00112233445566778899AABBCCDDEEFF";

    @TempDir
    Path dir;

    private RunningHost running;
    private final List<InetAddress> others = new java.util.ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        running = new RunningHost(dir);
        for (int i = 2; i <= 8; i++) {
            others.add(OtherMachines.usable(i));
        }
    }

    @AfterEach
    void stop() {
        running.close();
    }

    /** A stranger's getservercert from {@code from}, left open: it waits for a PIN for as long as the host lets it. */
    private Socket strangerWaitsForAPin(InetAddress from, String name) throws IOException {
        String certificate = HexFormat.of().formatHex(ClientIdentity.generate().certificatePem()
                .getBytes(StandardCharsets.US_ASCII));
        Socket socket = RawHttp.get(from, running.host.httpPort(), "/pair?uniqueid=" + MoonlightTestClient.UNIQUE_ID
                + "&devicename=" + name + "&phrase=getservercert&salt=" + SALT + "&clientcert=" + certificate);
        assertTrue(Poll.until(Duration.ofSeconds(20), () -> waitingAddresses().contains(from.getHostAddress())),
                "the stranger's attempt waits for its PIN");
        return socket;
    }

    private Set<String> waitingAddresses() {
        return Set.copyOf(running.host.waitingClients().stream().map(WaitingAttempt::address).toList());
    }

    @Test
    void aStrangerHoldingItsPinWaitOpenDoesNotStopTheRealClientFromPairing() throws Exception {
        try (Socket stranger = strangerWaitsForAPin(others.get(0), "couch")) {
            MoonlightTestClient couch = running.client("couch");
            assertEquals(PairOutcome.PAIRED, couch.pair("2580", running.typesPinFor("2580", "127.0.0.1")));
            assertEquals(List.of("couch"), running.clientNames());
            assertEquals(Set.of("127.0.0.2"), waitingAddresses(), "the stranger got nothing but its own wait");
        }
        assertTrue(Poll.until(Duration.ofSeconds(5), () -> running.host.waitingClients().isEmpty()));
    }

    @Test
    void twoWaitingClientsGetTheirOwnPinsByTheShellCommandNamingEach() throws Exception {
        MoonlightTestClient deck = running.client("deck");
        MoonlightTestClient tv = running.client("tv", others.get(0));
        AtomicBoolean bothWaited = new AtomicBoolean();
        // threads of their own: the common pool may have a single thread on a small machine, and the host uses it
        try (ExecutorService users = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory())) {
            Future<PairOutcome> deckPairs = users.submit(() -> deck.pair("1111",
                    whenBothWait(bothWaited, running.typesPinFor("1111", "deck"))));
            Future<PairOutcome> tvPairs = users.submit(() -> tv.pair("2222",
                    whenBothWait(bothWaited, running.typesPinFor("2222", "127.0.0.2"))));
            assertEquals(PairOutcome.PAIRED, deckPairs.get(2, TimeUnit.MINUTES));
            assertEquals(PairOutcome.PAIRED, tvPairs.get(2, TimeUnit.MINUTES));
        }
        assertEquals(Set.of("deck", "tv"), Set.copyOf(running.clientNames()));
    }

    @Test
    void aPinForSeveralWaitingClientsIsRefusedWithTheirList() throws Exception {
        try (Socket stranger = strangerWaitsForAPin(others.get(0), "couch")) {
            MoonlightTestClient couch = running.client("couch");
            AtomicReference<List<String>> refusals = new AtomicReference<>();
            Runnable userTypes = () -> {
                assertTrue(Poll.until(Duration.ofSeconds(20), () -> running.host.waitingClients().size() == 2));
                refusals.set(List.of(
                        assertThrows(IllegalArgumentException.class, () -> PairCommand.run(running.host, "2580", null))
                                .getMessage(),
                        assertThrows(IllegalArgumentException.class, () -> PairCommand.run(running.host, "2580", "couch"))
                                .getMessage()));
                assertEquals(2, running.host.waitingClients().size(), "the refused commands sent no PIN");
                PairCommand.run(running.host, "2580", "127.0.0.1");
            };
            assertEquals(PairOutcome.PAIRED, couch.pair("2580", userTypes));
            for (String refusal : refusals.get()) {
                assertTrue(refusal.contains("couch (127.0.0.1)") && refusal.contains("couch (127.0.0.2)"), refusal);
            }
        }
    }

    @Test
    void wrongPinsFromManyAddressesMeetOneHostWideBound() throws Exception {
        for (InetAddress from : others.subList(0, 5)) {
            assertEquals(PairOutcome.WRONG_PIN, running.client("guesser", from).pair("1111",
                    running.typesPinFor("2222", from.getHostAddress())),
                    "a wrong PIN from " + from + " is not slowed by the other addresses' mistakes");
        }
        assertEquals(PairOutcome.REFUSED, running.client("guesser", others.get(5)).pair("1111", () -> { }),
                "a sixth wrong-PIN address within the window is refused at once");
        assertEquals(PairOutcome.REFUSED, running.client("couch").pair("1111", () -> { }),
                "while the host-wide bound is full, everyone waits");
        assertTrue(running.host.waitingClients().isEmpty());
    }

    /** Lets {@code typePin} run only once both clients have been seen waiting at the same time. */
    private Runnable whenBothWait(AtomicBoolean bothWaited, Runnable typePin) {
        return () -> {
            assertTrue(Poll.until(Duration.ofSeconds(30), () -> bothWaited.get()
                    || (running.host.waitingClients().size() == 2 && bothWaited.compareAndSet(false, true))),
                    "both clients wait for their PINs at once");
            typePin.run();
        };
    }
}
