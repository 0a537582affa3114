package io.lumen.protocol.moonlight.impl.pairing;

import io.lumen.protocol.moonlight.impl.identity.Certificates;
import io.lumen.protocol.moonlight.impl.identity.HostIdentity;
import io.lumen.protocol.moonlight.impl.store.PairedClient;
import io.lumen.protocol.moonlight.impl.store.PairedClientStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host's pairing state machine, driven by a client that computes what a Moonlight client computes. */
class PairingServiceTest {

    private static final System.Logger LOG = System.getLogger("test");
    private static final String UNIQUE_ID = "0123456789ABCDEF"; // what every Moonlight client sends
    private static final PairingCaller CALLER = caller("192.168.1.20");
    private static final PairingCaller STRANGER = caller("192.168.1.66");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private HostIdentity host;
    private PairedClientStore store;
    private PairingService service;

    @BeforeEach
    void setUp() throws Exception {
        host = HostIdentity.loadOrCreate(dir.resolve("identity"), LOG);
        store = new PairedClientStore(dir.resolve("clients.json"));
        service = new PairingService(host, store, clock, LOG);
    }

    /** The client's side of phases 2 to 4, from the protocol facts. */
    private final class Client {
        final PairingCaller caller;
        final Certificates.KeyPairAndCertificate identity = Certificates.selfSigned("NVIDIA GameStream Client");
        final byte[] salt = PairingCrypto.random(16);
        byte[] key;
        byte[] challenge;
        byte[] hostChallenge;
        byte[] secret;

        Client() {
            this(CALLER);
        }

        Client(PairingCaller caller) {
            this.caller = caller;
        }

        CompletableFuture<String> begin() {
            return begin("living room");
        }

        CompletableFuture<String> begin(String name) {
            return service.begin(caller, name, salt, identity.certificate());
        }

        boolean finish(String pin, String plainCert) throws PairingFailure {
            assertEquals(Certificates.pem(host.certificate()), plainCert);
            key = PairingCrypto.aesKey(PairingHash.SHA256, salt, pin);
            challenge = PairingCrypto.random(16);
            byte[] response = PairingCrypto.decrypt(key, service.clientChallenge(caller,
                    PairingCrypto.encrypt(key, challenge)));
            byte[] hostHash = Arrays.copyOf(response, 32);
            hostChallenge = Arrays.copyOfRange(response, 32, 48);
            secret = PairingCrypto.random(16);
            byte[] pairingSecret = service.serverChallengeResponse(caller, PairingCrypto.encrypt(key,
                    PairingCrypto.digest(PairingHash.SHA256, hostChallenge, identity.certificate().getSignature(), secret)));
            byte[] hostSecret = Arrays.copyOf(pairingSecret, 16);
            boolean hostVerified = PairingCrypto.verify(host.certificate(), hostSecret,
                    Arrays.copyOfRange(pairingSecret, 16, pairingSecret.length))
                    && PairingCrypto.same(hostHash, PairingCrypto.digest(PairingHash.SHA256, challenge,
                    host.certificate().getSignature(), hostSecret));
            service.clientPairingSecret(caller, PairingCrypto.concat(secret, PairingCrypto.sign(identity.key(), secret)));
            return hostVerified;
        }
    }

    @Test
    void theRightPinPairsAndStoresTheClient() throws Exception {
        Client client = new Client();
        CompletableFuture<String> plainCert = client.begin();
        assertFalse(plainCert.isDone(), "the reply waits for the PIN");
        assertEquals("living room", service.waitingClient());
        assertTrue(service.enterPin("4711"));
        assertTrue(client.finish("4711", plainCert.get()));
        PairedClient stored = store.list().get(0);
        assertEquals("living room", stored.name());
        assertEquals(Certificates.fingerprint(client.identity.certificate()), stored.fingerprint());
        assertNull(service.waitingClient());
    }

