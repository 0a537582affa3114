package io.lumen.protocol.moonlight.impl.audio;

import io.lumen.protocol.moonlight.impl.fec.FecCodecSource;
import io.lumen.log.WarnOnce;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audio stream's socket. Its own thread only listens: it learns the client's address from the first ping and
 * counts the rest. Packets are sent by the session's audio thread as the encoder makes them, so the capture's
 * clock paces the stream; nothing is sent before the client pinged (those packets are counted, not queued).
 */
final class AudioSender implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.moonlight.audio");
    private static final long IDLE_WAIT_MS = 100;
    /** Datagrams read in one turn before the loop looks whether it should stop: a flood must not keep it in. */
    private static final int RECEIVE_TURN = 64;
    private static final long JOIN_MILLIS = 2000;
    private static final String FOREIGN = "audio-foreign-datagram";
    private static final String SEND_FAILED = "audio-send-failed";
    private static final String RECEIVE_FAILED = "audio-receive-failed";
    private static final String UNEVEN_BLOCK = "audio-uneven-fec-block";
    private static final String NO_CODEC = "audio-fec-codec-missing";

    private final DatagramChannel channel;
    private final Selector selector;
    private final AudioPing ping;
    private final AudioPacketizer packetizer;
    private final Thread thread;
    private final InetSocketAddress localAddress;
    private final WarnOnce warnings = new WarnOnce(LOG);
    private final AudioPacketizer.Datagrams out = this::send;
    private final ByteBuffer received = ByteBuffer.allocate(2048);
    private final AtomicLong dataPackets = new AtomicLong();
    private final AtomicLong fecPackets = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong pings = new AtomicLong();
    private final AtomicLong unsent = new AtomicLong();
    private volatile boolean running = true;
    private final Object sending = new Object();
    private volatile InetSocketAddress client;
    private volatile String failure;
    private boolean closed;

    private AudioSender(DatagramChannel channel, AudioStreamParams params, FecCodecSource fec) throws IOException {
        this.channel = channel;
        this.ping = new AudioPing(params.pingPayload(), params.clientAddress(), params.legacyPing());
        this.packetizer = new AudioPacketizer(params.packetDurationMs(), params.encryption(), fec);
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        this.thread = Thread.ofPlatform().name("lumen-audio-" + localAddress.getPort()).daemon().unstarted(this::listen);
    }

    /** Starts listening on {@code channel} (bound), which the sender then owns. */
    static AudioSender start(DatagramChannel channel, AudioStreamParams params, FecCodecSource fec)
            throws IOException {
        AudioSender sender = new AudioSender(channel, params, fec);
        sender.thread.start();
        return sender;
    }

    private void listen() {
        try {
            while (running) {
                if (!receivePending()) {
                    selector.select(key -> { }, IDLE_WAIT_MS);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                failure = e.toString();
                LOG.log(System.Logger.Level.ERROR, "the audio stream stopped listening", e);
            }
        }
    }

    /**
     * Sends one Opus packet, and the block's parity packets when it closes a block. Called by one thread (the
     * session's audio thread); before the client's ping and after close, counted as unsent instead.
     */
    void send(MemorySegment opus) {
        // close() takes the same lock to stop: a packet is either sent whole, parity included, or counted unsent
        synchronized (sending) {
            if (client == null || !running) {
                unsent.incrementAndGet();
                return;
            }
            packetize(opus);
        }
    }

    private void packetize(MemorySegment opus) {
        long uneven = packetizer.unevenBlocks();
        long withoutFec = packetizer.blocksWithoutFec();
        packetizer.packetize(opus, out);
        if (packetizer.unevenBlocks() != uneven) {
            warnings.warn(UNEVEN_BLOCK, "an audio FEC block held payloads of different lengths (is the Opus"
                    + " encoder not CBR?): the client turns its audio FEC off when it sees one");
        }
        if (packetizer.blocksWithoutFec() != withoutFec) {
            warnings.warn(NO_CODEC, "no rs8-moonlight-audio FEC codec is registered: audio goes without parity until"
                    + " one is");
        }
    }

    private void send(ByteBuffer datagram, boolean parity) {
        int length = datagram.remaining();
        try {
            if (channel.send(datagram, client) == 0) {
                warnings.warn(SEND_FAILED, "the socket's send buffer was full: an audio datagram was dropped");
                return;
            }
            (parity ? fecPackets : dataPackets).incrementAndGet();
            bytesSent.addAndGet(length);
        } catch (IOException e) {
            warnings.warn(SEND_FAILED, "sending audio to " + client + " failed: " + e.getMessage());
        }
    }

    /**
     * Reads what waits on the socket, at most {@link #RECEIVE_TURN} datagrams: the client's pings, and anything
     * else, which is counted. True when the turn ended with more perhaps waiting.
     */
    private boolean receivePending() throws IOException {
        for (int i = 0; i < RECEIVE_TURN; i++) {
            received.clear();
            SocketAddress from;
            try {
                from = channel.receive(received);
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    throw e;
                }
                warnings.warn(RECEIVE_FAILED, "receiving on the audio port failed: " + e.getMessage());
                return false;
            }
            if (from == null) {
                return false;
            }
            InetSocketAddress sender = (InetSocketAddress) from;
            received.flip();
            InetSocketAddress known = client;
            if (known == null && ping.matches(received, sender)) {
                client = sender;
                pings.incrementAndGet();
                LOG.log(System.Logger.Level.INFO, "audio client at " + sender);
            } else if (sender.equals(known) && ping.matches(received, sender)) {
                pings.incrementAndGet();
            } else {
                warnings.warn(FOREIGN, "dropped a datagram of " + received.remaining() + " bytes from " + sender
                        + " on the audio port: not this session's ping");
            }
        }
        return true;
    }

    InetSocketAddress localAddress() {
        return localAddress;
    }

    AudioStreamStats stats() {
        return new AudioStreamStats(failure, client, dataPackets.get(), fecPackets.get(), bytesSent.get(),
                pings.get(), warnings.count(FOREIGN), unsent.get(), warnings.count(SEND_FAILED),
                warnings.count(UNEVEN_BLOCK));
    }

    /** Stops listening and releases the port; packets sent after this are counted as unsent. Safe to repeat. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (sending) {
            running = false;
        }
        selector.wakeup();
        boolean interrupted = !join(JOIN_MILLIS);
        try {
            selector.close();
            channel.close(); // a listener still inside receive() fails out of it
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the audio socket: " + e.getMessage());
        }
        if (!interrupted) {
            interrupted = !join(JOIN_MILLIS);
        }
        if (thread.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, thread.getName() + " did not end within " + 2 * JOIN_MILLIS
                    + " ms of closing; its port is closed, the daemon thread is left behind");
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the listener at most {@code millis}; false if interrupted meanwhile. */
    private boolean join(long millis) {
        try {
            thread.join(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
