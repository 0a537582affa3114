package io.lumen.enet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lumen.enet.EnetPeer.DisconnectReason;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ENet's round-trip arithmetic and retransmission schedule, to the millisecond. */
class RetransmissionTest {

    private static final InetSocketAddress NOBODY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);

    @Test
    void roundTripSmoothingFollowsEnet() {
        EnetProtocol protocol = new EnetProtocol(EnetOptions.defaults(), (to, d) -> true, Runnable::run, new SplittableRandom(1));
        Connection connection = new Connection(protocol, 0, NOBODY, 1, EnetOptions.defaults());
        assertEquals(500 + 4, connection.retransmitTimeout(), "before any sample: 500 ms and a variance of 0 (counted as 1)");
        connection.measureRoundTrip(0, 100);
        assertEquals(100, connection.roundTripTime);
        assertEquals(50, connection.roundTripTimeVariance);
        connection.measureRoundTrip(0, 200);
        // variance: 50 - (50+3)/4 + (100+3)/4 = 62; mean: 100 + (100+7)/8 = 113
        assertEquals(113, connection.roundTripTime);
        assertEquals(62, connection.roundTripTimeVariance);
        assertEquals(113 + 113, connection.retransmitTimeout());
        connection.measureRoundTrip(0, 60);
        // variance: 62 - 16 + (53+3)/4 = 60; mean: 113 - (53+7)/8 = 106
        assertEquals(106, connection.roundTripTime);
        assertEquals(60, connection.roundTripTimeVariance);
        for (int i = 0; i < 50; i++) {
            connection.measureRoundTrip(0, 9_000);
        }
        assertEquals(2_000, connection.retransmitTimeout(), "cgutman/enet caps it at a fifth of the 10 s peer timeout");
    }

    /**
     * Moonlight's timeout (limit 2, 10 s, 10 s) on an unanswered CONNECT: resent after 504 ms (500 ms RTT, variance
     * counted as 1), then every 2 x 504 ms, until 10 s after the first overdue transmission.
     */
    @Test
    void anUnansweredConnectIsResentOnEnetsScheduleThenGivenUp() {
        List<Long> sends = new ArrayList<>();
        long[] clock = {5_000};
        EnetProtocol protocol = new EnetProtocol(EnetOptions.defaults(), (to, datagram) -> sends.add(clock[0] - 5_000) , Runnable::run,
                new SplittableRandom(1));
        EnetPeer peer = protocol.connect(NOBODY, 1, 0, clock[0]);
        List<EnetEvent> events = new ArrayList<>();
        while (events.isEmpty() && clock[0] < 60_000) {
            protocol.service(clock[0]);
            events.addAll(protocol.drainEvents());
            clock[0]++;
        }
        List<Long> expected = new ArrayList<>(List.of(0L, 504L));
        for (long at = 1_008; at < 10_080; at += 1_008) {
            expected.add(at);
        }
        assertEquals(expected, sends);
        assertEquals(List.of(new EnetEvent.ConnectFailed(peer, DisconnectReason.TIMEOUT)), events);
        assertEquals(10_080, clock[0] - 1 - 5_000);
        assertEquals(sends.size() - 1, peer.stats().retransmitted());
    }

    @Test
    void aReliablePacketAfterAFragmentedOneOnTheSameChannelIsDelivered() {
        SimulatedNetwork net = new SimulatedNetwork(3);
        EnetProtocol server = net.host(1, EnetOptions.defaults());
        EnetProtocol client = net.host(2, EnetOptions.defaults());
        EnetPeer peer = client.connect(SimulatedNetwork.address(1), 2, 0, net.now);
        net.runUntil(2_000, peer::isConnected);
        peer.send(1, new byte[5_000], Delivery.RELIABLE);
        peer.send(1, new byte[] {1}, Delivery.RELIABLE);
        peer.send(1, new byte[] {2}, Delivery.UNRELIABLE);
        net.run(500);
        List<Integer> lengths = net.events(1).stream().filter(EnetEvent.Received.class::isInstance)
                .map(e -> ((EnetEvent.Received) e).packet().length).toList();
        assertEquals(List.of(5_000, 1, 1), lengths);
        assertEquals(0, server.stats().droppedTotal());
    }
}