    @Test
    void aWrongPinFailsStoresNothingAndSlowsTheNextAttempt() throws Exception {
        Client client = new Client();
        CompletableFuture<String> plainCert = client.begin();
        service.enterPin("1111");
        PairingFailure failure = assertThrows(PairingFailure.class, () -> client.finish("2222", plainCert.get()));
        assertEquals(PairingFailure.Reason.WRONG_PIN, failure.reason());
        assertTrue(store.list().isEmpty());
        assertFailed(PairingFailure.Reason.RATE_LIMITED, new Client().begin());
        clock.advance(PairingService.FIRST_PENALTY.plusMillis(1));
        Client again = new Client();
        CompletableFuture<String> second = again.begin();
        service.enterPin("3333");
        assertThrows(PairingFailure.class, () -> again.finish("4444", second.get()));
        clock.advance(PairingService.FIRST_PENALTY.plusMillis(1));
        assertFailed(PairingFailure.Reason.RATE_LIMITED, new Client().begin()); // the wait doubled
    }

    @Test
    void phasesOutOfOrderAreRefusedAndEndTheAttempt() throws Exception {
        assertEquals(PairingFailure.Reason.OUT_OF_ORDER, assertThrows(PairingFailure.class,
                () -> service.clientChallenge(CALLER, new byte[16])).reason());
        Client client = new Client();
        CompletableFuture<String> plainCert = client.begin();
        assertEquals(PairingFailure.Reason.OUT_OF_ORDER, assertThrows(PairingFailure.class,
                () -> service.clientChallenge(CALLER, new byte[16])).reason(), "before the PIN");
        assertFailed(PairingFailure.Reason.OUT_OF_ORDER, plainCert);
        assertFalse(service.enterPin("1234"), "the attempt is gone");
        Client next = new Client();
        CompletableFuture<String> second = next.begin();
        service.enterPin("1234");
        second.get();
        assertEquals(PairingFailure.Reason.OUT_OF_ORDER, assertThrows(PairingFailure.class,
                () -> service.serverChallengeResponse(CALLER, new byte[32])).reason(), "phase 3 before 2");
        assertTrue(store.list().isEmpty());
    }

    @Test
    void aNewerAttemptFromTheSameAddressReplacesTheOlderAndAttemptsExpire() throws Exception {
        CompletableFuture<String> first = new Client().begin();
        CompletableFuture<String> second = new Client().begin();
        assertFailed(PairingFailure.Reason.CANCELLED, first);
        assertEquals(1, service.waiting().size(), "one attempt per address");
        clock.advance(PairingService.PIN_WAIT.plusSeconds(1));
        service.expireStale();
        assertFailed(PairingFailure.Reason.EXPIRED, second);
        assertFalse(service.enterPin("1234"));
        CompletableFuture<String> third = new Client().begin();
        service.enterPin("1234");
        third.get();
        clock.advance(PairingService.PHASE_WAIT.plusSeconds(1));
        assertEquals(PairingFailure.Reason.OUT_OF_ORDER, assertThrows(PairingFailure.class,
                () -> service.clientChallenge(CALLER, new byte[16])).reason(), "the attempt expired meanwhile");
    }

    @Test
    void malformedValuesAndCancel() throws Exception {
        assertFailed(PairingFailure.Reason.MALFORMED, service.begin(CALLER, "x", new byte[5],
                Certificates.selfSigned("c").certificate()));
        Client client = new Client();
        CompletableFuture<String> plainCert = client.begin();
        service.enterPin("1234");
        plainCert.get();
        assertEquals(PairingFailure.Reason.MALFORMED, assertThrows(PairingFailure.class,
                () -> service.clientChallenge(CALLER, new byte[7])).reason());
        CompletableFuture<String> again = new Client().begin();
        service.cancel(new PairingCaller("someone else", CALLER.address()));
        service.cancel(STRANGER);
        assertFalse(again.isDone());
        service.cancel(CALLER);
        assertFailed(PairingFailure.Reason.CANCELLED, again);
        assertArrayEquals(new Object[0], store.list().toArray());
    }

