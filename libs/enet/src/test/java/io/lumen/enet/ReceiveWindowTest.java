package io.lumen.enet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lumen.enet.wire.Command;
import io.lumen.enet.wire.Datagram;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ENet's reliable receive window: sequence numbers up to six windows (of 4096) ahead are kept and acknowledged, the
 * next two windows are neither, anything further counts as old: discarded but acknowledged.
 */
class ReceiveWindowTest {

    private final SimulatedNetwork net = new SimulatedNetwork(8);
    private final EnetProtocol server = net.host(1, EnetOptions.defaults());
    private final EnetProtocol client = net.host(2, EnetOptions.defaults());
    private final List<Integer> acknowledged = new ArrayList<>();

    @Test
    void keepsSixWindowsAheadIgnoresTheNextTwoAndAcknowledgesOldOnes() {
        EnetPeer peer = client.connect(SimulatedNetwork.address(1), 2, 0, net.now);
        assertTrue(net.runUntil(2_000, peer::isConnected));
        net.drop = flight -> {
            if (flight.to().getPort() == 2) {
                for (Command command : Replay.decode(flight.bytes()).commands()) {
                    if (command instanceof Command.Acknowledge ack && ack.header().channelId() == 1) {
                        acknowledged.add(ack.receivedReliableSequenceNumber());
                    }
                }
            }
            return false;
        };
        for (int window : new int[] {6, 7, 8, 9, 15}) {
            sendReliable(window * 4096 + 5);
        }
        sendReliable(0);
        net.run(50);
        assertEquals(List.of(6 * 4096 + 5, 9 * 4096 + 5, 15 * 4096 + 5, 0), acknowledged);
        assertEquals(0, net.events(1).stream().filter(EnetEvent.Received.class::isInstance).count());

        peer.send(1, new byte[] {1}, Delivery.RELIABLE);
        net.run(50);
        assertEquals(1, net.events(1).stream().filter(EnetEvent.Received.class::isInstance).count(),
                "the real sequence goes on; the parked far-ahead packet waits for its turn");
    }

    @Test
    void aForgedPacketBeyondTheWindowDoesNotTakeTheRealOnesPlaceLater() {
        EnetPeer peer = client.connect(SimulatedNetwork.address(1), 2, 0, net.now);
        assertTrue(net.runUntil(2_000, peer::isConnected));
        int forged = 7 * 4096 + 5;
        sendReliable(forged);
        net.run(20);
        for (int i = 1; i <= forged; i++) {
            peer.send(1, java.nio.ByteBuffer.allocate(4).putInt(i).array(), Delivery.RELIABLE);
        }
        assertTrue(net.runUntil(60_000, () -> net.events(1).size() > forged));
        EnetEvent.Received last = (EnetEvent.Received) net.events(1).getLast();
        assertEquals(forged, java.nio.ByteBuffer.wrap(last.packet()).getInt());
    }

    private void sendReliable(int sequence) {
        byte[] datagram = {(byte) 0x80, 0, 0, 1, (byte) 0x86, 1, (byte) (sequence >> 8), (byte) sequence, 0, 1, 'x'};
        Datagram decoded = Replay.decode(datagram);
        assertEquals(sequence, decoded.commands().getFirst().header().reliableSequenceNumber());
        net.inject(SimulatedNetwork.address(2), SimulatedNetwork.address(1), datagram);
    }
}
