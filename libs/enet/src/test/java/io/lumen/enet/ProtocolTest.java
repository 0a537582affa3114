package io.lumen.enet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lumen.enet.EnetPeer.DisconnectReason;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Two or more state machines on a simulated network: deterministic time, loss and latency. */
class ProtocolTest {

    private static final int SERVER = 47999;
    private static final int CLIENT = 50000;
    private static final EnetOptions OPTIONS = EnetOptions.defaults();

    private final SimulatedNetwork net = new SimulatedNetwork(42);
    private final EnetProtocol server = net.host(SERVER, OPTIONS);
    private final EnetProtocol client = net.host(CLIENT, OPTIONS);

    private EnetPeer connect(int data) {
        EnetPeer peer = client.connect(SimulatedNetwork.address(SERVER), 0x30, data, net.now);
        assertTrue(net.runUntil(10_000, peer::isConnected), "connected");
        net.run(50);
        return peer;
    }

    private EnetPeer serverSide() {
        return server.peers().getFirst();
    }

    private List<EnetEvent.Received> received(int port) {
        return net.events(port).stream().filter(EnetEvent.Received.class::isInstance).map(EnetEvent.Received.class::cast).toList();
    }

    @Test
    void connectCarriesTheDataAndBothSidesReportIt() {
        EnetPeer peer = connect(0x12345678);
        EnetEvent.Connected atServer = assertInstanceOf(EnetEvent.Connected.class, net.events(SERVER).getFirst());
        assertEquals(0x12345678, atServer.data());
        assertEquals(0x30, atServer.peer().channelCount());
        assertEquals(List.of(new EnetEvent.Connected(peer, 0)), net.events(CLIENT));
        assertEquals(SimulatedNetwork.address(CLIENT), atServer.peer().address());
        assertEquals(0, atServer.peer().peerId());
    }

