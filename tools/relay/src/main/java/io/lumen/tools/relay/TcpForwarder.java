package io.lumen.tools.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One TCP port of the relay: each connection is matched by one to the host and the bytes are copied both ways as
 * they are (TLS stays between client and host). When one side stops sending, the other is told so (half close),
 * as HTTP and RTSP clients that read until the host closes expect.
 */
final class TcpForwarder implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final RelayPort port;
    private final InetSocketAddress upstreamTarget;
    private final Consumer<String> log;
    private final ServerSocket server;
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong bytesDown = new AtomicLong();

    TcpForwarder(RelayPort port, InetSocketAddress listen, InetSocketAddress upstreamTarget, Consumer<String> log)
            throws IOException {
        this.port = port;
        this.upstreamTarget = upstreamTarget;
        this.log = log;
        this.server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(listen, 64);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on tcp " + listen + " (" + port.label() + "): " + e.getMessage(), e);
        }
        Thread.ofPlatform().name("relay-" + port.label() + "-accept").daemon().start(this::accept);
    }

    /** Connections, bytes client to host, bytes host to client. */
    long[] counts() {
        return new long[] {connections.get(), bytesUp.get(), bytesDown.get()};
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().name("relay-" + port.label() + "-conn").start(() -> forward(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.accept("tcp " + port.label() + ": accept failed: " + e);
                }
            }
        }
    }

    private void forward(Socket client) {
        String who = UdpForwarder.address((InetSocketAddress) client.getRemoteSocketAddress());
        try (client; Socket host = new Socket()) {
            try {
                host.connect(upstreamTarget, CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                log.accept("tcp " + port.label() + ": " + who + " could not be passed to the host at "
                        + UdpForwarder.address(upstreamTarget) + ": " + e.getMessage());
                return;
            }
            client.setTcpNoDelay(true);
            host.setTcpNoDelay(true);
            Thread towardsHost = Thread.ofVirtual().start(() -> copy(client, host, bytesUp));
            copy(host, client, bytesDown);
            towardsHost.join();
        } catch (IOException e) {
            log.accept("tcp " + port.label() + ": " + who + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Copies until {@code from} ends, then half-closes {@code to}; a reset ends both. */
    private static void copy(Socket from, Socket to, AtomicLong bytes) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                bytes.addAndGet(n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do with a broken connection
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }
}
