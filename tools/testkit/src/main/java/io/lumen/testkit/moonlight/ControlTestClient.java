package io.lumen.testkit.moonlight;

import io.lumen.enet.Delivery;
import io.lumen.enet.EnetHost;
import io.lumen.enet.EnetListener;
import io.lumen.enet.EnetOptions;
import io.lumen.enet.EnetPeer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * The client side of the control stream, after moonlight-common-c's ControlStream.c for a host reporting
 * 7.1.431: ENet with 0x30 channels and the connect data from SETUP, every message sealed with AES-GCM under the
 * launch key (12-byte IV: the counter little-endian, 'C' 'C'), Start A and Start B once connected, then the
 * periodic ping every 100 ms. What the host sends is opened ('H' 'C') and kept, in order, until the test takes
 * it: the next of any type ({@link #nextMessage}), of one type ({@link #awaitMessage}) or the next pad feedback
 * ({@link #awaitPadFeedback}); taking one type leaves the others in place.
 */
public final class ControlTestClient implements AutoCloseable {

    /** The client's channels (Limelight-internal.h). */
    public static final int CHANNEL_GENERIC = 0;
    public static final int CHANNEL_URGENT = 1;
    public static final int CHANNEL_MOUSE = 3;

    private static final int CHANNELS = 0x30;
    private static final long PING_INTERVAL_MS = 100;

    /** One message from the host: its type and payload. */
    public record HostMessage(int type, byte[] payload) {
    }

    private final byte[] key;
    private final EnetHost enet;
    private final EnetPeer peer;
    private final Inbox received;
    private final CompletableFuture<String> disconnected;
    private final AtomicInteger sendCounter = new AtomicInteger();
    private final Thread pinger;

    private ControlTestClient(byte[] key, EnetHost enet, EnetPeer peer, Events events) {
        this.key = key;
        this.enet = enet;
        this.peer = peer;
        this.received = events.received;
        this.disconnected = events.disconnected;
        this.pinger = Thread.ofPlatform().name("control-pinger").daemon().unstarted(this::ping);
    }

    /** Connects, sends Start A and Start B, and starts pinging. {@code keys} null: the unencrypted stream. */
    public static ControlTestClient connect(InetSocketAddress host, long connectData, LaunchKeys keys)
            throws IOException {
        byte[] key = keys == null ? null : keys.rikey();
        Events events = new Events(key); // the host may speak before connect() returns: nothing is lost
        EnetHost enet = EnetHost.open(new InetSocketAddress(host.getAddress(), 0),
                EnetOptions.defaults().withMaxPeers(1), events);
        try {
            EnetPeer peer = enet.connect(host, CHANNELS, (int) connectData).get(10, TimeUnit.SECONDS);
            ControlTestClient client = new ControlTestClient(key, enet, peer, events);
            client.send(0x0302, new byte[2], CHANNEL_URGENT);
            client.send(0x0307, new byte[1], CHANNEL_URGENT);
            client.pinger.start();
            return client;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            enet.close();
            throw new IOException("control stream did not connect: " + e, e);
        }
    }

    /** Asks for an IDR frame, as the client does when it lost a frame it cannot rebuild. */
    public void requestIdr() {
        send(0x0302, new byte[2], CHANNEL_URGENT);
    }

    /**
     * Asks the host to invalidate the references from {@code firstFrame} to {@code lastFrame}, as a client whose
     * decoder can do RFI does when it lost a frame: 0x0301 with LE64 first, LE64 last, LE64 0.
     */
    public void invalidateReferences(long firstFrame, long lastFrame) {
        send(0x0301, referenceInvalidation(firstFrame, lastFrame), CHANNEL_URGENT);
    }

    /** The payload of 0x0301. */
    static byte[] referenceInvalidation(long firstFrame, long lastFrame) {
        return ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(firstFrame).putLong(lastFrame)
                .putLong(0).array();
    }

    /** Reports a frame's FEC status (Sunshine's SS_FRAME_FEC_STATUS, big-endian). */
    public void reportFrameFecStatus(int frameIndex, int totalData, int totalParity, int receivedData,
                                     int receivedParity, int fecPercent) {
        reportFrameFecStatus(new FrameAssembler.FecReport(frameIndex, totalData, totalParity, receivedData,
                receivedParity, fecPercent, 0, 0, 1));
    }

    /**
     * The same from a block's report, with the shards missing below the highest that came (what a repair leaves the
     * host to count lost: the client stops looking at a block once it can rebuild it) and the block's place.
     */
    public void reportFrameFecStatus(FrameAssembler.FecReport report) {
        ByteBuffer status = ByteBuffer.allocate(21);
        status.putInt(report.frameIndex()).putShort((short) 0).putShort((short) 0)
                .putShort((short) report.missingBeforeHighest()).putShort((short) report.totalData())
                .putShort((short) report.totalParity()).putShort((short) report.receivedData())
                .putShort((short) report.receivedParity()).put((byte) report.fecPercent())
                .put((byte) report.blockIndex()).put((byte) report.blockCount());
        send(0x5502, status.array(), CHANNEL_GENERIC);
    }

    /**
     * Sends an input packet (the payload of a 0x0206 message: NV_INPUT_HEADER and body, see {@link ClientInput})
     * on the channel the client sends its kind on.
     */
    public void sendInput(byte[] packet) {
        send(0x0206, packet, ClientInput.channel(packet));
    }

    /** Sends {@code type} with {@code payload}, sealed when the stream is encrypted. */
    public void send(int type, byte[] payload, int channel) {
        ByteBuffer plain = ByteBuffer.allocate(4 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        plain.putShort((short) type).putShort((short) payload.length).put(payload);
        peer.send(channel, key == null ? plain.array() : seal(plain.array()), Delivery.RELIABLE);
    }

    /** A raw packet as it is, for tests of what the host drops. */
    public void sendRaw(byte[] packet, int channel) {
        peer.send(channel, packet, Delivery.RELIABLE);
    }

    /** The oldest message not yet taken, or null when none arrives within {@code timeout}. */
    public HostMessage nextMessage(Duration timeout) throws InterruptedException {
        return received.take(type -> true, timeout);
    }

    /** The oldest message of {@code type} not yet taken, or null when none arrives within {@code timeout}. */
    public HostMessage awaitMessage(int type, Duration timeout) throws InterruptedException {
        return received.take(t -> t == type, timeout);
    }

    /**
     * The oldest pad feedback message (rumble, trigger rumble, motion reports, LED, adaptive triggers) not yet
     * taken, as the client reads it; null when none arrives within {@code timeout}.
     *
     * @throws IllegalArgumentException the message is malformed
     */
    public PadFeedbackMessage awaitPadFeedback(Duration timeout) throws InterruptedException {
        HostMessage message = received.take(PadFeedbackMessage::isPadFeedback, timeout);
        return message == null ? null : PadFeedbackMessage.parse(message);
    }

    /** Completes with the reason the connection ended ("REMOTE", "TIMEOUT", "LOCAL"). */
    public CompletableFuture<String> disconnected() {
        return disconnected;
    }

    public Duration roundTripTime() {
        return peer.roundTripTime();
    }

    private byte[] seal(byte[] plain) {
        int counter = sendCounter.getAndIncrement();
        byte[] sealed = ClientGcm.seal(key, ClientGcm.iv(counter, 'C', 'C'), plain);
        ByteBuffer out = ByteBuffer.allocate(8 + sealed.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) 1).putShort((short) (4 + sealed.length)).putInt(counter);
        return out.put(sealed).array();
    }

    private static HostMessage open(byte[] key, byte[] packet) {
        byte[] plain = packet;
        if (key != null) {
            ByteBuffer in = ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN);
            if (packet.length < 24 || in.getShort(0) != 1) {
                return null;
            }
            plain = ClientGcm.open(key, ClientGcm.iv(in.getInt(4), 'H', 'C'), packet, 8);
            if (plain == null) {
                return null;
            }
        }
        ByteBuffer message = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
        int type = message.getShort() & 0xffff;
        byte[] payload = new byte[message.getShort() & 0xffff];
        message.get(payload);
        return new HostMessage(type, payload);
    }

    private void ping() {
        byte[] payload = {4, 0, 0, 0, 0, 0, 0, 0};
        while (!disconnected.isDone()) {
            send(0x0200, payload, CHANNEL_GENERIC);
            try {
                Thread.sleep(PING_INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Disconnects as the client does when the user quits the stream. */
    @Override
    public void close() {
        pinger.interrupt();
        if (!disconnected.isDone()) {
            peer.disconnect(0);
            try {
                disconnected.get(2, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException ignored) {
                // closing the host below ends it either way
            }
        }
        enet.close();
    }

    /** Stops answering without a goodbye, as a client that crashed or lost its network. */
    public void vanish() {
        pinger.interrupt();
        disconnected.complete("VANISHED");
        enet.closeSilently();
    }

    /** The host's messages in arrival order; a take removes the oldest that matches and leaves the rest. */
    private static final class Inbox {
        private final List<HostMessage> messages = new ArrayList<>();

        synchronized void add(HostMessage message) {
            messages.add(message);
            notifyAll();
        }

        synchronized HostMessage take(IntPredicate type, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                for (Iterator<HostMessage> it = messages.iterator(); it.hasNext(); ) {
                    HostMessage message = it.next();
                    if (type.test(message.type())) {
                        it.remove();
                        return message;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    private static final class Events implements EnetListener {
        private final byte[] key;
        final Inbox received = new Inbox();
        final CompletableFuture<String> disconnected = new CompletableFuture<>();

        Events(byte[] key) {
            this.key = key;
        }

        @Override
        public void connected(EnetPeer peer, int data) {
        }

        @Override
        public void received(EnetPeer peer, int channel, byte[] packet) {
            HostMessage message = open(key, packet);
            if (message != null) {
                received.add(message);
            }
        }

        @Override
        public void disconnected(EnetPeer peer, EnetPeer.DisconnectReason reason, int data) {
            disconnected.complete(reason.name());
        }
    }
}