    @Test
    void reliablePacketsArriveOnceAndInOrderPerChannelDespiteLoss() {
        EnetPeer peer = connect(1);
        net.drop = net.randomLoss(0.25);
        SplittableRandom random = new SplittableRandom(7);
        List<List<Integer>> sent = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < 400; i++) {
            int channel = random.nextInt(4);
            sent.get(channel).add(i);
            peer.send(channel, ByteBuffer.allocate(4 + random.nextInt(300)).putInt(0, i).array(), Delivery.RELIABLE);
            if (i % 10 == 0) {
                net.run(3);
            }
        }
        assertTrue(net.runUntil(60_000, () -> received(SERVER).size() == 400), "all delivered, got " + received(SERVER).size());
        for (int channel = 0; channel < 4; channel++) {
            int c = channel;
            List<Integer> got = received(SERVER).stream().filter(r -> r.channel() == c).map(r -> ByteBuffer.wrap(r.packet()).getInt()).toList();
            assertEquals(sent.get(channel), got, "channel " + channel);
        }
        assertTrue(peer.stats().retransmitted() > 0, "loss forced retransmissions");
        assertTrue(peer.isConnected());
    }

    @Test
    void a64KiBPacketIsFragmentedAndReassembledBothWays() {
        EnetPeer peer = connect(1);
        net.drop = net.randomLoss(0.2);
        byte[] big = new byte[64 * 1024];
        new SplittableRandom(3).nextBytes(big);
        peer.send(5, big, Delivery.RELIABLE);
        assertTrue(net.runUntil(60_000, () -> received(SERVER).size() == 1));
        assertArrayEquals(big, received(SERVER).getFirst().packet());
        assertEquals(5, received(SERVER).getFirst().channel());
        serverSide().send(1, big, Delivery.UNRELIABLE);
        assertTrue(net.runUntil(60_000, () -> received(CLIENT).size() == 1), "large unreliable packets travel as reliable fragments");
        assertArrayEquals(big, received(CLIENT).getFirst().packet());
    }

    @Test
    void unreliablePacketsNeverArriveTwiceOrOutOfOrder() {
        EnetPeer peer = connect(1);
        net.drop = net.randomLoss(0.3);
        for (int i = 0; i < 300; i++) {
            peer.send(2, ByteBuffer.allocate(4).putInt(0, i).array(), Delivery.UNRELIABLE);
            if (i % 50 == 49) {
                peer.send(2, new byte[] {'r'}, Delivery.RELIABLE);
            }
            net.run(2);
        }
        net.run(5_000);
        List<Integer> got = received(SERVER).stream().filter(r -> r.packet().length == 4).map(r -> ByteBuffer.wrap(r.packet()).getInt()).toList();
        for (int i = 1; i < got.size(); i++) {
            assertTrue(got.get(i) > got.get(i - 1), "in order without duplicates: " + got);
        }
        assertTrue(got.size() > 100 && got.size() < 300, "some lost, most delivered: " + got.size());
        assertEquals(6, received(SERVER).stream().filter(r -> r.packet().length == 1).count());
    }

    @Test
    void unsequencedPacketsArriveOnceEvenWhenTheNetworkDuplicatesThem() {
        EnetPeer peer = connect(1);
        net.drop = flight -> {
            if (flight.to().getPort() == SERVER) {
                net.inject(flight.from(), flight.to(), flight.bytes());
            }
            return false;
        };
        for (int i = 0; i < 50; i++) {
            peer.send(0, new byte[] {(byte) i}, Delivery.UNSEQUENCED);
            net.run(1);
        }
        net.drop = flight -> false;
        net.run(200);
        assertEquals(50, received(SERVER).size());
        assertTrue(server.stats().datagramsReceived() > 100, "every datagram came twice");
    }

    @Test
    void pingsKeepAnIdleConnectionAliveAndMeasureTheRoundTrip() {
        net.latency = 20;
        EnetPeer peer = connect(1);
        long reliableBefore = peer.stats().reliableSent();
        net.run(60_000);
        assertTrue(peer.isConnected());
        assertTrue(serverSide().isConnected());
        assertTrue(peer.stats().reliableSent() - reliableBefore > 60, "a ping every 500 ms: " + peer.stats());
        long rtt = peer.roundTripTime().toMillis();
        assertTrue(rtt >= 40 && rtt <= 45, "two 20 ms hops, measured " + rtt);
        assertEquals(List.of(), net.events(CLIENT).stream().filter(EnetEvent.Disconnected.class::isInstance).toList());
    }

    @Test
    void aSilentPeerTimesOutAfterThePeerTimeoutOnBothSides() {
        EnetPeer peer = connect(1);
        long silence = net.now;
        net.drop = flight -> true;
        assertTrue(net.runUntil(30_000, () -> !peer.isConnected() && server.peers().isEmpty()));
        EnetEvent.Disconnected atClient = assertInstanceOf(EnetEvent.Disconnected.class, net.events(CLIENT).getLast());
        assertEquals(DisconnectReason.TIMEOUT, atClient.reason());
        EnetEvent.Disconnected atServer = assertInstanceOf(EnetEvent.Disconnected.class, net.events(SERVER).getLast());
        assertEquals(DisconnectReason.TIMEOUT, atServer.reason());
        long took = net.now - silence;
        long timeout = OPTIONS.timeoutMaximum().toMillis();
        assertTrue(took >= timeout && took <= timeout + OPTIONS.pingInterval().toMillis() + 2_000, "timed out after " + took + " ms");
    }

    @Test
    void timeoutLimitEndsAPeerAtTheMinimumOnceRetransmissionsBackedOffEnough() {
        SimulatedNetwork lossy = new SimulatedNetwork(5);
        EnetOptions enetDefaults = OPTIONS.withTimeout(32, Duration.ofSeconds(5), Duration.ofSeconds(30));
        EnetProtocol a = lossy.host(1, enetDefaults);
        lossy.host(2, enetDefaults);
        EnetPeer peer = a.connect(SimulatedNetwork.address(2), 1, 0, lossy.now);
        assertTrue(lossy.runUntil(5_000, peer::isConnected));
        long silence = lossy.now;
        lossy.drop = flight -> true;
        assertTrue(lossy.runUntil(40_000, () -> !peer.isConnected()));
        long took = lossy.now - silence;
        assertTrue(took >= 5_000 && took < 30_000, "ENet's limit rule, not the 30 s maximum: " + took + " ms");
    }

    @Test
    void gracefulDisconnectDeliversWhatWasQueuedFirstAndIsReportedOnBothSides() {
        EnetPeer peer = connect(1);
        net.drop = net.randomLoss(0.2);
        for (int i = 0; i < 20; i++) {
            peer.send(1, new byte[] {(byte) i}, Delivery.RELIABLE);
        }
        peer.disconnect(42);
        assertTrue(net.runUntil(20_000, () -> net.events(CLIENT).getLast() instanceof EnetEvent.Disconnected));
        assertEquals(new EnetEvent.Disconnected(peer, DisconnectReason.LOCAL, 42), net.events(CLIENT).getLast());
        net.run(100);
        assertEquals(20, received(SERVER).size());
        EnetEvent.Disconnected atServer = assertInstanceOf(EnetEvent.Disconnected.class, net.events(SERVER).getLast());
        assertEquals(DisconnectReason.REMOTE, atServer.reason());
        assertEquals(42, atServer.data());
        peer.send(1, new byte[1], Delivery.RELIABLE);
        net.run(100);
        assertEquals(20, received(SERVER).size(), "a closed peer's sends go nowhere");
    }

    @Test
    void disconnectNowTellsThePeerWithoutWaiting() {
        EnetPeer peer = connect(1);
        serverSide().disconnectNow();
        net.run(1);
        assertEquals(DisconnectReason.LOCAL, ((EnetEvent.Disconnected) net.events(SERVER).getLast()).reason());
        assertTrue(peer.isConnected(), "the DISCONNECT is still on its way");
        net.run(20);
        assertEquals(new EnetEvent.Disconnected(peer, DisconnectReason.REMOTE, 0), net.events(CLIENT).getLast());
    }

    @Test
    void connectingToNobodyFailsWithATimeout() {
        EnetPeer peer = client.connect(SimulatedNetwork.address(1234), 2, 0, net.now);
        assertTrue(net.runUntil(30_000, () -> !net.events(CLIENT).isEmpty()));
        assertEquals(List.of(new EnetEvent.ConnectFailed(peer, DisconnectReason.TIMEOUT)), net.events(CLIENT));
        assertFalse(peer.isConnected());
    }

    @Test
    void severalClientsEachGetTheirOwnPeerAndAFullHostRefusesMore() {
        SimulatedNetwork shared = new SimulatedNetwork(9);
        EnetProtocol host = shared.host(SERVER, OPTIONS.withMaxPeers(3));
        List<EnetPeer> peers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            EnetProtocol c = shared.host(CLIENT + i, OPTIONS);
            peers.add(c.connect(SimulatedNetwork.address(SERVER), 4, 100 + i, shared.now));
        }
        shared.run(3_000);
        assertEquals(3, host.peers().size());
        assertTrue(host.stats().dropped(DropReason.CONNECT_REFUSED) > 0);
        for (int i = 0; i < 3; i++) {
            peers.get(i).send(0, new byte[] {(byte) i}, Delivery.RELIABLE);
        }
        shared.run(200);
        for (EnetEvent event : shared.events(SERVER)) {
            if (event instanceof EnetEvent.Received r) {
                assertEquals(CLIENT + r.packet()[0], r.peer().address().getPort());
            }
        }
        assertEquals(3, shared.events(SERVER).stream().filter(EnetEvent.Received.class::isInstance).count());
        shared.run(30_000);
        assertInstanceOf(EnetEvent.ConnectFailed.class, shared.events(CLIENT + 3).getLast());
    }

    @Test
    void sequenceNumbersWrapWithoutLosingOrder() {
        EnetPeer peer = connect(1);
        net.drop = net.randomLoss(0.01);
        int count = 70_000;
        for (int i = 0; i < count; i++) {
            peer.send(3, ByteBuffer.allocate(4).putInt(0, i).array(), Delivery.RELIABLE);
        }
        assertTrue(net.runUntil(120_000, () -> received(SERVER).size() == count), "got " + received(SERVER).size());
        List<EnetEvent.Received> got = received(SERVER);
        for (int i = 0; i < count; i++) {
            assertEquals(i, ByteBuffer.wrap(got.get(i).packet()).getInt());
        }
    }

    /**
     * Empty packets cost nothing against the byte window, so only ENet's sequence-window guard keeps the sender from
     * running more than six windows ahead of a receiver stuck on a lost datagram (which would take later sequence
     * numbers for old ones, acknowledge and drop them).
     */
    @Test
    void aFloodOfEmptyReliablePacketsStaysWithinTheReceiversWindow() {
        EnetPeer peer = connect(1);
        boolean[] lostOne = {false};
        net.drop = flight -> flight.to().getPort() == SERVER && !lostOne[0] && (lostOne[0] = true);
        int count = 40_000;
        for (int i = 0; i < count; i++) {
            peer.send(1, new byte[0], Delivery.RELIABLE);
        }
        assertTrue(net.runUntil(60_000, () -> received(SERVER).size() == count), "got " + received(SERVER).size());
    }

    @Test
    void sendArgumentsAreChecked() {
        EnetPeer peer = connect(1);
        assertThrows(IllegalArgumentException.class, () -> peer.send(0x30, new byte[1], Delivery.RELIABLE));
        assertThrows(IllegalArgumentException.class, () -> peer.send(-1, new byte[1], Delivery.RELIABLE));
        assertThrows(IllegalArgumentException.class, () -> peer.send(0, new byte[OPTIONS.maxPacketSize() + 1], Delivery.RELIABLE));
    }
}
