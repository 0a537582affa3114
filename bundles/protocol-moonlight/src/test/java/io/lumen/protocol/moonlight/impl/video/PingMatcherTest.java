package io.lumen.protocol.moonlight.impl.video;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PingMatcherTest {

    private static final String PAYLOAD = "0123456789ABCDEF";
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000);
    private static final InetSocketAddress OTHER = new InetSocketAddress("192.0.2.7", 40_000);

    private static ByteBuffer ping(String payload, int sequence) {
        return ByteBuffer.allocate(20).put(payload.getBytes(StandardCharsets.US_ASCII)).putInt(sequence).flip();
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void anSsPingWithTheSetupPayloadMatchesFromAnywhereWhenNoClientAddressIsGiven() {
        PingMatcher matcher = new PingMatcher(PAYLOAD, true, null);
        assertEquals(PingMatcher.Kind.PING, matcher.classify(ping(PAYLOAD, 1), CLIENT));
        assertEquals(PingMatcher.Kind.PING, matcher.classify(ping(PAYLOAD, 99), OTHER));
        ByteBuffer longer = ByteBuffer.allocate(40).put(ping(PAYLOAD, 1)).position(0);
        assertEquals(PingMatcher.Kind.PING, matcher.classify(longer, CLIENT), "Sunshine takes 20 bytes and up");
    }

    @Test
    void aPingWithTheRightPayloadFromAnotherAddressThanTheLaunchingClientsIsForeign() {
        PingMatcher matcher = new PingMatcher(PAYLOAD, true, CLIENT.getAddress());
        assertEquals(PingMatcher.Kind.PING, matcher.classify(ping(PAYLOAD, 1), CLIENT));
        assertEquals(PingMatcher.Kind.FOREIGN, matcher.classify(ping(PAYLOAD, 1), OTHER),
                "the payload crosses the LAN in the clear with plain RTSP");
    }

    @Test
    void anythingElseIsForeign() {
        PingMatcher matcher = new PingMatcher(PAYLOAD, true, CLIENT.getAddress());
        assertEquals(PingMatcher.Kind.FOREIGN, matcher.classify(ping("0123456789ABCDEX", 1), CLIENT));
        assertEquals(PingMatcher.Kind.FOREIGN, matcher.classify(bytes(PAYLOAD), CLIENT), "no sequence number");
        assertEquals(PingMatcher.Kind.FOREIGN, matcher.classify(bytes("PING"), CLIENT),
                "a client with ML_FF_SESSION_ID_V1 never sends the legacy ping");
        assertEquals(PingMatcher.Kind.FOREIGN, matcher.classify(ByteBuffer.allocate(0), CLIENT));
        assertEquals(PingMatcher.Kind.FOREIGN, matcher.classify(ByteBuffer.allocate(1400), CLIENT));
    }

    @Test
    void theLegacyPingCountsOnlyForOldClientsAndOnlyFromTheRtspPeer() {
        PingMatcher matcher = new PingMatcher(PAYLOAD, false, CLIENT.getAddress());
        assertEquals(PingMatcher.Kind.LEGACY_PING, matcher.classify(bytes("PING"), CLIENT));
        assertEquals(PingMatcher.Kind.FOREIGN, matcher.classify(bytes("PING"), OTHER));
        assertEquals(PingMatcher.Kind.PING, matcher.classify(ping(PAYLOAD, 1), CLIENT), "the new ping works too");
    }

    @Test
    void theFirstPingFixesTheClientAndLaterOnesFromElsewhereAreForeign() throws Exception {
        try (var channel = java.nio.channels.DatagramChannel.open()) {
            ClientPingListener listener = new ClientPingListener(channel, new PingMatcher(PAYLOAD, true, null), "t");
            assertNull(listener.client());
            listener.handle(bytes("garbage"), OTHER);
            listener.handle(ping(PAYLOAD, 1), CLIENT);
            assertEquals(CLIENT, listener.client());
            assertTrue(listener.firstPing().isDone());
            listener.handle(ping(PAYLOAD, 2), CLIENT);
            listener.handle(ping(PAYLOAD, 3), OTHER);
            assertEquals(CLIENT, listener.client(), "Sunshine keeps the first peer for the session");
            assertEquals(2, listener.pingsReceived());
            assertEquals(2, listener.foreignDatagrams());
        }
    }
}
