package io.lumen.protocol.moonlight.impl.net;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Both ports on loopback against a plain DatagramChannel client: batches out in order, datagrams in, close. */
class DatagramPortTest {

    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private static DatagramPort open(boolean nativeSocket) throws Exception {
        if (nativeSocket) {
            DatagramPort port = UdpSockets.bindPort(ANY_LOOPBACK);
            assertInstanceOf(NativeDatagramPort.class, port, "FFM and this kernel give the native socket");
            return port;
        }
        return DatagramPort.of(UdpSockets.bind(ANY_LOOPBACK));
    }

    @ParameterizedTest(name = "native {0}")
    @ValueSource(booleans = {true, false})
    void aBatchLeavesInOrderAndAClientsDatagramComesIn(boolean nativeSocket) throws Exception {
        try (Arena arena = Arena.ofConfined(); DatagramPort port = open(nativeSocket);
             DatagramChannel client = DatagramChannel.open()) {
            client.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            client.bind(ANY_LOOPBACK);
            InetSocketAddress clientAddress = (InetSocketAddress) client.getLocalAddress();
            int size = 1408;
            int count = 100;
            MemorySegment region = arena.allocate((long) size * count);
            for (int i = 0; i < count; i++) {
                region.set(ValueLayout.JAVA_INT, (long) i * size, i);
            }
            port.sendBatch(region, size, count, clientAddress);
            ByteBuffer datagram = ByteBuffer.allocate(2048).order(java.nio.ByteOrder.nativeOrder());
            for (int i = 0; i < count; i++) {
                assertEquals(port.localAddress(), client.receive(datagram.clear()));
                assertEquals(size, datagram.position());
                assertEquals(i, datagram.getInt(0), "in order");
            }

            client.send(ByteBuffer.wrap("ping".getBytes()), port.localAddress());
            ByteBuffer into = ByteBuffer.allocate(2);
            assertEquals(clientAddress, port.receive(into));
            assertEquals(2, into.position(), "as much as fits");
            assertEquals('p', into.get(0));
            assertTrue(port.sendPath().contains(nativeSocket ? "GSO" : "DatagramChannel"), port.sendPath());
            assertThrows(BindException.class, () -> UdpSockets.bindPort(port.localAddress()),
                    "a port in use is refused, not shared or replaced by a fallback");
        }
    }

    @ParameterizedTest(name = "native {0}")
    @ValueSource(booleans = {true, false})
    void closeWakesTheReceiverAndEndsSending(boolean nativeSocket) throws Exception {
        DatagramPort port = open(nativeSocket);
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                port.receive(ByteBuffer.allocate(64));
                ended.complete(null);
            } catch (Throwable e) {
                ended.complete(e);
            }
        });
        port.close();
        assertInstanceOf(ClosedChannelException.class, ended.get(10, TimeUnit.SECONDS));
        assertFalse(port.isOpen());
        try (Arena arena = Arena.ofConfined()) {
            assertThrows(ClosedChannelException.class, () -> port.sendBatch(arena.allocate(8), 8, 1, ANY_LOOPBACK));
        }
    }
}
