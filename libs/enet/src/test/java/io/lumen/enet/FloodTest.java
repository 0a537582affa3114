package io.lumen.enet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lumen.enet.wire.Command;
import io.lumen.enet.wire.Command.Connect;
import io.lumen.enet.wire.Command.ConnectParameters;
import io.lumen.enet.wire.Command.SendFragment;
import io.lumen.enet.wire.Command.SendReliable;
import io.lumen.enet.wire.CommandHeader;
import io.lumen.enet.wire.CommandType;
import io.lumen.enet.wire.Datagram;
import io.lumen.enet.wire.ProtocolHeader;
import io.lumen.enet.wire.WireEncoder;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a stranger (or a connected peer gone bad) can make a host hold: fragment bombs whose claimed size is far beyond
 * what they carry, CONNECTs with the wrong connect data, CONNECTs from spoofed sources that never acknowledge, and
 * commands with no verified connection behind them. Everything runs on the simulated network; what the host holds is
 * read from its own {@link EnetHostStats#heldBytes} counter.
 */
class FloodTest {

    private static final int SERVER = 47999;
    private static final int CLIENT = 50000;
    private static final int CONNECT_DATA = 0x5EC12E7;
    private static final ConnectAdmission ONLY_THE_LAUNCH = (from, data) -> data == CONNECT_DATA;
    /** The datagram of the report: 4 bytes of header, 24 of SEND_UNRELIABLE_FRAGMENT, 37 of payload. */
    private static final int BOMB_PAYLOAD = 37;

    private final SimulatedNetwork net = new SimulatedNetwork(3);

    private EnetProtocol server(EnetOptions options) {
        return net.host(SERVER, options, ONLY_THE_LAUNCH);
    }

    private EnetPeer connectClient(int port, int data) {
        EnetProtocol client = net.host(port, EnetOptions.defaults());
        return client.connect(SimulatedNetwork.address(SERVER), 2, data, net.now);
    }

    @Test
    void aFragmentBombHoldsNoMoreThanItCarries() {
        EnetProtocol server = server(EnetOptions.defaults());
        EnetPeer client = connectClient(CLIENT, CONNECT_DATA);
        assertTrue(net.runUntil(2_000, () -> client.isConnected() && !server.peers().isEmpty()));
        Connection atServer = server.slots[0];

        // consistent geometry: 37-byte pieces of a packet of nearly 1 MiB, only its last piece ever sent
        int count = (1 << 20) / BOMB_PAYLOAD;
        int bombs = 2_000;
        long bombBytes = 0;
        for (int i = 0; i < bombs; i++) {
            byte[] bomb = bomb(atServer, i + 1, count, count - 1, (long) count * BOMB_PAYLOAD, (long) (count - 1) * BOMB_PAYLOAD);
            assertEquals(65, bomb.length);
            bombBytes += bomb.length;
            server.receive(SimulatedNetwork.address(CLIENT), ByteBuffer.wrap(bomb), net.now);
        }
        long held = server.stats().heldBytes();
        assertTrue(held > 0 && held <= 3 * bombBytes, "held " + held + " for " + bombBytes + " bytes of bombs " + server.stats());
        assertTrue(held <= EnetOptions.defaults().maxWaitingData());

        // the report's bomb: a count no 37-byte piece can fill a packet of that length with, refused outright
        long before = server.stats().dropped(DropReason.FRAGMENT_MISMATCH);
        for (int i = 0; i < 100; i++) {
            server.receive(SimulatedNetwork.address(CLIENT), ByteBuffer.wrap(
                    bomb(atServer, 10_000 + i, 1 << 20, (1 << 20) - 1, 1 << 20, (1 << 20) - BOMB_PAYLOAD)), net.now);
        }
        assertEquals(before + 100, server.stats().dropped(DropReason.FRAGMENT_MISMATCH), "each counted once");
        assertEquals(held, server.stats().heldBytes(), "and nothing held for them");
        assertExchanges(server, client);
    }

    @Test
    void theReassemblyBudgetGivesUpTheOldestAndKeepsTheConnection() {
        int perPeer = 64 << 10;
        EnetProtocol server = server(EnetOptions.defaults().withReassemblyBudget(perPeer, 4 * perPeer));
        EnetPeer client = connectClient(CLIENT, CONNECT_DATA);
        assertTrue(net.runUntil(2_000, () -> client.isConnected() && !server.peers().isEmpty()));
        Connection atServer = server.slots[0];
        for (int i = 0; i < 20_000; i++) {
            int count = 1000;
            server.receive(SimulatedNetwork.address(CLIENT), ByteBuffer.wrap(bomb(atServer, i % 60_000 + 1, count, i % count,
                    (long) count * BOMB_PAYLOAD, (long) (i % count) * BOMB_PAYLOAD)), net.now);
            assertTrue(server.stats().heldBytes() <= perPeer, "held " + server.stats().heldBytes());
        }
        assertTrue(server.stats().evictedReassemblies() > 0);
        assertExchanges(server, client);
        client.disconnectNow();
        net.run(100);
        assertTrue(net.runUntil(1_000, () -> server.slots[0] == null));
        assertEquals(0, server.stats().heldBytes(), "a closed connection holds nothing");
    }

    @Test
    void wrongConnectDataGetsNoSlotNoAnswerAndNothingProcessed() {
        EnetProtocol server = server(EnetOptions.defaults().withMaxPeers(4));
        List<EnetPeer> strangers = List.of(connectClient(CLIENT + 1, 1), connectClient(CLIENT + 2, 2),
                connectClient(CLIENT + 3, 3), connectClient(CLIENT + 4, 4));
        net.run(1_000);
        assertEquals(0, server.stats().datagramsSent(), "not even a VERIFY_CONNECT");
        assertTrue(server.stats().dropped(DropReason.CONNECT_DENIED) >= 4);
        assertTrue(strangers.stream().noneMatch(EnetPeer::isConnected));

        // a CONNECT with data riding behind it: the data is never looked at
        InetSocketAddress stranger = SimulatedNetwork.address(CLIENT + 5);
        server.receive(stranger, ByteBuffer.wrap(WireEncoder.toBytes(new Datagram(new ProtocolHeader(ProtocolHeader.NO_PEER, 0, false, 1),
                List.of(connect(99, 7), reliable(0, 1, new byte[100]))))), net.now);
        // and data for a peer id no one has
        server.receive(stranger, ByteBuffer.wrap(WireEncoder.toBytes(new Datagram(new ProtocolHeader(2, 0, false, 1),
                List.of(reliable(0, 1, new byte[100]))))), net.now);
        assertTrue(server.stats().dropped(DropReason.UNKNOWN_PEER) >= 1);
        assertEquals(0, server.stats().heldBytes());
        assertTrue(server.drainEvents().isEmpty());

        EnetPeer client = connectClient(CLIENT, CONNECT_DATA);
        assertTrue(net.runUntil(2_000, client::isConnected), "the launch's client still gets in");
        assertExchanges(server, client);
    }

    @Test
    void spoofedHalfOpenConnectsGiveWayToTheClient() {
        EnetProtocol server = server(EnetOptions.defaults().withMaxPeers(4).withHandshakeTimeout(Duration.ofSeconds(3)));
        // right data from addresses that never answer: each gets a slot and a VERIFY_CONNECT nobody acknowledges
        for (int i = 0; i < 4; i++) {
            server.receive(SimulatedNetwork.address(40_000 + i), ByteBuffer.wrap(WireEncoder.toBytes(new Datagram(
                    new ProtocolHeader(ProtocolHeader.NO_PEER, 0, false, 1), List.of(connect(CONNECT_DATA, 100 + i))))), net.now);
        }
        assertEquals(4, java.util.Arrays.stream(server.slots).filter(java.util.Objects::nonNull).count());
        net.run(600);
        EnetPeer client = connectClient(CLIENT, CONNECT_DATA);
        assertTrue(net.runUntil(2_000, client::isConnected), "the client takes the slot of the oldest half-open connect");
        assertTrue(server.stats().expiredHandshakes() >= 1);
        assertExchanges(server, client);
        net.run(3_000);
        assertEquals(4, server.stats().expiredHandshakes(), "the rest expire on their own");
        assertEquals(1, java.util.Arrays.stream(server.slots).filter(java.util.Objects::nonNull).count());
    }

    @Test
    void aRepeatedPieceOfAWholePacketWaitingItsTurnIsAcknowledgedAgain() {
        EnetProtocol server = server(EnetOptions.defaults());
        EnetPeer client = connectClient(CLIENT, CONNECT_DATA);
        assertTrue(net.runUntil(2_000, () -> client.isConnected() && !server.peers().isEmpty()));
        Connection atServer = server.slots[0];
        InetSocketAddress from = SimulatedNetwork.address(CLIENT);
        // a 2-piece packet at sequences 2 and 3 arrives whole while sequence 1 is still missing
        byte[] first = reliableFragment(atServer, 2, 0, new byte[500], 0);
        server.receive(from, ByteBuffer.wrap(first), net.now);
        server.receive(from, ByteBuffer.wrap(reliableFragment(atServer, 3, 1, new byte[300], 500)), net.now);
        long drops = server.stats().droppedTotal();
        server.receive(from, ByteBuffer.wrap(first), net.now);
        assertEquals(drops, server.stats().droppedTotal(), "the repeat is no mismatch");
        assertEquals(3, atServer.acknowledgements.size(), "and is acknowledged again, its sender may have lost the first");
        server.receive(from, ByteBuffer.wrap(WireEncoder.toBytes(new Datagram(new ProtocolHeader(atServer.incomingPeerId,
                atServer.incomingSessionId, false, 1), List.of(reliable(0, 1, new byte[] {9}))))), net.now);
        List<byte[]> delivered = server.drainEvents().stream().filter(EnetEvent.Received.class::isInstance)
                .map(e -> ((EnetEvent.Received) e).packet()).toList();
        assertEquals(List.of(1, 800), delivered.stream().map(p -> p.length).toList());
        assertEquals(0, server.stats().heldBytes());
    }

    private static byte[] reliableFragment(Connection to, int sequence, int number, byte[] data, int offset) {
        SendFragment fragment = new SendFragment(CommandHeader.of(CommandType.SEND_FRAGMENT, CommandHeader.FLAG_ACKNOWLEDGE, 0, sequence),
                2, 2, number, 800, offset, data);
        return WireEncoder.toBytes(new Datagram(new ProtocolHeader(to.incomingPeerId, to.incomingSessionId, false, 1),
                List.of(fragment)));
    }

    /** One packet each way, on the connection the server holds for {@code client}. */
    private void assertExchanges(EnetProtocol server, EnetPeer client) {
        net.run(50);
        EnetPeer atServer = server.peers().stream().filter(p -> p.address().getPort() == CLIENT).findFirst().orElseThrow();
        byte[] up = {1, 2, 3};
        client.send(0, up, Delivery.RELIABLE);
        atServer.send(0, new byte[] {4}, Delivery.RELIABLE);
        List<EnetEvent> events = net.events(SERVER);
        assertTrue(net.runUntil(2_000, () -> events.stream().anyMatch(e -> e instanceof EnetEvent.Received r && r.peer() == atServer)));
        EnetEvent.Received received = (EnetEvent.Received) events.stream()
                .filter(e -> e instanceof EnetEvent.Received r && r.peer() == atServer).findFirst().orElseThrow();
        assertArrayEquals(up, received.packet());
        assertTrue(net.runUntil(2_000, () -> net.events(CLIENT).stream().anyMatch(EnetEvent.Received.class::isInstance)));
    }

    private static byte[] bomb(Connection to, int unreliableSequence, long count, long number, long total, long offset) {
        SendFragment fragment = new SendFragment(CommandHeader.of(CommandType.SEND_UNRELIABLE_FRAGMENT, 0, 0, 0),
                unreliableSequence, count, number, total, offset, new byte[BOMB_PAYLOAD]);
        return WireEncoder.toBytes(new Datagram(new ProtocolHeader(to.incomingPeerId, to.incomingSessionId, false, 1),
                List.of(fragment)));
    }

    private static Connect connect(int data, int connectId) {
        return new Connect(CommandHeader.of(CommandType.CONNECT, CommandHeader.FLAG_ACKNOWLEDGE, CommandHeader.CONNECTION_CHANNEL, 1),
                new ConnectParameters(0, 0xFF, 0xFF, 1400, 65536, 2, 0, 0, 5000, 2, 2, connectId), data);
    }

    private static Command reliable(int channel, int sequence, byte[] data) {
        return new SendReliable(CommandHeader.of(CommandType.SEND_RELIABLE, CommandHeader.FLAG_ACKNOWLEDGE, channel, sequence), data);
    }
}
