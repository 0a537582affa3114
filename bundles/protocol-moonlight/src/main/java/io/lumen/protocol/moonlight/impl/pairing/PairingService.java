package io.lumen.protocol.moonlight.impl.pairing;

import io.lumen.protocol.moonlight.impl.identity.Certificates;
import io.lumen.protocol.moonlight.impl.identity.HostIdentity;
import io.lumen.protocol.moonlight.impl.store.PairedClient;
import io.lumen.protocol.moonlight.impl.store.PairedClientStore;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The host side of Moonlight pairing (PROTOCOL-DETAIL.md 2.4): one attempt at a time host-wide, its phases
 * enforced in order, the PIN typed at the host awaited, a wrong PIN answered with a growing wait before the
 * next attempt, and only a fully verified client stored. Clients are told apart by certificate; the uniqueid
 * they send only ties the phases of one attempt together (every Moonlight client sends the same one).
 * <p>
 * An attempt is bound to the caller that began it (its address and uniqueid, and its certificate): a phase or a
 * cancel from anyone else is refused without touching the attempt or charging it a wait, so a stranger on the LAN
 * can neither end nor poison someone else's pairing. It ends as soon as its client leaves while the PIN is awaited
 * (the connection that waits for the PIN closes), and a client that has its PIN goes on within seconds, so the
 * idle limit between later phases is short: a vanished client blocks the next one briefly, if at all.
 */
public final class PairingService {

    static final Duration PIN_WAIT = Duration.ofMinutes(2);
    /** Phases 2 to 4 follow the PIN automatically; real clients send each within a second of the last reply. */
    static final Duration PHASE_WAIT = Duration.ofSeconds(10);
    static final Duration FIRST_PENALTY = Duration.ofSeconds(1);
    static final Duration MAX_PENALTY = Duration.ofMinutes(1);

    private enum Phase { AWAITING_PIN, KEYED, CHALLENGED, SECRET_SENT }

    private static final class Attempt {
        final PairingCaller caller;
        final String deviceName;
        final byte[] salt;
        final X509Certificate clientCertificate;
        final CompletableFuture<String> hostCertificate = new CompletableFuture<>();
        Phase phase = Phase.AWAITING_PIN;
        Instant deadline;
        byte[] key;
        byte[] clientChallenge;
        byte[] hostSecret;
        byte[] hostChallenge;
        byte[] clientHash;

        Attempt(PairingCaller caller, String deviceName, byte[] salt, X509Certificate clientCertificate,
                Instant deadline) {
            this.caller = caller;
            this.deviceName = deviceName;
            this.salt = salt;
            this.clientCertificate = clientCertificate;
            this.deadline = deadline;
        }
    }

    private final HostIdentity host;
    private final PairedClientStore store;
    private final Clock clock;
    private final System.Logger log;
    private final PairingHash hash = PairingHash.SHA256;
    private Attempt attempt;
    private Instant blockedUntil = Instant.MIN;
    private Duration penalty = FIRST_PENALTY;

