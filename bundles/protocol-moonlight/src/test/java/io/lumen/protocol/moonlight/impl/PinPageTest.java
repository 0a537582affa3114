package io.lumen.protocol.moonlight.impl;

import io.lumen.testkit.Poll;
import io.lumen.testkit.moonlight.ClientIdentity;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.MoonlightTestClient.PairOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loopback PIN page as a browser uses it: read the page, submit its forms. */
@Timeout(120)
class PinPageTest {

    @TempDir
    Path dir;

    private RunningHost running;
    private final HttpClient browser = HttpClient.newHttpClient(); // does not follow redirects: they are checked

    @BeforeEach
    void start() throws Exception {
        running = new RunningHost(dir);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private String page() throws Exception {
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(base()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        return response.body();
    }

    /** The page, for a poll: a failed request is a failed test, not a reason to ask again. */
    private String pageOrFailure() {
        try {
            return page();
        } catch (Exception e) {
            throw new AssertionError("the page did not load", e);
        }
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + running.host.webPort() + "/");
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return browser.send(HttpRequest.newBuilder(base().resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String html) {
        Matcher m = Pattern.compile("name=\"token\" value=\"([0-9a-f]+)\"").matcher(html);
        assertTrue(m.find(), "the page has a form token");
        return m.group(1);
    }

    private static String message(HttpResponse<String> redirect) {
        assertEquals(303, redirect.statusCode(), redirect.body());
        String location = redirect.headers().firstValue("location").orElseThrow();
        return URLDecoder.decode(location.substring(location.indexOf("message=") + 8), StandardCharsets.UTF_8);
    }

    @Test
    void aClientPairsWithThePinTypedIntoThePageAndCanBeUnpairedThere() throws Exception {
        String idle = page();
        assertTrue(idle.contains("No client is pairing"), idle);
        assertTrue(idle.contains(running.host.uniqueId()), "the page shows the host's status");

        MoonlightTestClient client = running.client("Steam Deck <3");
        CompletableFuture<PairOutcome> pairing = CompletableFuture.supplyAsync(() -> {
            try {
                return client.pair("2468", () -> { });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String waiting = Poll.every(Duration.ofMillis(20)).awaits("the page to show the waiting client",
                Duration.ofSeconds(4), this::pageOrFailure, page -> page.contains("wants to pair"));
        assertTrue(waiting.contains("Steam Deck &lt;3"), "the waiting client's name, escaped: " + waiting);
        String token = token(waiting);
        assertTrue(message(post("pin", "token=" + token + "&pin=24")).contains("4 digits"));
        assertTrue(message(post("pin", "token=" + token + "&pin=2468")).contains("PIN sent to Steam Deck <3"));
        assertEquals(PairOutcome.PAIRED, pairing.get(30, TimeUnit.SECONDS));
        assertTrue(message(post("pin", "token=" + token + "&pin=1234")).contains("No client is waiting"));

        String paired = page();
        assertTrue(paired.contains("Steam Deck &lt;3") && paired.contains("Unpair"), paired);
        String fingerprint = running.host.clients().get(0).fingerprint();
        assertTrue(message(post("unpair", "token=" + token + "&client=" + fingerprint)).contains("is unpaired"));
        assertTrue(running.host.clients().isEmpty());
        assertEquals(401, client.https("/applist", "").status());
    }

    @Test
    void everyWaitingClientHasItsOwnPinFormAndThePinGoesToTheOneUsed() throws Exception {
        InetAddress stranger = InetAddress.getByName("127.0.0.2");
        String certificate = HexFormat.of().formatHex(ClientIdentity.generate().certificatePem()
                .getBytes(StandardCharsets.US_ASCII));
        Socket strangerWaits;
        try {
            strangerWaits = RawHttp.get(stranger, running.host.httpPort(), "/pair?uniqueid="
                    + MoonlightTestClient.UNIQUE_ID + "&devicename=couch&phrase=getservercert"
                    + "&salt=00112233445566778899AABBCCDDEEFF&clientcert=" + certificate);
        } catch (java.io.IOException e) {
            Assumptions.abort("this machine's loopback has no 127.0.0.2 to play a second machine: " + e);
            return;
        }
        try (strangerWaits) {
            MoonlightTestClient client = running.client("couch");
            CompletableFuture<PairOutcome> pairing = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.pair("1357", () -> { });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, runnable -> Thread.ofPlatform().daemon().start(runnable));
            assertTrue(Poll.until(java.time.Duration.ofSeconds(20), () -> running.host.waitingClients().size() == 2));
            String both = page();
            assertEquals(2, both.split("action=\"/pin\"", -1).length - 1, "a PIN form for each: " + both);
            assertTrue(both.contains("<b>couch</b> (127.0.0.1)") && both.contains("<b>couch</b> (127.0.0.2)"), both);
            String token = token(both);
            assertTrue(message(post("pin", "token=" + token + "&pin=1357")).contains("couch (127.0.0.2)"),
                    "a PIN that names no client is refused with the list");
            assertEquals(2, running.host.waitingClients().size());
            assertTrue(message(post("pin", "token=" + token + "&pin=1357&client=127.0.0.1"))
                    .contains("PIN sent to couch (127.0.0.1)"));
            assertEquals(PairOutcome.PAIRED, pairing.get(30, TimeUnit.SECONDS));
            assertEquals(List.of("127.0.0.2"), running.host.waitingClients().stream().map(w -> w.address()).toList(),
                    "the stranger got nothing");
        }
    }

    @Test
    void formsWithoutTheTokenAndForeignHostNamesAreRefused() throws Exception {
        running.paired("phone");
        assertEquals(403, post("unpair", "client=phone").statusCode(), "no token: a cross-site form");
        assertEquals(403, post("unpair", "token=00&client=phone").statusCode());
        assertEquals(List.of("phone"), running.clientNames());
        String rebound = RawHttp.statusLine(running.host.webPort(),
                "GET / HTTP/1.1\r\nHost: attacker.example:47990\r\n\r\n");
        assertTrue(rebound.contains(" 403 "), rebound);
        assertTrue(RawHttp.statusLine(running.host.webPort(), "GET /etc/passwd HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .contains(" 404 "));
        assertFalse(page().isEmpty(), "the page still answers");
    }

    /** The page must not be framed (clickjacking its PIN or Unpair buttons), cached, sniffed or named in referrers. */
    @Test
    void everyReplyForbidsFramingCachingSniffingAndReferrers() throws Exception {
        running.paired("phone");
        int port = running.host.webPort();
        String token = token(page());
        List<String> replies = List.of(
                RawHttp.reply(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
                RawHttp.reply(port, "GET /nothing HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
                RawHttp.reply(port, "GET / HTTP/1.1\r\nHost: attacker.example\r\n\r\n"),
                RawHttp.reply(port, form("/unpair", "client=phone")),
                RawHttp.reply(port, form("/pin", "token=" + token + "&pin=1234")),
                RawHttp.reply(port, "POST /pin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 100000\r\n\r\n"),
                RawHttp.reply(port, "GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nX: " + "a".repeat(9000) + "\r\n\r\n"));
        List<String> statuses = replies.stream().map(r -> r.lines().findFirst().orElse("")).toList();
        assertEquals(List.of(" 200 ", " 404 ", " 403 ", " 403 ", " 303 ", " 413 ", " 400 "),
                statuses.stream().map(line -> line.replaceAll("^HTTP/1.1( \\d{3} ).*", "$1")).toList(), statuses.toString());
        for (String reply : replies) {
            String head = reply.substring(0, reply.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
            assertTrue(head.contains("\r\ncontent-security-policy: ") && head.contains("frame-ancestors 'none'")
                    && head.contains("default-src 'none'"), head);
            assertTrue(head.contains("\r\nx-frame-options: deny"), head);
            assertTrue(head.contains("\r\nx-content-type-options: nosniff"), head);
            assertTrue(head.contains("\r\nreferrer-policy: no-referrer"), head);
            assertTrue(head.contains("\r\ncache-control: no-store"), head);
        }
        assertEquals(List.of("phone"), running.clientNames());
    }

    private static String form(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }
}
