package io.lumen.enet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lumen.enet.EnetPeer.DisconnectReason;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Java client and Java host over real UDP on loopback, through a relay that loses what a test tells it to. */
class EnetHostLoopbackTest {

    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final EnetOptions SHORT_TIMEOUT = EnetOptions.defaults().withPingInterval(Duration.ofMillis(100))
            .withPeerTimeout(Duration.ofMillis(800));

    private final RecordingListener serverEvents = new RecordingListener();
    private final RecordingListener clientEvents = new RecordingListener();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private EnetHost server;
    private EnetHost client;
    private LossyRelay relay;

    private EnetPeer connect(EnetOptions options, int data) throws Exception {
        server = open(options, serverEvents);
        client = open(options, clientEvents);
        relay = new LossyRelay(server.localAddress());
        closeables.add(relay);
        return client.connect(relay.address(), 0x30, data).get(10, TimeUnit.SECONDS);
    }

    private EnetHost open(EnetOptions options, EnetListener listener) throws Exception {
        EnetHost host = EnetHost.open(ANY_LOOPBACK, options, listener);
        closeables.add(host);
        return host;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : closeables.reversed()) {
            closeable.close();
        }
    }

    @Test
    void connectsWithDataAndDeliversReliablyInOrderOnSeveralChannelsThroughLoss() throws Exception {
        EnetPeer peer = connect(EnetOptions.defaults(), 0x12345678);
        EnetEvent.Connected connected = serverEvents.awaitFirst(5, EnetEvent.Connected.class);
        assertEquals(0x12345678, connected.data());
        assertEquals(List.of(new EnetEvent.Connected(peer, 0)), clientEvents.events);
        relay.dropToServer = n -> n % 4 == 0;
        relay.dropToClient = n -> n % 5 == 0;
        int perChannel = 200;
        for (int i = 0; i < perChannel; i++) {
            for (int channel = 0; channel < 3; channel++) {
                peer.send(channel, ByteBuffer.allocate(8).putInt(channel).putInt(i).array(), Delivery.RELIABLE);
            }
        }
        assertTrue(serverEvents.await(20, events -> serverEvents.received().size() == 3 * perChannel), "all arrived");
        for (int channel = 0; channel < 3; channel++) {
            int c = channel;
            List<Integer> got = serverEvents.received().stream().filter(r -> r.channel() == c)
                    .map(r -> ByteBuffer.wrap(r.packet()).getInt(4)).toList();
            assertEquals(java.util.stream.IntStream.range(0, perChannel).boxed().toList(), got);
        }
        assertTrue(relay.dropped.get() > 0);
        assertTrue(peer.stats().retransmitted() > 0, peer.stats().toString());
        assertTrue(serverEvents.threads.stream().allMatch(name -> name.equals("enet-" + server.localAddress().getPort())));
    }

    @Test
    void a64KiBReliablePacketArrivesIntactThroughLoss() throws Exception {
        EnetPeer peer = connect(EnetOptions.defaults(), 1);
        relay.dropToServer = n -> n % 7 == 3;
        byte[] big = new byte[64 * 1024];
        new SplittableRandom(11).nextBytes(big);
        peer.send(4, big, Delivery.RELIABLE);
        EnetEvent.Received received = serverEvents.awaitFirst(20, EnetEvent.Received.class);
        assertEquals(4, received.channel());
        assertArrayEquals(big, received.packet());
    }

    @Test
    void unreliableAndUnsequencedPacketsArrive() throws Exception {
        EnetPeer peer = connect(EnetOptions.defaults(), 1);
        for (int i = 0; i < 20; i++) {
            peer.send(3, new byte[] {'u', (byte) i}, Delivery.UNRELIABLE);
            peer.send(0, new byte[] {'s', (byte) i}, Delivery.UNSEQUENCED);
        }
        assertTrue(serverEvents.await(10, events -> serverEvents.received().size() == 40));
        List<Integer> unreliable = serverEvents.received().stream().filter(r -> r.channel() == 3).map(r -> (int) r.packet()[1]).toList();
        assertEquals(java.util.stream.IntStream.range(0, 20).boxed().toList(), unreliable);
    }

    @Test
    void pingsKeepAnIdleConnectionAlivePastTheTimeout() throws Exception {
        EnetPeer peer = connect(SHORT_TIMEOUT, 1);
        EnetPeer atServer = serverEvents.awaitFirst(5, EnetEvent.Connected.class).peer();
        Thread.sleep(3 * SHORT_TIMEOUT.timeoutMaximum().toMillis());
        assertTrue(peer.isConnected());
        assertTrue(atServer.isConnected());
        assertTrue(peer.stats().acknowledged() > 5, "pings were acknowledged: " + peer.stats());
        peer.send(0, new byte[] {7}, Delivery.RELIABLE);
        assertArrayEquals(new byte[] {7}, serverEvents.awaitFirst(5, EnetEvent.Received.class).packet());
    }

    @Test
    void aSilentPeerIsDisconnectedWithTimeoutOnBothSides() throws Exception {
        EnetPeer peer = connect(SHORT_TIMEOUT, 1);
        serverEvents.awaitFirst(5, EnetEvent.Connected.class);
        long silence = System.nanoTime();
        relay.blackHole();
        EnetEvent.Disconnected atClient = clientEvents.awaitFirst(10, EnetEvent.Disconnected.class);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silence);
        assertEquals(new EnetEvent.Disconnected(peer, DisconnectReason.TIMEOUT, 0), atClient);
        assertTrue(took >= SHORT_TIMEOUT.timeoutMaximum().toMillis(), "not before the peer timeout: " + took + " ms");
        assertEquals(DisconnectReason.TIMEOUT, serverEvents.awaitFirst(10, EnetEvent.Disconnected.class).reason());
    }

    @Test
    void gracefulDisconnectIsReportedOnBothSides() throws Exception {
        EnetPeer peer = connect(EnetOptions.defaults(), 1);
        serverEvents.awaitFirst(5, EnetEvent.Connected.class);
        peer.send(2, new byte[] {1, 2, 3}, Delivery.RELIABLE);
        peer.disconnect(0xABCD);
        assertEquals(new EnetEvent.Disconnected(peer, DisconnectReason.LOCAL, 0xABCD), clientEvents.awaitFirst(5, EnetEvent.Disconnected.class));
        EnetEvent.Disconnected atServer = serverEvents.awaitFirst(5, EnetEvent.Disconnected.class);
        assertEquals(DisconnectReason.REMOTE, atServer.reason());
        assertEquals(0xABCD, atServer.data());
        assertEquals(1, serverEvents.received().size(), "what was queued before the disconnect arrived");
    }

    @Test
    void closingAHostTellsItsPeersAndFreesThePort() throws Exception {
        EnetPeer peer = connect(EnetOptions.defaults(), 1);
        serverEvents.awaitFirst(5, EnetEvent.Connected.class);
        InetSocketAddress bound = server.localAddress();
        server.close();
        assertEquals(new EnetEvent.Disconnected(peer, DisconnectReason.REMOTE, 0), clientEvents.awaitFirst(5, EnetEvent.Disconnected.class));
        try (DatagramChannel again = DatagramChannel.open()) {
            again.bind(bound);
            assertEquals(bound.getPort(), ((InetSocketAddress) again.getLocalAddress()).getPort());
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("enet-" + bound.getPort())));
        server.close();
    }

    @Test
    void aHostClosedSilentlyIsOnlyNoticedByTheTimeout() throws Exception {
        EnetPeer peer = connect(SHORT_TIMEOUT, 1);
        serverEvents.awaitFirst(5, EnetEvent.Connected.class);
        long silence = System.nanoTime();
        server.closeSilently();
        EnetEvent.Disconnected atClient = clientEvents.awaitFirst(10, EnetEvent.Disconnected.class);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silence);
        assertEquals(new EnetEvent.Disconnected(peer, DisconnectReason.TIMEOUT, 0), atClient);
        assertTrue(took >= SHORT_TIMEOUT.timeoutMaximum().toMillis(), "no DISCONNECT told it sooner: " + took + " ms");
    }

    @Test
    void aHostOnTheWildcardAddressTakesIpv4AndIpv6Clients() throws Exception {
        EnetHost host = EnetHost.open(new InetSocketAddress(0), EnetOptions.defaults(), serverEvents);
        closeables.add(host);
        int port = host.localAddress().getPort();
        List<InetAddress> loopbacks = new ArrayList<>(List.of(InetAddress.getByName("127.0.0.1")));
        if (java.net.NetworkInterface.networkInterfaces().flatMap(java.net.NetworkInterface::inetAddresses)
                .anyMatch(a -> a instanceof java.net.Inet6Address && a.isLoopbackAddress())) {
            loopbacks.add(InetAddress.getByName("::1"));
        }
        for (InetAddress loopback : loopbacks) {
            EnetHost c = EnetHost.open(new InetSocketAddress(loopback, 0), EnetOptions.defaults(), clientEvents);
            closeables.add(c);
            EnetPeer peer = c.connect(new InetSocketAddress(loopback, port), 1, 9).get(10, TimeUnit.SECONDS);
            peer.send(0, new byte[] {1}, Delivery.RELIABLE);
        }
        assertTrue(serverEvents.await(10, events -> serverEvents.received().size() == loopbacks.size()), serverEvents.events.toString());
    }

    @Test
    void connectingToNothingFailsWithATimeout() throws Exception {
        client = open(SHORT_TIMEOUT, clientEvents);
        InetSocketAddress nobody;
        try (DatagramChannel silent = DatagramChannel.open().bind(ANY_LOOPBACK)) {
            nobody = (InetSocketAddress) silent.getLocalAddress();
            CompletableFuture<EnetPeer> attempt = client.connect(nobody, 1, 0);
            ExecutionException failure = assertThrows(ExecutionException.class, () -> attempt.get(10, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, failure.getCause());
        }
        assertEquals(List.of(), clientEvents.events);
    }

    @Test
    void sendsFromManyThreadsKeepEachThreadsOrder() throws Exception {
        EnetPeer peer = connect(EnetOptions.defaults(), 1);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int channel = t;
            senders.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 250; i++) {
                    peer.send(channel, ByteBuffer.allocate(4).putInt(i).array(), Delivery.RELIABLE);
                }
            }));
        }
        for (Thread sender : senders) {
            sender.join();
        }
        assertTrue(serverEvents.await(20, events -> serverEvents.received().size() == 1000));
        for (int channel = 0; channel < 4; channel++) {
            int c = channel;
            assertEquals(java.util.stream.IntStream.range(0, 250).boxed().toList(), serverEvents.received().stream()
                    .filter(r -> r.channel() == c).map(r -> ByteBuffer.wrap(r.packet()).getInt()).toList());
        }
    }
}