    @Test
    void aStrangersPhasesAndCancelsLeaveTheAttemptAloneAndChargeNoWait() throws Exception {
        Client client = new Client();
        CompletableFuture<String> plainCert = client.begin();
        service.cancel(STRANGER);
        assertEquals(PairingFailure.Reason.OUT_OF_ORDER, assertThrows(PairingFailure.class,
                () -> service.clientChallenge(STRANGER, new byte[16])).reason(), "the stranger has no attempt");
        assertEquals(PairingFailure.Reason.OUT_OF_ORDER, assertThrows(PairingFailure.class,
                () -> service.clientPairingSecret(STRANGER, new byte[40])).reason());
        assertFalse(plainCert.isDone(), "the attempt still waits for its PIN");
        assertEquals("living room", service.waitingClient());
        assertTrue(service.enterPin("4711"));
        String pem = plainCert.get();
        assertEquals(PairingFailure.Reason.OUT_OF_ORDER, assertThrows(PairingFailure.class,
                () -> service.serverChallengeResponse(STRANGER, new byte[32])).reason(), "between phases too");
        service.cancel(STRANGER);
        assertTrue(client.finish("4711", pem), "the client's own phases go through");
        assertEquals(1, store.list().size());
    }

    @Test
    void aClientThatLeavesWhileThePinIsAwaitedFreesThePairingAtOnce() throws Exception {
        CompletableFuture<String> first = new Client().begin();
        CompletableFuture<String> refused = service.begin(STRANGER, "x", new byte[5],
                Certificates.selfSigned("c").certificate());
        service.clientLeft(refused); // a refused request's connection closing is no business of the attempt
        assertFalse(first.isDone());
        service.clientLeft(first);
        assertFailed(PairingFailure.Reason.CANCELLED, first);
        assertNull(service.waitingClient());
        Client next = new Client();
        CompletableFuture<String> second = next.begin();
        assertTrue(service.enterPin("1234"));
        service.clientLeft(second); // the reply went out and its connection closed: the attempt goes on
        assertTrue(next.finish("1234", second.get()));
    }

    @Test
    void theSameClientStartingAgainReplacesItsOwnWaitingAttemptOnly() throws Exception {
        Client client = new Client();
        CompletableFuture<String> first = client.begin();
        CompletableFuture<String> again = client.begin();
        assertFailed(PairingFailure.Reason.CANCELLED, first);
        assertFalse(again.isDone());
        CompletableFuture<String> strangers = service.begin(STRANGER, "stranger", client.salt,
                client.identity.certificate());
        assertFalse(again.isDone(), "a stranger with the same certificate cannot replace it");
        assertFalse(strangers.isDone(), "it waits beside it, for a PIN of its own");
        assertEquals(2, service.waiting().size());
    }

    @Test
    void anIdleAttemptAfterThePinExpiresWithinSeconds() throws Exception {
        Client client = new Client();
        CompletableFuture<String> plainCert = client.begin();
        service.enterPin("1234");
        plainCert.get();
        clock.advance(PairingService.PHASE_WAIT.plusMillis(1));
        CompletableFuture<String> next = new Client().begin();
        assertFalse(next.isDone(), "the next client is not blocked by the idle one");
        assertTrue(PairingService.PHASE_WAIT.compareTo(Duration.ofSeconds(15)) <= 0);
    }

