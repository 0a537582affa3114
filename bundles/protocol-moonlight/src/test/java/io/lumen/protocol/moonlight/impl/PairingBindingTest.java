package io.lumen.protocol.moonlight.impl;

import io.lumen.testkit.Poll;
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
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pairing attempt belongs to the client that began it: a stranger on another address (127.0.0.2, which the
 * host sees as a different peer, as it would a second machine) can neither end it nor advance it, and a client
 * that walks away does not hold up the next one.
 */
@Timeout(120)
class PairingBindingTest {

    private static final String ZEROS = "00112233445566778899AABBCCDDEEFF";

    @TempDir
    Path dir;

    private RunningHost running;
    private InetAddress stranger;

    @BeforeEach
    void start() throws Exception {
        running = new RunningHost(dir);
        stranger = OtherMachines.usable(2);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private String fromStranger(String target) throws IOException {
        return RawHttp.reply(stranger, running.host.httpPort(), target);
    }

    @Test
    void aStrangersOutOfOrderPhasesAndUnpairDoNotCancelTheAttempt() throws Exception {
        MoonlightTestClient client = running.client("couch");
        AtomicReference<List<String>> strangerReplies = new AtomicReference<>();
        Runnable strangerInterferesThenPinIsTyped = () -> {
            try {
                assertTrue(Poll.until(Duration.ofSeconds(20), () -> running.host.waitingClient().isPresent()));
                String id = "uniqueid=" + MoonlightTestClient.UNIQUE_ID;
                strangerReplies.set(List.of(
                        fromStranger("/pair?" + id + "&devicename=x&clientchallenge=" + ZEROS),
                        fromStranger("/pair?" + id + "&devicename=x&serverchallengeresp=" + ZEROS + ZEROS),
                        fromStranger("/pair?" + id + "&devicename=x&clientpairingsecret=" + ZEROS + ZEROS),
                        fromStranger("/unpair?" + id)));
                assertEquals(java.util.Optional.of("couch"), running.host.waitingClient(),
                        "the attempt still waits for its PIN");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            running.typesPin("2580").run();
        };
        assertEquals(PairOutcome.PAIRED, client.pair("2580", strangerInterferesThenPinIsTyped));
        List<String> replies = strangerReplies.get();
        for (String phase : replies.subList(0, 3)) {
            assertTrue(phase.startsWith("HTTP/1.1 200") && phase.contains("<paired>0</paired>"), phase);
        }
        assertTrue(replies.get(3).startsWith("HTTP/1.1 200"), "/unpair is answered 200 and does nothing");
        assertEquals(List.of("couch"), running.clientNames());
        MoonlightTestClient next = running.client("next");
        assertEquals(PairOutcome.PAIRED, next.pair("1357", running.typesPin("1357")),
                "no wrong-PIN wait was charged by the stranger's phases");
    }

    @Test
    void aClientThatVanishesWhileThePinIsAwaitedDoesNotBlockTheNext() throws Exception {
        String certificate = HexFormat.of().formatHex(running.client("gone").identity().certificatePem()
                .getBytes(StandardCharsets.US_ASCII));
        try (Socket vanishing = RawHttp.get(InetAddress.getLoopbackAddress(), running.host.httpPort(),
                "/pair?uniqueid=" + MoonlightTestClient.UNIQUE_ID + "&devicename=gone&phrase=getservercert&salt="
                        + ZEROS + "&clientcert=" + certificate)) {
            assertTrue(Poll.until(Duration.ofSeconds(20), () -> running.host.waitingClient().isPresent()),
                    "the vanishing client waits for its PIN");
        }
        assertTrue(Poll.until(Duration.ofSeconds(5), () -> running.host.waitingClient().isEmpty()),
                "its attempt ended when its connection closed, not two minutes later");
        assertEquals(PairOutcome.PAIRED, running.client("next").pair("1357", running.typesPin("1357")));
    }

    @Test
    void anAttemptTheClientCancelsDoesNotBlockTheNext() throws Exception {
        MoonlightTestClient quitter = running.client("quitter");
        Runnable cancelsInstead = () -> {
            assertTrue(Poll.until(Duration.ofSeconds(20), () -> running.host.waitingClient().isPresent()));
            try {
                assertEquals(200, quitter.http("/unpair", "").status());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        assertEquals(PairOutcome.REFUSED, quitter.pair("1111", cancelsInstead));
        assertTrue(running.host.waitingClient().isEmpty());
        assertEquals(PairOutcome.PAIRED, running.client("next").pair("1357", running.typesPin("1357")));
    }
}
