package io.lumen.protocol.moonlight.impl.control;

import io.lumen.enet.Delivery;
import io.lumen.enet.EnetHost;
import io.lumen.enet.EnetHostStats;
import io.lumen.enet.EnetListener;
import io.lumen.enet.EnetOptions;
import io.lumen.enet.EnetPeer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The control port of one launch (base + 10): an ENet host bound at SETUP, so the reply names its port. The client
 * connects with the launch's connect data ({@code X-SS-Connect-Data}); a connection with other data is refused at
 * once, and only one client is served. Events go to the stream the ANNOUNCE started.
 */
public final class ControlEndpoint implements AutoCloseable {

    /** What the stream hears from its client's connection. */
    public interface Handler {

        void connected(EnetPeer peer);

        void received(byte[] packet);

        void disconnected(String why);
    }

    /** moonlight-common-c gives its peer 10 s; the host ends a stream after as long without an acknowledgement. */
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(10);
    /** Enough for the input packets of a busy client, but no more than a handful of peers (a retrying client). */
    private static final int MAX_PEERS = 4;
    /**
     * Control messages are tens of bytes; a client's packet never comes near this. What the host holds in unfinished
     * packets stays within the budget below however the port is flooded (libs/enet's README: the budget).
     */
    public static final EnetOptions OPTIONS = EnetOptions.defaults().withMaxPeers(MAX_PEERS).withPeerTimeout(PEER_TIMEOUT)
            .withMaxPacketSize(64 << 10).withReassemblyBudget(256 << 10, MAX_PEERS * (256 << 10));

    private final EnetHost host;
    private final int connectData;
    private final InetAddress client;
    private final LongAdder refused = new LongAdder();
    private volatile Handler handler;
    private volatile EnetPeer peer;
    private volatile CountDownLatch gone = new CountDownLatch(0);

    private ControlEndpoint(InetSocketAddress bind, int connectData, InetAddress client) throws IOException {
        this.connectData = connectData;
        this.client = client;
        this.host = EnetHost.open(bind, OPTIONS, new Events());
    }

    /** {@code client}: the only address a connection is taken from (the launching client's); null: any. */
    public static ControlEndpoint open(InetSocketAddress bind, int connectData, InetAddress client)
            throws IOException {
        return new ControlEndpoint(bind, connectData, client);
    }

    public int port() {
        return host.localAddress().getPort();
    }

    /** The stream that takes the connection from now on. */
    public void attach(Handler streamHandler) {
        handler = streamHandler;
    }

    /** Sends a sealed message reliably on the generic channel; false when no client is connected. */
    public boolean send(byte[] packet) {
        EnetPeer current = peer;
        if (current == null || !current.isConnected()) {
            return false;
        }
        current.send(0, packet, Delivery.RELIABLE);
        return true;
    }

    /**
     * Says goodbye and frees the port: a graceful disconnect, which ENet sends after what is queued (the
     * termination message), awaited for at most {@code grace} so the port is free for the next launch soon.
     * Never call it on the ENet thread (a handler's callback).
     */
    public void closeGracefully(Duration grace) {
        EnetPeer current = peer;
        if (current != null && current.isConnected()) {
            gone = new CountDownLatch(1);
            current.disconnect(0);
            try {
                gone.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    public Duration roundTripTime() {
        EnetPeer current = peer;
        return current == null ? Duration.ZERO : current.roundTripTime();
    }

    /** CONNECTs refused (wrong connect data, or a second client while one is connected) and connections turned away. */
    public long refused() {
        return refused.sum();
    }

    public long droppedDatagrams() {
        return host.stats().droppedTotal();
    }

    /** The ENet host's counters, among them the bytes it holds for unfinished packets. */
    public EnetHostStats enetStats() {
        return host.stats();
    }

    @Override
    public void close() {
        host.close();
    }

    private final class Events implements EnetListener {

        /** Decided at the CONNECT, so a stranger never gets a slot, an answer, or any of its commands looked at. */
        @Override
        public boolean admits(InetSocketAddress from, int data) {
            if (data != connectData || peer != null || !fromClient(from.getAddress())) {
                refused.increment();
                return false;
            }
            return true;
        }

        @Override
        public void connected(EnetPeer connecting, int data) {
            Handler current = handler;
            if (data != connectData || peer != null || current == null || !fromClient(connecting.address().getAddress())) {
                refused.increment();
                connecting.disconnectNow();
                return;
            }
            peer = connecting;
            current.connected(connecting);
        }

        /** The connect data travels in the clear on a LAN: only the launching client's address may use it. */
        private boolean fromClient(InetAddress address) {
            return client == null || client.equals(address);
        }

        @Override
        public void received(EnetPeer from, int channel, byte[] packet) {
            Handler current = handler;
            if (from == peer && current != null) {
                current.received(packet);
            }
        }

        @Override
        public void disconnected(EnetPeer leaving, EnetPeer.DisconnectReason reason, int data) {
            if (leaving != peer) {
                return;
            }
            peer = null;
            gone.countDown();
            Handler current = handler;
            if (current != null) {
                current.disconnected(switch (reason) {
                    case REMOTE -> "the client disconnected";
                    case TIMEOUT -> "the client stopped answering (control stream timed out)";
                    case LOCAL -> "the host disconnected";
                });
            }
        }
    }
}