    @Test
    void severalWaitAtOnceAndEachPinGoesOnlyToTheAttemptNamed() throws Exception {
        Client couch = new Client();
        Client tv = new Client(STRANGER);
        CompletableFuture<String> couchCert = couch.begin("couch");
        CompletableFuture<String> tvCert = tv.begin("tv");
        PinEntry unnamed = service.enterPin("1111", null);
        assertEquals(PinEntry.Outcome.AMBIGUOUS, unnamed.outcome());
        assertEquals(List.of("couch (192.168.1.20)", "tv (192.168.1.66)"),
                unnamed.waiting().stream().map(WaitingAttempt::toString).toList());
        assertEquals(PinEntry.Outcome.NO_SUCH_CLIENT, service.enterPin("1111", "kitchen").outcome());
        assertFalse(couchCert.isDone() || tvCert.isDone(), "no PIN was guessed onto either");
        PinEntry toTv = service.enterPin("1111", "TV");
        assertEquals(PinEntry.Outcome.SENT, toTv.outcome());
        assertEquals("192.168.1.66", toTv.sentTo().address());
        assertTrue(tv.finish("1111", tvCert.get()));
        assertFalse(couchCert.isDone());
        assertEquals(PinEntry.Outcome.SENT, service.enterPin("2222", "192.168.1.20").outcome());
        assertTrue(couch.finish("2222", couchCert.get()));
        assertEquals(2, store.list().size());
    }

    @Test
    void atMostFourWaitAndTheOldestGivesWayToANewAddress() throws Exception {
        List<CompletableFuture<String>> waits = new java.util.ArrayList<>();
        for (int i = 1; i <= PairingService.MAX_WAITING; i++) {
            clock.advance(Duration.ofSeconds(1));
            waits.add(new Client(caller("10.0.0." + i)).begin("stale " + i));
        }
        assertEquals(PairingService.MAX_WAITING, service.waiting().size());
        CompletableFuture<String> fresh = new Client(caller("10.0.0.99")).begin("fresh");
        assertFalse(fresh.isDone(), "a new address is never locked out");
        assertFailed(PairingFailure.Reason.CANCELLED, waits.get(0));
        assertFalse(waits.get(1).isDone());
        assertEquals(PairingService.MAX_WAITING, service.waiting().size());
        assertEquals("fresh", service.waiting().get(PairingService.MAX_WAITING - 1).deviceName());
    }

    @Test
    void aWrongPinSlowsOnlyTheAddressThatMadeIt() throws Exception {
        failWithWrongPin(STRANGER);
        assertFailed(PairingFailure.Reason.RATE_LIMITED, new Client(STRANGER).begin());
        Client client = new Client();
        CompletableFuture<String> plainCert = client.begin();
        assertFalse(plainCert.isDone(), "the device in hand is not slowed by the stranger's mistake");
        service.enterPin("4711");
        assertTrue(client.finish("4711", plainCert.get()));
    }

    @Test
    void wrongPinsFromManyAddressesMeetTheHostWideBound() throws Exception {
        for (int i = 1; i <= WrongPinBrake.HOST_FAILURES; i++) {
            failWithWrongPin(caller("10.0.1." + i));
        }
        assertFailed(PairingFailure.Reason.RATE_LIMITED, new Client(caller("10.0.1.200")).begin());
        assertFailed(PairingFailure.Reason.RATE_LIMITED, new Client().begin());
        clock.advance(WrongPinBrake.HOST_WINDOW);
        assertFalse(new Client(caller("10.0.1.200")).begin().isDone(), "the bound lifts as the window moves on");
        long guessesPerHour = WrongPinBrake.HOST_FAILURES * Duration.ofHours(1).dividedBy(WrongPinBrake.HOST_WINDOW);
        assertTrue(guessesPerHour <= 60, guessesPerHour + " guesses an hour across all addresses");
    }

    private void failWithWrongPin(PairingCaller from) throws Exception {
        Client client = new Client(from);
        CompletableFuture<String> plainCert = client.begin();
        assertTrue(service.enterPin("1111", from.address().getHostAddress()).sent());
        assertEquals(PairingFailure.Reason.WRONG_PIN, assertThrows(PairingFailure.class,
                () -> client.finish("2222", plainCert.get())).reason());
    }

    private static PairingCaller caller(String address) {
        try {
            return new PairingCaller(UNIQUE_ID, java.net.InetAddress.getByName(address));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertFailed(PairingFailure.Reason reason, CompletableFuture<String> future) {
        ExecutionException e = assertThrows(ExecutionException.class, future::get);
        assertEquals(reason, ((PairingFailure) e.getCause()).reason(), e.getCause().getMessage());
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
