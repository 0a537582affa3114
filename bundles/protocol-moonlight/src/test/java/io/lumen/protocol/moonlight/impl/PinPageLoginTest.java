package io.lumen.protocol.moonlight.impl;

import io.lumen.testkit.Poll;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.MoonlightTestClient.PairOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PIN page listening beyond loopback asks for a password. The page is bound to the wildcard address 0.0.0.0,
 * which really is beyond loopback (the LAN reaches it), and the test reaches it through 127.0.0.1: the host
 * decides by where it listens, not by who asks, so a request from this machine gets no pass either (a proxy on
 * the host could otherwise carry the LAN in).
 */
@Timeout(120)
class PinPageLoginTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

    private RunningHost running;
    private final HttpClient browser = HttpClient.newHttpClient(); // no cookie jar: the session is sent by hand

    @BeforeEach
    void start() throws Exception {
        running = new RunningHost(dir, InetAddress.getByName("0.0.0.0"));
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private HttpResponse<String> get(String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base());
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, String... form) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < form.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(form[i]).append('=')
                    .append(URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + running.host.webPort() + "/");
    }

    /** The session cookie a successful login or setup sets, as the browser sends it back. */
    private static String session(HttpResponse<String> loggedIn) {
        assertEquals(303, loggedIn.statusCode(), loggedIn.body());
        String set = loggedIn.headers().firstValue("set-cookie").orElseThrow();
        assertTrue(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Max-Age="), set);
        assertFalse(set.contains("Secure"), "the page has no TLS: a Secure cookie would never come back");
        return set.substring(0, set.indexOf(';'));
    }

    private static String token(String html) {
        Matcher m = Pattern.compile("name=\"token\" value=\"([0-9a-f]+)\"").matcher(html);
        assertTrue(m.find(), "the page has a form token: " + html);
        return m.group(1);
    }

    private String setupCode() {
        Matcher m = Pattern.compile("setup code ([0-9a-f-]+)").matcher(running.host.webLogin());
        assertTrue(m.find(), running.host.webLogin());
        return m.group(1);
    }

    @Test
    void nothingIsPostedOrShownWithoutLoginAndTheRightPasswordOpensThePage() throws Exception {
        MoonlightTestClient client = running.client("tv");
        CompletableFuture<PairOutcome> pairing = CompletableFuture.supplyAsync(() -> {
            try {
                return client.pair("2468", () -> { });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(Poll.until(Duration.ofSeconds(20), () -> running.host.waitingClient().isPresent()));

        HttpResponse<String> first = get(null);
        assertEquals(200, first.statusCode());
        assertTrue(first.body().contains("setup code") && !first.body().contains("name=\"token\"")
                && !first.body().contains("wants to pair"), "only the setup form: " + first.body());
        assertEquals(403, post("pin", null, "token", "00", "pin", "2468").statusCode(), "a PIN without login");
        assertEquals(403, post("unpair", null, "token", "00", "client", "tv").statusCode());
        assertEquals(401, post("setup", null, "code", "0000-0000-0000", "password", PASSWORD, "repeat", PASSWORD)
                .statusCode(), "a wrong setup code");
        assertEquals(400, post("setup", null, "code", setupCode(), "password", "short", "repeat", "short")
                .statusCode(), "too short a password");
        String cookie = session(post("setup", null, "code", setupCode(), "password", PASSWORD, "repeat", PASSWORD));
        assertTrue(running.host.webLogin().contains("password set"), running.host.webLogin());
        assertEquals(Optional.of("tv"), running.host.waitingClient(), "nothing reached the attempt so far");

        String page = get(cookie).body();
        assertTrue(page.contains("wants to pair") && page.contains("Log out"), page);
        HttpResponse<String> sent = post("pin", cookie, "token", token(page), "pin", "2468");
        assertEquals(303, sent.statusCode());
        assertEquals(PairOutcome.PAIRED, pairing.get(30, TimeUnit.SECONDS));

        assertEquals(303, post("logout", cookie, "token", token(get(cookie).body())).statusCode());
        assertFalse(get(cookie).body().contains("name=\"token\""), "the session is gone after logging out");
        assertEquals(401, post("login", null, "password", "wrong horse battery").statusCode(), "a wrong password");
        String again = session(post("login", null, "password", PASSWORD));
        assertTrue(get(again).body().contains("Paired clients"));
    }

    @Test
    void thePasswordSurvivesARestartAndIsKeptOnlyAsAHash() throws Exception {
        session(post("setup", null, "code", setupCode(), "password", PASSWORD, "repeat", PASSWORD));
        Path file = running.data.resolve("protocol/web-password");
        String stored = Files.readString(file);
        assertTrue(stored.startsWith("pbkdf2-sha256:600000:"), stored);
        assertFalse(stored.contains(PASSWORD) || stored.contains(URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)),
                "no plaintext: " + stored);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        running.close();
        running = new RunningHost(dir, InetAddress.getByName("0.0.0.0"));
        assertEquals("login required (password set)", running.host.webLogin());
        String body = get(null).body();
        assertTrue(body.contains("name=\"password\"") && !body.contains("setup code"), "the login form: " + body);
        assertEquals(403, post("setup", null, "code", "x", "password", "another one!", "repeat", "another one!")
                .statusCode(), "no second setup");
        assertTrue(get(session(post("login", null, "password", PASSWORD))).body().contains("Paired clients"));
    }

    @Test
    void guessingIsSlowedDownForEveryone() throws Exception {
        session(post("setup", null, "code", setupCode(), "password", PASSWORD, "repeat", PASSWORD));
        for (int i = 0; i < 4; i++) {
            assertEquals(401, post("login", null, "password", "guess " + i).statusCode());
        }
        HttpResponse<String> blocked = post("login", null, "password", PASSWORD);
        assertEquals(429, blocked.statusCode(), "after four wrong guesses even the right one waits");
        assertTrue(blocked.body().contains("wait"), blocked.body());
        running.clock.step(Duration.ofSeconds(1)); // the first wait after the free guesses, stepped over
        assertEquals(303, post("login", null, "password", PASSWORD).statusCode(),
                "the right password is taken once the wait is over");
    }
}
