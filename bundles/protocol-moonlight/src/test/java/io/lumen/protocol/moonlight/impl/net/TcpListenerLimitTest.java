package io.lumen.protocol.moonlight.impl.net;

import io.lumen.protocol.moonlight.impl.OtherMachines;
import io.lumen.testkit.Poll;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections beyond a listener's limits are closed on arrival and counted: idle sockets from one address (or from
 * many) cannot take the host's file descriptors, and a client from elsewhere is still served.
 */
@Timeout(60)
class TcpListenerLimitTest {

    private static final System.Logger LOG = System.getLogger("lumen.moonlight.test");
    private static final InetAddress LISTEN = OtherMachines.loopback(1);

    @Test
    void connectionsBeyondTheLimitsAreClosedAndTheRestServed() throws Exception {
        TcpListener.Limits limits = new TcpListener.Limits(12, 4);
        List<Socket> idle = new ArrayList<>();
        try (TcpListener listener = TcpListener.start("capped", new InetSocketAddress(LISTEN, 0), replyOk(),
                limits, LOG)) {
            long fdsBefore = openFds();
            for (int i = 0; i < 40; i++) {
                idle.add(connect(OtherMachines.loopback(2), listener.port()));
            }
            assertTrue(Poll.until(Duration.ofSeconds(10), () -> listener.refusedConnections() == 36),
                    "one address keeps " + limits.perAddress() + " of 40: refused " + listener.refusedConnections());
            for (int host = 3; host < 9; host++) {
                for (int i = 0; i < 3; i++) {
                    idle.add(connect(OtherMachines.loopback(host), listener.port()));
                }
            }
            // every arrival beyond the 12 kept is refused or takes the place of one from the address holding most
            assertTrue(Poll.until(Duration.ofSeconds(10), () -> listener.openConnections() == limits.perListener()
                    && listener.refusedConnections() + listener.evictedConnections() == 36 + 18 + 4 - limits.perListener()),
                    "the listener keeps " + limits.perListener() + ": " + listener.counts());
            for (Socket socket : idle) {
                if (closedByPeer(socket)) {
                    socket.close();
                }
            }
            assertTrue(openFds() - fdsBefore <= 2L * limits.perListener() + 4,
                    "descriptors held: " + (openFds() - fdsBefore) + " for " + idle.size() + " connections");

            for (Socket socket : idle) {
                socket.close();
            }
            assertTrue(Poll.until(Duration.ofSeconds(10), () -> listener.openConnections() == 0));
            assertEquals("ok", request(OtherMachines.loopback(2), listener.port()), "served again once the idle ones left");
        }
    }

    @Test
    void aClientFromAnotherAddressIsServedWhileOneAddressIsAtItsLimit() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try (TcpListener listener = TcpListener.start("capped", new InetSocketAddress(LISTEN, 0), replyOk(),
                new TcpListener.Limits(8, 2), LOG)) {
            for (int i = 0; i < 20; i++) {
                idle.add(connect(OtherMachines.loopback(2), listener.port()));
            }
            assertTrue(Poll.until(Duration.ofSeconds(10), () -> listener.refusedConnections() == 18));
            assertEquals("ok", request(OtherMachines.loopback(3), listener.port()));
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void aClientIsServedWhileOtherAddressesFillTheListener() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try (TcpListener listener = TcpListener.start("capped", new InetSocketAddress(LISTEN, 0), replyOk(),
                new TcpListener.Limits(8, 4), LOG)) {
            for (int host = 2; host < 4; host++) {
                for (int i = 0; i < 4; i++) {
                    idle.add(connect(OtherMachines.loopback(host), listener.port()));
                }
            }
            assertTrue(Poll.until(Duration.ofSeconds(10), () -> listener.openConnections() == 8),
                    "two addresses at their limit fill it: " + listener.counts());

            assertEquals("ok", request(OtherMachines.loopback(20), listener.port()), "a third address is not locked out");
            assertTrue(Poll.until(Duration.ofSeconds(10), () -> listener.evictedConnections() == 1),
                    "one of the fullest addresses made room: " + listener.counts());
            List<Integer> closed = new ArrayList<>();
            for (int i = 0; i < idle.size(); i++) {
                if (closedByPeer(idle.get(i))) {
                    closed.add(i);
                }
            }
            assertTrue(closed.equals(List.of(0)) || closed.equals(List.of(4)),
                    "the oldest connection of one address was closed, no other: " + closed);
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    /** Answers "ok" to the first bytes it reads, then closes. */
    private static ChannelInitializer<SocketChannel> replyOk() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                        ctx.writeAndFlush(Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII))
                                .addListener(ChannelFutureListener.CLOSE);
                    }
                });
            }
        };
    }

    private static Socket connect(InetAddress from, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(LISTEN, port), 5000);
        return socket;
    }

    private static String request(InetAddress from, int port) throws IOException {
        try (Socket socket = connect(from, port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write('?');
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static boolean closedByPeer(Socket socket) throws IOException {
        socket.setSoTimeout(50);
        try {
            InputStream in = socket.getInputStream();
            return in.read() == -1;
        } catch (java.net.SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static boolean closedByPeerQuietly(Socket socket) {
        try {
            return closedByPeer(socket);
        } catch (IOException e) {
            return true;
        }
    }

    private static long openFds() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
