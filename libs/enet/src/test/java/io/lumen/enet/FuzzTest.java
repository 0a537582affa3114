package io.lumen.enet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lumen.enet.wire.Command;
import io.lumen.enet.wire.Datagram;
import io.lumen.enet.wire.WireDecoder;
import io.lumen.enet.wire.WireException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Garbage at a host with an established connection: random datagrams, and the real client's recorded datagrams bit
 * flipped, truncated, extended and readdressed. Nothing may escape {@link EnetProtocol#receive}, every bad datagram is
 * counted, and the established connection carries on. Seeds are fixed.
 */
class FuzzTest {

    private static final int SERVER = 47999;
    private static final int CLIENT = 50000;
    private static final InetSocketAddress CLIENT_ADDRESS = SimulatedNetwork.address(CLIENT);
    private static final InetSocketAddress STRANGER = SimulatedNetwork.address(50001);

    private final SimulatedNetwork net = new SimulatedNetwork(1);
    private final EnetProtocol server = net.host(SERVER, EnetOptions.defaults());
    private final EnetProtocol client = net.host(CLIENT, EnetOptions.defaults());
    private final List<byte[]> recorded = new ArrayList<>();
    private EnetPeer atClient;
    private EnetPeer atServer;
    private int exchanged;

    @BeforeEach
    void connect() {
        atClient = client.connect(SimulatedNetwork.address(SERVER), 0x30, 7, net.now);
        assertTrue(net.runUntil(5_000, atClient::isConnected));
        net.run(50);
        atServer = server.peers().getFirst();
        for (String name : Recording.ALL) {
            Recording.load(name).entries().forEach(entry -> recorded.add(entry.bytes()));
        }
    }

    @Test
    void randomDatagramsAreCountedAndChangeNothing() {
        SplittableRandom random = new SplittableRandom(20240601);
        int wellFormed = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] garbage = new byte[i % 60 == 0 ? 4097 + random.nextInt(2000) : random.nextInt(120)];
            random.nextBytes(garbage);
            if (decodes(garbage) && (isConnect(garbage) || addressesThePeer(garbage))) {
                wellFormed++;
                continue;
            }
            feedExpectingDrop(i % 3 == 0 ? STRANGER : CLIENT_ADDRESS, garbage);
        }
        assertTrue(wellFormed < 3, "random bytes are almost never a datagram for the peer: " + wellFormed);
        assertStillWorking();
    }

    @Test
    void mutatedRecordedDatagramsAreCountedAndTheConnectionCarriesOn() {
        SplittableRandom random = new SplittableRandom(77);
        List<byte[]> forgeries = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            byte[] mutant = mutate(recorded.get(random.nextInt(recorded.size())), random);
            InetSocketAddress from = random.nextInt(10) == 0 ? STRANGER : CLIENT_ADDRESS;
            if (decodes(mutant) && (isConnect(mutant) || from.equals(CLIENT_ADDRESS) && addressesThePeer(mutant))) {
                // a well-formed CONNECT from anyone, or well formed from the peer for the peer: indistinguishable from
                // real traffic, fed separately below
                forgeries.add(mutant);
                continue;
            }
            feedExpectingDrop(from, mutant);
            if (i % 500 == 0) {
                assertStillWorking();
            }
        }
        assertStillWorking();
        assertTrue(forgeries.size() < 3000, "most mutants are not valid: " + forgeries.size());

        for (byte[] forgery : forgeries) {
            server.receive(CLIENT_ADDRESS, ByteBuffer.wrap(forgery), net.now);
        }
        assertEquals(0, server.stats().dropped(DropReason.INTERNAL_ERROR));
        EnetProtocol newcomer = net.host(50002, EnetOptions.defaults());
        EnetPeer fresh = newcomer.connect(SimulatedNetwork.address(SERVER), 2, 3, net.now);
        assertTrue(net.runUntil(5_000, fresh::isConnected), "the host still takes connections");
    }

    @Test
    void constructedBadDatagramsAreDroppedForTheirReason() {
        SplittableRandom random = new SplittableRandom(5);
        Map<DropReason, Integer> expected = new EnumMap<>(DropReason.class);
        for (byte[] original : recorded) {
            Datagram datagram = decode(original);
            int firstCommandEnd = datagram.header().size() + datagram.commands().getFirst().wireSize();
            boolean toPeer = datagram.header().peerId() == 0 && datagram.header().sessionId() == 0;

            byte[] cut = Arrays.copyOf(original, datagram.header().size() + 1 + random.nextInt(firstCommandEnd - datagram.header().size() - 1));
            expect(expected, DropReason.TRUNCATED, CLIENT_ADDRESS, cut);
            expect(expected, DropReason.TRUNCATED, CLIENT_ADDRESS, extend(original, 1 + random.nextInt(3), random));
            byte[] unknown = extend(original, 4, random);
            unknown[original.length] = (byte) (13 + random.nextInt(3));
            expect(expected, DropReason.UNKNOWN_COMMAND, CLIENT_ADDRESS, unknown);
            byte[] compressed = original.clone();
            compressed[0] |= 0x40;
            expect(expected, DropReason.COMPRESSED, CLIENT_ADDRESS, compressed);
            expect(expected, DropReason.OVERSIZED, CLIENT_ADDRESS, extend(original, 4097 - original.length + random.nextInt(100), random));
            if (toPeer) {
                expect(expected, DropReason.UNKNOWN_PEER, CLIENT_ADDRESS, readdress(original, 1 + random.nextInt(0xFFE), -1));
                expect(expected, DropReason.SESSION_MISMATCH, CLIENT_ADDRESS, readdress(original, 0, 1 + random.nextInt(3)));
                expect(expected, DropReason.FOREIGN_ADDRESS, STRANGER, original);
                if (datagram.header().hasSentTime()) {
                    byte[] unstamped = new byte[original.length - 2];
                    unstamped[0] = (byte) (original[0] & 0x7F);
                    unstamped[1] = original[1];
                    System.arraycopy(original, 4, unstamped, 2, original.length - 4);
                    expect(expected, DropReason.MALFORMED, CLIENT_ADDRESS, unstamped);
                }
            }
        }
        byte[] toMissingChannel = {0, 0, 0x09, 0x40, 0, 0, 0, 1, 0, 1, 'x'};
        expect(expected, DropReason.REJECTED, CLIENT_ADDRESS, toMissingChannel);
        for (DropReason reason : DropReason.values()) {
            assertEquals(expected.getOrDefault(reason, 0).longValue(), server.stats().dropped(reason), reason.name());
        }
        assertStillWorking();
    }

    private void expect(Map<DropReason, Integer> expected, DropReason reason, InetSocketAddress from, byte[] datagram) {
        expected.merge(reason, 1, Integer::sum);
        feedExpectingDrop(from, datagram);
    }

    private void feedExpectingDrop(InetSocketAddress from, byte[] datagram) {
        long before = server.stats().droppedTotal();
        server.receive(from, ByteBuffer.wrap(datagram), net.now);
        assertEquals(before + 1, server.stats().droppedTotal(), () -> "not counted: " + java.util.HexFormat.of().formatHex(datagram));
        assertEquals(0, server.stats().dropped(DropReason.INTERNAL_ERROR));
        assertEquals(List.of(), server.drainEvents(), "a dropped datagram has no effect");
    }

    /** The connection still delivers both ways, and neither side noticed anything. */
    private void assertStillWorking() {
        byte[] up = {'u', (byte) exchanged};
        byte[] down = {'d', (byte) exchanged++};
        atClient.send(1, up, Delivery.RELIABLE);
        atServer.send(2, down, Delivery.RELIABLE);
        net.run(100);
        EnetEvent.Received atServerSide = (EnetEvent.Received) net.events(SERVER).getLast();
        EnetEvent.Received atClientSide = (EnetEvent.Received) net.events(CLIENT).getLast();
        assertArrayEquals(up, atServerSide.packet());
        assertArrayEquals(down, atClientSide.packet());
        assertTrue(atClient.isConnected() && atServer.isConnected());
    }

    private static byte[] mutate(byte[] original, SplittableRandom random) {
        byte[] mutant = original.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    mutant[random.nextInt(mutant.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> mutant = Arrays.copyOf(original, random.nextInt(original.length));
            case 2 -> mutant = extend(original, 1 + random.nextInt(40), random);
            case 3 -> mutant = readdress(original, random.nextInt(0x1000), random.nextInt(4));
            default -> {
                mutant = Arrays.copyOf(original, 2 + random.nextInt(original.length - 1));
                mutant[random.nextInt(mutant.length)] = (byte) random.nextInt(256);
            }
        }
        return mutant;
    }

    private static byte[] extend(byte[] original, int extra, SplittableRandom random) {
        byte[] longer = Arrays.copyOf(original, original.length + extra);
        for (int i = original.length; i < longer.length; i++) {
            longer[i] = (byte) random.nextInt(256);
        }
        return longer;
    }

    /** The same datagram with another peer id and (unless -1) session id. */
    private static byte[] readdress(byte[] original, int peerId, int session) {
        byte[] copy = original.clone();
        int raw = (original[0] & 0xFF) << 8 | original[1] & 0xFF;
        raw = raw & 0xC000 | (session < 0 ? raw & 0x3000 : session << 12) | peerId;
        copy[0] = (byte) (raw >> 8);
        copy[1] = (byte) raw;
        return copy;
    }

    private static boolean isConnect(byte[] bytes) {
        Datagram datagram = decode(bytes);
        return datagram.header().peerId() == 0xFFF && datagram.commands().getFirst() instanceof Command.Connect;
    }

    private boolean addressesThePeer(byte[] bytes) {
        Datagram datagram = decode(bytes);
        return datagram.header().peerId() == atServer.peerId() && datagram.header().sessionId() == 0;
    }

    private static boolean decodes(byte[] bytes) {
        try {
            WireDecoder.decode(ByteBuffer.wrap(bytes));
            return bytes.length <= 4096;
        } catch (WireException e) {
            return false;
        }
    }

    private static Datagram decode(byte[] bytes) {
        try {
            return WireDecoder.decode(ByteBuffer.wrap(bytes));
        } catch (WireException e) {
            throw new AssertionError(e);
        }
    }
}
