package io.lumen.protocol.moonlight.impl.pairing;

import io.lumen.protocol.moonlight.impl.identity.Certificates;
import io.lumen.protocol.moonlight.impl.identity.HostIdentity;
import io.lumen.protocol.moonlight.impl.store.PairedClient;
import io.lumen.protocol.moonlight.impl.store.PairedClientStore;

import java.io.IOException;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The host side of Moonlight pairing (PROTOCOL-DETAIL.md 2.4): phases enforced in order, the PIN typed at the host
 * awaited, a wrong PIN answered with a growing wait, and only a fully verified client stored. Clients are told
 * apart by certificate; the uniqueid they send only ties the phases of one attempt together (every Moonlight client
 * sends the same one).
 * <p>
 * Several attempts may wait for their PIN at once, at most one per address and {@link #MAX_WAITING} in all, so a
 * stranger who begins an attempt and never lets it go does not keep the device in the user's hand from pairing:
 * the user sees every waiting attempt by name and address and types the PIN for the one they mean. A newer
 * attempt from the same address replaces the older (the user retried); one from a new address when all places are
 * taken pushes out the attempt that has waited longest, so no set of stale attempts can lock a new address out.
 * <p>
 * An attempt is bound to the caller that began it (its address and uniqueid, and its certificate): a phase or a
 * cancel from anyone else is refused without touching it or charging it a wait. It ends as soon as its client
 * leaves while the PIN is awaited (the connection that waits for the PIN closes), and a client that has its PIN
 * goes on within seconds, so the idle limit between later phases is short. Wrong PINs cost the address that made
 * them a wait, within a host-wide bound (see {@link WrongPinBrake}).
 */
public final class PairingService {

    static final Duration PIN_WAIT = Duration.ofMinutes(2);
    /** Phases 2 to 4 follow the PIN automatically; real clients send each within a second of the last reply. */
    static final Duration PHASE_WAIT = Duration.ofSeconds(10);
    static final Duration FIRST_PENALTY = WrongPinBrake.FIRST_PENALTY;
    /** Enough for the user's devices to pair side by side; few enough that the PIN page stays a short list. */
    static final int MAX_WAITING = 4;

    private enum Phase { AWAITING_PIN, KEYED, CHALLENGED, SECRET_SENT }

    private static final class Attempt {
        final PairingCaller caller;
        final String deviceName;
        final byte[] salt;
        final X509Certificate clientCertificate;
        final Instant began;
        final CompletableFuture<String> hostCertificate = new CompletableFuture<>();
        Phase phase = Phase.AWAITING_PIN;
        Instant deadline;
        byte[] key;
        byte[] clientChallenge;
        byte[] hostSecret;
        byte[] hostChallenge;
        byte[] clientHash;

        Attempt(PairingCaller caller, String deviceName, byte[] salt, X509Certificate clientCertificate,
                Instant began) {
            this.caller = caller;
            this.deviceName = deviceName;
            this.salt = salt;
            this.clientCertificate = clientCertificate;
            this.began = began;
            this.deadline = began.plus(PIN_WAIT);
        }

        WaitingAttempt view() {
            return new WaitingAttempt(deviceName, caller.address().getHostAddress(), began);
        }

        @Override
        public String toString() {
            return "\"" + deviceName + "\" from " + caller;
        }
    }

    private final HostIdentity host;
    private final PairedClientStore store;
    private final Clock clock;
    private final System.Logger log;
    private final PairingHash hash = PairingHash.SHA256;
    /** By client address, oldest first. */
    private final Map<InetAddress, Attempt> attempts = new LinkedHashMap<>();
    private final WrongPinBrake brake = new WrongPinBrake();

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
        Optional<Instant> blocked = brake.blockedUntil(caller.address(), now);
        if (blocked.isPresent()) {
            return CompletableFuture.failedFuture(new PairingFailure(PairingFailure.Reason.RATE_LIMITED,
                    "a wrong PIN was entered; pairing from " + caller + " is possible again at " + blocked.get()));
        }
        if (salt.length != 16) {
            return CompletableFuture.failedFuture(new PairingFailure(PairingFailure.Reason.MALFORMED,
                    "salt is " + salt.length + " bytes, must be 16"));
        }
        Attempt same = attempts.get(caller.address());
        if (same != null && same.phase != Phase.AWAITING_PIN) {
            return CompletableFuture.failedFuture(new PairingFailure(PairingFailure.Reason.BUSY,
                    same + " is finishing its pairing; try again in a few seconds"));
        }
        if (same != null) {
            // the same machine started over (its user retried) before the host saw the old request go
            log.log(System.Logger.Level.INFO, "pairing: " + same + " started again; its earlier attempt is dropped");
            end(same, new PairingFailure(PairingFailure.Reason.CANCELLED, "a newer attempt from the same address replaced it"));
        } else if (attempts.size() >= MAX_WAITING) {
            Optional<Attempt> oldest = attempts.values().stream().filter(a -> a.phase == Phase.AWAITING_PIN).findFirst();
            if (oldest.isEmpty()) {
                return CompletableFuture.failedFuture(new PairingFailure(PairingFailure.Reason.BUSY,
                        MAX_WAITING + " clients are finishing their pairing; try again in a few seconds"));
            }
            log.log(System.Logger.Level.INFO, "pairing: " + oldest.get() + " pushed out after waiting since "
                    + oldest.get().began + ": " + MAX_WAITING + " attempts wait and " + caller + " asks too");
            end(oldest.get(), new PairingFailure(PairingFailure.Reason.CANCELLED, "newer attempts took its place"));
        }
        Attempt attempt = new Attempt(caller, deviceName, salt.clone(), clientCertificate, now);
        attempts.put(caller.address(), attempt);
        // the client holds its request open for the PIN: make sure it hears "expired" even if nothing else happens
        CompletableFuture.delayedExecutor(PIN_WAIT.toMillis() + 500, TimeUnit.MILLISECONDS).execute(this::expireStale);
        log.log(System.Logger.Level.INFO, "pairing: " + attempt + " asks to pair (certificate "
                + Certificates.fingerprint(clientCertificate) + "); " + attempts.size() + " waiting; enter the PIN it"
                + " shows with lumen:pair <pin>" + (attempts.size() > 1 ? " " + caller : ""));
        return attempt.hostCertificate;
    }

    /**
     * The connection that waits for the PIN closed: the client is gone (its user backed out, the app was closed,
     * the device left). {@code waiting} is the future {@link #begin} gave it, so a later attempt is never ended by
     * an earlier one's connection.
     */
    public synchronized void clientLeft(CompletableFuture<String> waiting) {
        for (Attempt attempt : List.copyOf(attempts.values())) {
            if (attempt.hostCertificate == waiting && attempt.phase == Phase.AWAITING_PIN) {
                log.log(System.Logger.Level.INFO, "pairing: " + attempt + " left before its PIN was entered; attempt ended");
                end(attempt, new PairingFailure(PairingFailure.Reason.CANCELLED, "the client left"));
            }
        }
    }

    /** Ends the attempts whose deadline has passed. */
    public synchronized void expireStale() {
        expire(clock.instant());
    }

    /** The attempts waiting for their PIN, oldest first, for the shell and the web page. */
    public synchronized List<WaitingAttempt> waiting() {
        expire(clock.instant());
        return attempts.values().stream().filter(a -> a.phase == Phase.AWAITING_PIN).map(Attempt::view).toList();
    }

    /** The name of the attempt that has waited longest for its PIN, or null. */
    public String waitingClient() {
        List<WaitingAttempt> waiting = waiting();
        return waiting.isEmpty() ? null : waiting.get(0).deviceName();
    }

    /** The PIN for the one waiting client; false when none, or more than one, waits. */
    public boolean enterPin(String pin) {
        return enterPin(pin, null).sent();
    }

    /**
     * The PIN typed at the host for the attempt {@code who} names (its device name, any case, or its address);
     * {@code who} may be null when exactly one attempt waits. Anything else sends nothing.
     */
    public synchronized PinEntry enterPin(String pin, String who) {
        expire(clock.instant());
        List<Attempt> waiting = attempts.values().stream().filter(a -> a.phase == Phase.AWAITING_PIN).toList();
        List<WaitingAttempt> views = waiting.stream().map(Attempt::view).toList();
        List<Attempt> named = who == null || who.isBlank() ? waiting : waiting.stream()
                .filter(a -> a.deviceName.equalsIgnoreCase(who.strip())
                        || a.caller.address().getHostAddress().equals(who.strip())).toList();
        if (waiting.isEmpty()) {
            return new PinEntry(PinEntry.Outcome.NONE_WAITING, null, views);
        }
        if (named.isEmpty()) {
            return new PinEntry(PinEntry.Outcome.NO_SUCH_CLIENT, null, views);
        }
        if (named.size() > 1) {
            return new PinEntry(PinEntry.Outcome.AMBIGUOUS, null, named.stream().map(Attempt::view).toList());
        }
        Attempt attempt = named.get(0);
        attempt.key = PairingCrypto.aesKey(hash, attempt.salt, pin);
        advance(attempt, Phase.KEYED);
        log.log(System.Logger.Level.INFO, "pairing: PIN entered for " + attempt);
        attempt.hostCertificate.complete(Certificates.pem(host.certificate()));
        return new PinEntry(PinEntry.Outcome.SENT, attempt.view(), views);
    }
    /** Phase 2 ({@code clientchallenge}): returns the encrypted challenge response. */
    public synchronized byte[] clientChallenge(PairingCaller caller, byte[] encryptedChallenge) throws PairingFailure {
        Attempt current = expect(caller, Phase.KEYED);
        byte[] challenge = decrypt(current, encryptedChallenge, 16);
        current.clientChallenge = challenge;
        current.hostSecret = PairingCrypto.random(16);
        current.hostChallenge = PairingCrypto.random(16);
        byte[] response = PairingCrypto.digest(hash, challenge, host.certificate().getSignature(), current.hostSecret);
        advance(current, Phase.CHALLENGED);
        return PairingCrypto.encrypt(current.key, PairingCrypto.concat(response, current.hostChallenge));
    }

    /** Phase 3 ({@code serverchallengeresp}): keeps the client's hash, returns the signed host secret. */
    public synchronized byte[] serverChallengeResponse(PairingCaller caller, byte[] encryptedHash) throws PairingFailure {
        Attempt current = expect(caller, Phase.CHALLENGED);
        current.clientHash = Arrays.copyOf(decrypt(current, encryptedHash, hash.length()), hash.length());
        advance(current, Phase.SECRET_SENT);
        return PairingCrypto.concat(current.hostSecret, PairingCrypto.sign(host.key(), current.hostSecret));
    }

    /** Phase 4 ({@code clientpairingsecret}): verifies the client and stores it. */
    public synchronized PairedClient clientPairingSecret(PairingCaller caller, byte[] secretAndSignature)
            throws PairingFailure {
        Attempt current = expect(caller, Phase.SECRET_SENT);
        attempts.remove(caller.address());
        if (secretAndSignature.length <= 16) {
            throw new PairingFailure(PairingFailure.Reason.MALFORMED, "pairing secret of " + secretAndSignature.length
                    + " bytes");
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
        brake.cleared(caller.address());
        Instant now = clock.instant();
        PairedClient client = new PairedClient(current.deviceName, Certificates.fingerprint(current.clientCertificate),
                Certificates.pem(current.clientCertificate), now, now);
        try {
            store.put(client);
        } catch (IOException e) {
            log.log(System.Logger.Level.ERROR, "pairing: cannot store " + current + ": " + e.getMessage());
            throw new PairingFailure(PairingFailure.Reason.CANCELLED, "the host could not store the pairing");
        }
        log.log(System.Logger.Level.INFO, "client paired: \"" + client.name() + "\" from " + caller + " ("
                + client.fingerprint() + ")");
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
        Attempt attempt = attempts.get(caller.address());
        if (attempt == null) {
            return;
        }
        if (!attempt.caller.equals(caller)) {
            log.log(System.Logger.Level.DEBUG, "pairing: a cancel from " + caller + " with another uniqueid ignored");
            return;
        }
        if (attempt.phase == Phase.SECRET_SENT) {
            penalize(attempt, "the client found the host's answer wrong: a wrong PIN");
            end(attempt, new PairingFailure(PairingFailure.Reason.WRONG_PIN, "the PIN did not match"));
        } else {
            log.log(System.Logger.Level.INFO, "pairing: " + attempt + " cancelled by the client");
            end(attempt, new PairingFailure(PairingFailure.Reason.CANCELLED, "the client cancelled pairing"));
        }
    }

    private void penalize(Attempt failed, String why) {
        Instant until = brake.charge(failed.caller.address(), clock.instant());
        log.log(System.Logger.Level.WARNING, "pairing: " + failed + " failed: " + why + "; its next attempt is"
                + " allowed at " + until);
    }

    /** The caller's own attempt in {@code phase}; a phase from a stranger finds none and touches nobody's. */
    private Attempt expect(PairingCaller caller, Phase phase) throws PairingFailure {
        expire(clock.instant());
        Attempt attempt = attempts.get(caller.address());
        if (attempt == null) {
            throw new PairingFailure(PairingFailure.Reason.OUT_OF_ORDER, "no pairing in progress for " + caller);
        }
        if (!attempt.caller.equals(caller)) {
            throw new PairingFailure(PairingFailure.Reason.BUSY, "a phase from " + caller + " with another uniqueid"
                    + " refused: the attempt there belongs to another client");
        }
        if (attempt.phase != phase) {
            Phase was = attempt.phase;
            log.log(System.Logger.Level.INFO, "pairing: " + attempt + " sent a phase out of order; attempt ended");
            end(attempt, new PairingFailure(PairingFailure.Reason.OUT_OF_ORDER, "out of order"));
            throw new PairingFailure(PairingFailure.Reason.OUT_OF_ORDER,
                    "pairing phase out of order (expected after " + was + "); start again");
        }
        return attempt;
    }

    private byte[] decrypt(Attempt current, byte[] ciphertext, int atLeast) throws PairingFailure {
        if (ciphertext.length < atLeast || ciphertext.length % 16 != 0) {
            PairingFailure failure = new PairingFailure(PairingFailure.Reason.MALFORMED, "a " + ciphertext.length
                    + "-byte value where " + atLeast + " (whole AES blocks) belong");
            log.log(System.Logger.Level.INFO, "pairing: " + current + " sent a malformed value; attempt ended");
            end(current, failure);
            throw failure;
        }
        return PairingCrypto.decrypt(current.key, ciphertext);
    }

    private void advance(Attempt attempt, Phase next) {
        attempt.phase = next;
        attempt.deadline = clock.instant().plus(PHASE_WAIT);
        // so the expiry is logged when it happens, not when someone next asks
        CompletableFuture.delayedExecutor(PHASE_WAIT.toMillis() + 500, TimeUnit.MILLISECONDS).execute(this::expireStale);
    }

    private void expire(Instant now) {
        for (Attempt attempt : List.copyOf(attempts.values())) {
            if (now.isAfter(attempt.deadline)) {
                log.log(System.Logger.Level.INFO, "pairing: " + attempt + " expired waiting for "
                        + (attempt.phase == Phase.AWAITING_PIN ? "the PIN" : "the client"));
                end(attempt, new PairingFailure(PairingFailure.Reason.EXPIRED, "pairing timed out"));
            }
        }
    }

    private void end(Attempt attempt, PairingFailure failure) {
        attempts.remove(attempt.caller.address(), attempt);
        attempt.hostCertificate.completeExceptionally(failure);
    }
}
