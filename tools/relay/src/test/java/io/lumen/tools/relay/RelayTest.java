package io.lumen.tools.relay;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay between a stand-in host (sockets on the host's ports) and a client socket, all on loopback: what it
 * drops, holds back and delays, and that its counts are what the client sees.
 */
class RelayTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        open.add(closeable);
        return closeable;
    }

    /** Two free bases whose port ranges (base-5 .. base+21) neither overlap nor collide with anything bound. */
    private static int[] freeBases() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int relay = ThreadLocalRandom.current().nextInt(20000, 40000);
            int host = relay + 100;
            if (free(relay) && free(host)) {
                return new int[] {relay, host};
            }
        }
        throw new IOException("no two free bases in 200 tries");
    }

    private static boolean free(int base) {
        for (RelayPort port : RelayPort.values()) {
            try (var socket = port.udp() ? new DatagramSocket(port.at(base), LOOPBACK)
                    : new ServerSocket(port.at(base), 1, LOOPBACK)) {
                // free
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    private Relay relay(int relayBase, int hostBase, String... impairment) throws IOException {
        List<String> args = new ArrayList<>(List.of("-listen", "" + relayBase, "-host", "127.0.0.1:" + hostBase,
                "-bind", "127.0.0.1", "-seed", "99"));
        args.addAll(List.of(impairment));
        return keep(Relay.start(RelayOptions.parse(args.toArray(String[]::new)), lines::add));
    }

    /** The stand-in host's video port and a client that pinged through the relay: the host knows where to send. */
    private record Link(DatagramSocket host, SocketAddress relayFlow, DatagramSocket client) {
    }

    private Link videoLink(int relayBase, int hostBase) throws IOException {
        DatagramSocket host = keep(new DatagramSocket(RelayPort.VIDEO.at(hostBase), LOOPBACK));
        DatagramSocket client = keep(new DatagramSocket(0, LOOPBACK));
        host.setSoTimeout(5000);
        client.setSoTimeout(2000);
        client.setReceiveBufferSize(4 << 20);
        client.send(new DatagramPacket(new byte[] {'P', 'I', 'N', 'G'}, 4, LOOPBACK, RelayPort.VIDEO.at(relayBase)));
        DatagramPacket ping = new DatagramPacket(new byte[64], 64);
        host.receive(ping);
        assertEquals("PING", new String(ping.getData(), 0, ping.getLength(), StandardCharsets.US_ASCII));
        assertNotEquals(client.getLocalPort(), ping.getPort(), "the host sees the relay's socket, not the client");
        return new Link(host, ping.getSocketAddress(), client);
    }

    /** Sends {@code count} numbered datagrams host to client and returns the numbers in the order they arrived. */
    private static List<Integer> sendAndReceive(Link link, int count) throws IOException {
        byte[] payload = new byte[1200];
        List<Integer> arrived = new ArrayList<>();
        Thread sender = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    ByteBuffer.wrap(payload).putInt(i).putLong(System.nanoTime());
                    link.host().send(new DatagramPacket(payload, payload.length, link.relayFlow()));
                    if (i % 50 == 49) {
                        Thread.sleep(1); // a paced stream, well inside the sockets' buffers
                    }
                }
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        try {
            while (true) {
                link.client().receive(packet);
                arrived.add(ByteBuffer.wrap(packet.getData()).getInt());
            }
        } catch (SocketTimeoutException quiet) {
            // nothing more came for the socket's timeout: the stream is over
        }
        try {
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return arrived;
    }

    @Test
    void lossDropsTheAskedShareAndTheCountsAreWhatTheClientReceived() throws Exception {
        int[] bases = freeBases();
        Relay relay = relay(bases[0], bases[1], "-loss", "5", "-burst", "3");
        Link link = videoLink(bases[0], bases[1]);
        List<Integer> arrived = sendAndReceive(link, 20_000);

        LinkCounts.Snapshot down = relay.counts(RelayPort.VIDEO, Direction.DOWN);
        assertEquals(20_000, down.seen(), "every datagram the host sent reached the relay: " + down);
        assertEquals(arrived.size(), down.forwarded(), "the client received what the relay forwarded");
        assertEquals(0.05, (double) down.dropped() / down.seen(), 0.01, "5% dropped: " + down);
        assertEquals(1, relay.counts(RelayPort.VIDEO, Direction.UP).forwarded(), "the ping, untouched");
        assertEquals(arrived.stream().sorted().toList(), arrived, "no reordering asked, none done");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("flow video #1: client 127.0.0.1:"
                + link.client().getLocalPort())), "a line for the flow: " + lines);
        assertTrue(relay.report().contains("video " + RelayPort.VIDEO.at(bases[0])), relay.report());
    }

    @Test
    void reorderingHoldsDatagramsBackBehindLaterOnesAndLosesNone() throws Exception {
        int[] bases = freeBases();
        Relay relay = relay(bases[0], bases[1], "-reorder", "10", "-reorder-depth", "2");
        Link link = videoLink(bases[0], bases[1]);
        List<Integer> arrived = sendAndReceive(link, 5000);

        LinkCounts.Snapshot down = relay.counts(RelayPort.VIDEO, Direction.DOWN);
        assertEquals(5000, arrived.size(), "reordering loses nothing: " + down);
        assertEquals(5000, down.forwarded());
        int late = 0;
        int highest = -1;
        for (int number : arrived) {
            if (number < highest) {
                late++;
            }
            highest = Math.max(highest, number);
        }
        assertEquals(down.reordered(), late, "each datagram held back arrived after a later one");
        assertEquals(0.10, (double) late / 5000, 0.02, "about 10% held back: " + down);
    }

    @Test
    void delayHoldsEveryDatagramForTheAskedTime() throws Exception {
        int[] bases = freeBases();
        Relay relay = relay(bases[0], bases[1], "-delay", "40");
        Link link = videoLink(bases[0], bases[1]);
        byte[] payload = new byte[100];
        long sent = System.nanoTime();
        ByteBuffer.wrap(payload).putInt(1);
        link.host().send(new DatagramPacket(payload, payload.length, link.relayFlow()));
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        link.client().receive(packet);
        long tookMillis = (System.nanoTime() - sent) / 1_000_000;
        assertTrue(tookMillis >= 40, "arrived after " + tookMillis + " ms");
        assertEquals(1, relay.counts(RelayPort.VIDEO, Direction.DOWN).delayed());
        assertEquals(0, relay.counts(RelayPort.VIDEO, Direction.UP).delayed(), "the ping went up at once");
    }

    @Test
    void tcpPassesBytesBothWaysAsTheyAre() throws Exception {
        int[] bases = freeBases();
        relay(bases[0], bases[1], "-loss", "50");
        ServerSocket host = keep(new ServerSocket(RelayPort.RTSP.at(bases[1]), 1, LOOPBACK));
        Thread.ofPlatform().daemon().start(() -> {
            try (Socket connection = host.accept()) {
                byte[] request = connection.getInputStream().readAllBytes(); // until the client half-closes
                OutputStream out = connection.getOutputStream();
                out.write("echo:".getBytes(StandardCharsets.US_ASCII));
                out.write(request);
            } catch (IOException ignored) {
                // the test's assertions tell what went wrong
            }
        });
        byte[] request = new byte[300_000];
        ThreadLocalRandom.current().nextBytes(request);
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress(LOOPBACK, RelayPort.RTSP.at(bases[0])), 5000);
            client.setSoTimeout(10_000);
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    client.getOutputStream().write(request);
                    client.shutdownOutput();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            InputStream in = client.getInputStream();
            byte[] reply = in.readAllBytes();
            writer.join();
            assertEquals("echo:", new String(reply, 0, 5, StandardCharsets.US_ASCII));
            assertArrayEquals(request, java.util.Arrays.copyOfRange(reply, 5, reply.length), "byte for byte");
        }
    }
}