    public PairingService(HostIdentity host, PairedClientStore store, Clock clock, System.Logger log) {
        this.host = host;
        this.store = store;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Phase 1 ({@code getservercert}): starts an attempt; the future completes with the host certificate in PEM
     * once the PIN is entered, or fails with a {@link PairingFailure}.
     */
    public synchronized CompletableFuture<String> begin(PairingCaller caller, String deviceName, byte[] salt,
                                                      X509Certificate clientCertificate) {
        Instant now = clock.instant();
        expire(now);
        if (now.isBefore(blockedUntil)) {
            return CompletableFuture.failedFuture(new PairingFailure(PairingFailure.Reason.RATE_LIMITED,
                    "a wrong PIN was entered; pairing is possible again at " + blockedUntil));
        }
        if (salt.length != 16) {
            return CompletableFuture.failedFuture(new PairingFailure(PairingFailure.Reason.MALFORMED,
                    "salt is " + salt.length + " bytes, must be 16"));
        }
        if (attempt != null && attempt.phase == Phase.AWAITING_PIN && attempt.caller.equals(caller)
                && attempt.clientCertificate.equals(clientCertificate)) {
            // the same client started over (its user retried) before the host saw the old request go
            log.log(System.Logger.Level.INFO, "pairing: \"" + attempt.deviceName + "\" from " + caller
                    + " started again; its earlier attempt is dropped");
            end(new PairingFailure(PairingFailure.Reason.CANCELLED, "a newer attempt of the same client replaced it"));
        }
        if (attempt != null) {
            return CompletableFuture.failedFuture(new PairingFailure(PairingFailure.Reason.BUSY,
                    "client \"" + attempt.deviceName + "\" is pairing; try again when it is done"));
        }
        attempt = new Attempt(caller, deviceName, salt.clone(), clientCertificate, now.plus(PIN_WAIT));
        // the client holds its request open for the PIN: make sure it hears "expired" even if nothing else happens
        CompletableFuture.delayedExecutor(PIN_WAIT.toMillis() + 500, TimeUnit.MILLISECONDS).execute(this::expireStale);
        log.log(System.Logger.Level.INFO, "pairing: \"" + deviceName + "\" from " + caller + " asks to pair"
                + " (certificate " + Certificates.fingerprint(clientCertificate)
                + "); the attempt is bound to it; enter the PIN it shows with lumen:pair <pin>");
        return attempt.hostCertificate;
    }

    /**
     * The connection that waits for the PIN closed: the client is gone (its user backed out, the app was closed,
     * the device left). {@code waiting} is the future {@link #begin} gave it, so a later attempt is never ended by
     * an earlier one's connection.
     */
    public synchronized void clientLeft(CompletableFuture<String> waiting) {
        if (attempt != null && attempt.hostCertificate == waiting && attempt.phase == Phase.AWAITING_PIN) {
            log.log(System.Logger.Level.INFO, "pairing: \"" + attempt.deviceName + "\" from " + attempt.caller
                    + " left before its PIN was entered; attempt ended");
            end(new PairingFailure(PairingFailure.Reason.CANCELLED, "the client left"));
        }
    }

    /** Ends an attempt whose deadline has passed. */
    public synchronized void expireStale() {
        expire(clock.instant());
    }

    /** Whether a client is waiting for its PIN (and which), for the shell and the web page. */
    public synchronized String waitingClient() {
        expire(clock.instant());
        return attempt != null && attempt.phase == Phase.AWAITING_PIN ? attempt.deviceName : null;
    }

    /** The PIN typed at the host for the waiting client. False when no client waits for one. */
    public synchronized boolean enterPin(String pin) {
        expire(clock.instant());
        if (attempt == null || attempt.phase != Phase.AWAITING_PIN) {
            return false;
        }
        attempt.key = PairingCrypto.aesKey(hash, attempt.salt, pin);
        advance(Phase.KEYED);
        log.log(System.Logger.Level.INFO, "pairing: PIN entered for \"" + attempt.deviceName + "\"");
        attempt.hostCertificate.complete(Certificates.pem(host.certificate()));
        return true;
    }

    /** Phase 2 ({@code clientchallenge}): returns the encrypted challenge response. */
    public synchronized byte[] clientChallenge(PairingCaller caller, byte[] encryptedChallenge) throws PairingFailure {
        Attempt current = expect(caller, Phase.KEYED);
        byte[] challenge = decrypt(current, encryptedChallenge, 16);
        current.clientChallenge = challenge;
        current.hostSecret = PairingCrypto.random(16);
        current.hostChallenge = PairingCrypto.random(16);
        byte[] response = PairingCrypto.digest(hash, challenge, host.certificate().getSignature(), current.hostSecret);
        advance(Phase.CHALLENGED);
        return PairingCrypto.encrypt(current.key, PairingCrypto.concat(response, current.hostChallenge));
    }

    /** Phase 3 ({@code serverchallengeresp}): keeps the client's hash, returns the signed host secret. */
    public synchronized byte[] serverChallengeResponse(PairingCaller caller, byte[] encryptedHash) throws PairingFailure {
        Attempt current = expect(caller, Phase.CHALLENGED);
        current.clientHash = Arrays.copyOf(decrypt(current, encryptedHash, hash.length()), hash.length());
        advance(Phase.SECRET_SENT);
        return PairingCrypto.concat(current.hostSecret, PairingCrypto.sign(host.key(), current.hostSecret));
    }

    /** Phase 4 ({@code clientpairingsecret}): verifies the client and stores it. */
    public synchronized PairedClient clientPairingSecret(PairingCaller caller, byte[] secretAndSignature)
            throws PairingFailure {
        Attempt current = expect(caller, Phase.SECRET_SENT);
        attempt = null;
        if (secretAndSignature.length <= 16) {
            throw fail(PairingFailure.Reason.MALFORMED, "pairing secret of " + secretAndSignature.length + " bytes");
        }
        byte[] secret = Arrays.copyOf(secretAndSignature, 16);
        byte[] signature = Arrays.copyOfRange(secretAndSignature, 16, secretAndSignature.length);
        byte[] expected = PairingCrypto.digest(hash, current.hostChallenge,
                current.clientCertificate.getSignature(), secret);
        if (!PairingCrypto.same(expected, current.clientHash)
                || !PairingCrypto.verify(current.clientCertificate, secret, signature)) {
            penalize(current, "wrong PIN (or a forged answer)");
            throw new PairingFailure(PairingFailure.Reason.WRONG_PIN, "the PIN did not match");
        }
        penalty = FIRST_PENALTY;
        Instant now = clock.instant();
        PairedClient client = new PairedClient(current.deviceName, Certificates.fingerprint(current.clientCertificate),
                Certificates.pem(current.clientCertificate), now, now);
        try {
            store.put(client);
        } catch (IOException e) {
            log.log(System.Logger.Level.ERROR, "pairing: cannot store \"" + current.deviceName + "\": " + e.getMessage());
            throw new PairingFailure(PairingFailure.Reason.CANCELLED, "the host could not store the pairing");
        }
        log.log(System.Logger.Level.INFO, "client paired: \"" + client.name() + "\" (" + client.fingerprint() + ")");
        return client;
    }

    /**
     * The client gave up ({@code /unpair} over HTTP): drops its attempt, never a stored pairing. A client that
     * gives up after receiving the host's secret has found the host's answer wrong, which is what a wrong PIN
     * looks like from its side (real clients stop there and never send phase 4), so it costs the same wait.
     * From anyone but the attempt's own client it does nothing.
     */
    public synchronized void cancel(PairingCaller caller) {
        expire(clock.instant());
        if (attempt == null) {
            return;
        }
        if (!attempt.caller.equals(caller)) {
            log.log(System.Logger.Level.DEBUG, "pairing: a cancel from " + caller + " ignored: the attempt of \""
                    + attempt.deviceName + "\" belongs to " + attempt.caller);
            return;
        }
        if (attempt.phase == Phase.SECRET_SENT) {
            penalize(attempt, "the client found the host's answer wrong: a wrong PIN");
            end(new PairingFailure(PairingFailure.Reason.WRONG_PIN, "the PIN did not match"));
        } else {
            log.log(System.Logger.Level.INFO, "pairing: \"" + attempt.deviceName + "\" from " + attempt.caller
                    + " cancelled by the client");
            end(new PairingFailure(PairingFailure.Reason.CANCELLED, "the client cancelled pairing"));
        }
    }

    private void penalize(Attempt failed, String why) {
        blockedUntil = clock.instant().plus(penalty);
        penalty = penalty.multipliedBy(2).compareTo(MAX_PENALTY) > 0 ? MAX_PENALTY : penalty.multipliedBy(2);
        log.log(System.Logger.Level.WARNING, "pairing: \"" + failed.deviceName + "\" failed: " + why
                + "; next attempt allowed at " + blockedUntil);
    }

    private Attempt expect(PairingCaller caller, Phase phase) throws PairingFailure {
        expire(clock.instant());
        if (attempt == null) {
            throw new PairingFailure(PairingFailure.Reason.OUT_OF_ORDER, "no pairing in progress for this client");
        }
        if (!attempt.caller.equals(caller)) {
            // refused without ending the attempt or charging it a wait: the stranger cannot touch it
            throw new PairingFailure(PairingFailure.Reason.BUSY, "a phase from " + caller + " refused: the attempt of \""
                    + attempt.deviceName + "\" belongs to another client");
        }
        if (attempt.phase != phase) {
            Phase was = attempt.phase;
            end(new PairingFailure(PairingFailure.Reason.OUT_OF_ORDER, "out of order"));
            throw new PairingFailure(PairingFailure.Reason.OUT_OF_ORDER,
                    "pairing phase out of order (expected after " + was + "); start again");
        }
        return attempt;
    }

    private byte[] decrypt(Attempt current, byte[] ciphertext, int atLeast) throws PairingFailure {
        if (ciphertext.length < atLeast || ciphertext.length % 16 != 0) {
            throw fail(PairingFailure.Reason.MALFORMED, "a " + ciphertext.length + "-byte value where "
                    + atLeast + " (whole AES blocks) belong");
        }
        return PairingCrypto.decrypt(current.key, ciphertext);
    }

    private PairingFailure fail(PairingFailure.Reason reason, String message) {
        PairingFailure failure = new PairingFailure(reason, message);
        end(failure);
        return failure;
    }

    private void advance(Phase next) {
        attempt.phase = next;
        attempt.deadline = clock.instant().plus(PHASE_WAIT);
        // so the expiry is logged when it happens, not when someone next asks
        CompletableFuture.delayedExecutor(PHASE_WAIT.toMillis() + 500, TimeUnit.MILLISECONDS).execute(this::expireStale);
    }

    private void expire(Instant now) {
        if (attempt != null && now.isAfter(attempt.deadline)) {
            log.log(System.Logger.Level.INFO, "pairing: \"" + attempt.deviceName + "\" from " + attempt.caller
                    + " expired waiting for "
                    + (attempt.phase == Phase.AWAITING_PIN ? "the PIN" : "the client"));
            end(new PairingFailure(PairingFailure.Reason.EXPIRED, "pairing timed out"));
        }
    }

    private void end(PairingFailure failure) {
        if (attempt != null) {
            attempt.hostCertificate.completeExceptionally(failure);
            attempt = null;
        }
    }
}
