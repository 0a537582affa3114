package io.lumen.enet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lumen.enet.wire.Command;
import io.lumen.enet.wire.Datagram;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our state machine in either role against the real cgutman/enet's recorded half of the conversation: it must send
 * the same commands, byte for byte (acknowledgements with the echoed times, VERIFY_CONNECT with the negotiated values
 * and session ids, fragments, pings, BANDWIDTH_LIMIT, DISCONNECT), address them the same way, and report what the real
 * application saw.
 */
class RecordedReplayTest {

    static Stream<Arguments> replays() {
        return Recording.ALL.stream().flatMap(name -> Stream.of(Arguments.of(name, false), Arguments.of(name, true)));
    }

    @ParameterizedTest(name = "{0} as client: {1}")
    @MethodSource("replays")
    void sendsExactlyTheCommandsTheRealHostSent(String recording, boolean asClient) {
        Replay replay = Replay.run(recording, asClient);
        assertEquals(Replay.commands(replay.recorded()), Replay.commands(replay.ours()));
    }

    @ParameterizedTest(name = "{0} as client: {1}")
    @MethodSource("replays")
    void addressesDatagramsAsTheRealHostDid(String recording, boolean asClient) {
        Replay replay = Replay.run(recording, asClient);
        assertEquals(addressing(replay.recorded()), addressing(replay.ours()));
        for (Datagram datagram : replay.ours()) {
            boolean reliable = datagram.commands().stream().anyMatch(c -> c.header().acknowledge());
            assertEquals(reliable, datagram.header().hasSentTime(), datagram.toString());
        }
        assertEquals(0, replay.stats().droppedTotal(), replay.stats().toString());
    }

    @Test
    void asServerItReportsWhatTheRealServerApplicationSaw() {
        assertEquals(List.of("connected 12345678", "received 0 0400000000000000", "received 2 'key DROPME'",
                "received 0 " + pattern(4000, 7, 1), "received 0 'unseq'", "received 3 'unrel'", "disconnected REMOTE abcd"),
                events(Replay.run(Recording.CLIENT_SESSION, false)));
        assertEquals(List.of("connected 12345678", "received 0 'bye-please'", "disconnected LOCAL 80030023"),
                events(Replay.run(Recording.SERVER_DISCONNECT, false)));
        assertEquals(List.of("connected 12345678", "received 1 'first'", "disconnected REMOTE 1", "connected 22",
                "received 1 'second'", "disconnected REMOTE 2"), events(Replay.run(Recording.RECONNECT, false)));
    }

    @Test
    void asClientItReportsWhatTheRealClientApplicationSaw() {
        assertEquals(List.of("connected 0", "received 1 'hello from server'", "received 1 " + pattern(3000, 3, 5),
                "disconnected LOCAL abcd"), events(Replay.run(Recording.CLIENT_SESSION, true)));
        assertEquals(List.of("connected 0", "received 1 'hello DROPME srv'", "disconnected REMOTE 80030023"),
                events(Replay.run(Recording.SERVER_DISCONNECT, true)));
        assertEquals(List.of("connected 0", "received 1 'hello from server'", "disconnected LOCAL 1", "connected 0",
                "received 1 'hello from server'", "disconnected LOCAL 2"), events(Replay.run(Recording.RECONNECT, true)));
    }

    @Test
    void theSecondConnectionInASlotMovesToSessionOne() {
        Replay server = Replay.run(Recording.RECONNECT, false);
        List<Datagram> ours = server.ours();
        int lastSession = ours.getLast().header().sessionId();
        assertEquals(1, lastSession);
        assertTrue(ours.stream().anyMatch(d -> d.header().sessionId() == 0));
    }

    @Test
    void theRealClientsDroppedReliablePacketIsDeliveredOnceFromItsRetransmission() {
        Replay server = Replay.run(Recording.CLIENT_SESSION, false);
        assertEquals(1, events(server).stream().filter(e -> e.equals("received 2 'key DROPME'")).count());
        Replay client = Replay.run(Recording.SERVER_DISCONNECT, true);
        long retransmitted = client.ours().stream().flatMap(d -> d.commands().stream())
                .filter(c -> c instanceof Command.Acknowledge a && a.header().channelId() == 1).count();
        assertEquals(1, retransmitted, "one acknowledgement: the first copy never arrived");
    }

    private static Set<String> addressing(List<Datagram> datagrams) {
        Set<String> headers = new TreeSet<>();
        datagrams.forEach(d -> headers.add("peer " + d.header().peerId() + " session " + d.header().sessionId()));
        return headers;
    }

    private static List<String> events(Replay replay) {
        return replay.events.stream().map(event -> switch (event) {
            case EnetEvent.Connected c -> "connected " + Integer.toHexString(c.data());
            case EnetEvent.Received r -> "received " + r.channel() + " " + describe(r.packet());
            case EnetEvent.Disconnected d -> "disconnected " + d.reason() + " " + Integer.toHexString(d.data());
            case EnetEvent.ConnectFailed f -> "connect failed " + f.reason();
        }).toList();
    }

    private static String describe(byte[] packet) {
        if (packet.length > 64) {
            CRC32 crc = new CRC32();
            crc.update(packet);
            return packet.length + " bytes crc " + Long.toHexString(crc.getValue());
        }
        String text = new String(packet, StandardCharsets.ISO_8859_1);
        return text.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? "'" + text + "'" : java.util.HexFormat.of().formatHex(packet);
    }

    /** The recorder's payloads: byte i is {@code i * factor + add}. */
    private static String pattern(int length, int factor, int add) {
        byte[] packet = new byte[length];
        for (int i = 0; i < length; i++) {
            packet[i] = (byte) (i * factor + add);
        }
        return describe(packet);
    }
}
