package io.lumen.protocol.moonlight.impl.web;

import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The PIN page's login, used when the page listens beyond loopback: the password (set once through a setup code
 * the host logs at start), sessions in a cookie, and a limit on guessing. Wrong passwords and setup codes count
 * host-wide, not per address (a LAN attacker has many addresses): after a few, each next try waits, the wait
 * doubling to a minute; a right one clears the count. Hashing runs on a thread of its own, one check at a time,
 * so guesses cannot stall the page's event loop or occupy more than one core.
 */
final class WebLogin implements AutoCloseable {

    static final String COOKIE = "lumen_session";
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    static final int MAX_SESSIONS = 32;
    static final int FREE_FAILURES = 3;
    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration MAX_WAIT = Duration.ofMinutes(1);

    /** A logged-in browser: the cookie's value, the token its forms carry, when it must log in again. */
    record Session(String id, String formToken, Instant expires) {
    }

    /** How a login or setup ended: a session, or the reason to show and the HTTP status to show it with. */
    record Outcome(Session session, int status, String message) {
        static Outcome refused(int status, String message) {
            return new Outcome(null, status, message);
        }
    }

    private final Path file;
    private final Clock clock;
    private final System.Logger log;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService hasher = Executors.newSingleThreadExecutor(task ->
            Thread.ofPlatform().name("lumen-web-login").daemon().unstarted(task));
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private WebPassword password;
    private String setupCode;
    private int failures;
    private Instant blockedUntil = Instant.MIN;
    private boolean checking;

    private WebLogin(Path file, WebPassword password, Clock clock, System.Logger log) {
        this.file = file;
        this.password = password;
        this.clock = clock;
        this.log = log;
        if (password == null) {
            byte[] code = new byte[6];
            random.nextBytes(code);
            String hex = HexFormat.of().formatHex(code);
            setupCode = hex.substring(0, 4) + "-" + hex.substring(4, 8) + "-" + hex.substring(8);
        }
    }

    /** The login for a page whose password is kept in {@code file}; a fresh setup code when none is set. */
    static WebLogin open(Path file, Clock clock, System.Logger log) throws IOException {
        return new WebLogin(file, WebPassword.load(file).orElse(null), clock, log);
    }

    /** The code that lets the first visitor choose the password; empty once one is set. */
    synchronized Optional<String> setupCode() {
        return Optional.ofNullable(setupCode);
    }

    /** The live session named by the request's {@code Cookie} header, if any. */
    synchronized Optional<Session> session(String cookieHeader) {
        if (cookieHeader == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !now.isBefore(s.expires()));
        for (Cookie cookie : ServerCookieDecoder.LAX.decode(cookieHeader)) {
            if (cookie.name().equals(COOKIE)) {
                Session session = sessions.get(cookie.value());
                if (session != null) {
                    return Optional.of(session);
                }
            }
        }
        return Optional.empty();
    }

    synchronized void logout(Session session, String from) {
        if (sessions.remove(session.id()) != null) {
            log.log(System.Logger.Level.INFO, "pin page: logout from " + from);
        }
    }

    /** Checks {@code attempt} against the stored password (off the caller's thread). */
    CompletableFuture<Outcome> login(String attempt, String from) {
        WebPassword stored;
        synchronized (this) {
            if (password == null) {
                return CompletableFuture.completedFuture(Outcome.refused(403, "No password is set yet: use the setup code."));
            }
            Outcome refused = admit();
            if (refused != null) {
                return CompletableFuture.completedFuture(refused);
            }
            stored = password;
        }
        return CompletableFuture.supplyAsync(() -> stored.matches(attempt), hasher)
                .handle((right, error) -> settle(Boolean.TRUE.equals(right), "login", from));
    }

    /** Sets the first password, given the setup code from the log; logs the browser in. */
    CompletableFuture<Outcome> setup(String code, String chosen, String repeated, String from) {
        synchronized (this) {
            if (setupCode == null) {
                return CompletableFuture.completedFuture(Outcome.refused(403, "A password is set already: log in."));
            }
            Outcome refused = admit();
            if (refused != null) {
                return CompletableFuture.completedFuture(refused);
            }
            if (code == null || !MessageDigest.isEqual(code.strip().getBytes(StandardCharsets.UTF_8),
                    setupCode.getBytes(StandardCharsets.UTF_8))) {
                return CompletableFuture.completedFuture(settle(false, "setup", from));
            }
            String why = WebPassword.unacceptable(chosen);
            if (why == null && !chosen.equals(repeated)) {
                why = "The two passwords differ.";
            }
            if (why != null) {
                checking = false;
                return CompletableFuture.completedFuture(Outcome.refused(400, why));
            }
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return WebPassword.store(file, chosen);
            } catch (IOException e) {
                log.log(System.Logger.Level.ERROR, "pin page: cannot store the password: " + e.getMessage());
                return null;
            }
        }, hasher).handle((stored, error) -> {
            synchronized (this) {
                if (stored == null) {
                    checking = false;
                    return Outcome.refused(500, "The host could not store the password; see its log.");
                }
                password = stored;
                setupCode = null;
                log.log(System.Logger.Level.INFO, "pin page: password set from " + from + " (kept hashed in "
                        + file + ")");
            }
            return settle(true, "setup", from);
        });
    }

    /** Null when a check may start now (and marks one running), else why not. */
    private Outcome admit() {
        Instant now = clock.instant();
        if (now.isBefore(blockedUntil)) {
            long seconds = Math.max(1, Duration.between(now, blockedUntil).toSeconds());
            return Outcome.refused(429, "Too many wrong tries: wait " + seconds + " s and try again.");
        }
        if (checking) {
            return Outcome.refused(429, "Another login is being checked: try again in a moment.");
        }
        checking = true;
        return null;
    }

    private synchronized Outcome settle(boolean right, String what, String from) {
        checking = false;
        if (!right) {
            failures++;
            String next = "";
            if (failures > FREE_FAILURES) {
                Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(10, failures - FREE_FAILURES - 1));
                blockedUntil = clock.instant().plus(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
                next = "; next try allowed at " + blockedUntil;
            }
            log.log(System.Logger.Level.WARNING, "pin page: " + what + " from " + from + " failed ("
                    + failures + " wrong in a row" + next + ")");
            return Outcome.refused(401, what.equals("setup") ? "Wrong setup code." : "Wrong password.");
        }
        failures = 0;
        blockedUntil = Instant.MIN;
        byte[] id = new byte[32];
        byte[] token = new byte[16];
        random.nextBytes(id);
        random.nextBytes(token);
        Session session = new Session(HexFormat.of().formatHex(id), HexFormat.of().formatHex(token),
                clock.instant().plus(SESSION_LIFETIME));
        if (sessions.size() >= MAX_SESSIONS) {
            Iterator<String> oldest = sessions.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        sessions.put(session.id(), session);
        log.log(System.Logger.Level.INFO, "pin page: " + what + " from " + from + " ok; session until "
                + session.expires());
        return new Outcome(session, 303, "Logged in.");
    }

    /** The {@code Set-Cookie} value for {@code session}; {@code secure} when the page is served over TLS. */
    static String cookie(Session session, boolean secure) {
        return COOKIE + "=" + session.id() + "; Path=/; Max-Age=" + SESSION_LIFETIME.toSeconds()
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that makes the browser forget its session. */
    static String forgetCookie(boolean secure) {
        return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    @Override
    public void close() {
        hasher.shutdownNow();
    }
}
