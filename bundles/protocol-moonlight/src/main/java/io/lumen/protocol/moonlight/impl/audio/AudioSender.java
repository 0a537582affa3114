package io.lumen.protocol.moonlight.impl.audio;

import io.lumen.api.fec.FecCodec;
import io.lumen.nativeaccess.WarnOnce;
import io.lumen.protocol.moonlight.impl.audio.opus.OpusException;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The audio stream's thread: it owns the UDP socket, learns the client's address from its first ping (nothing is
 * sent before), then encodes and sends one packet per packet duration on a {@link SendSchedule} (absolute
 * deadlines; catch up when late, skip when {@value #MAX_BACKLOG_FRAMES} frames late). Skipped frames are never
 * read from the source and take no sequence numbers. Between packets the thread waits on a selector, so pings
 * are read as they come and {@link #close()} wakes it at once.
 */
final class AudioSender implements AutoCloseable {

    static final int MAX_BACKLOG_FRAMES = 30;

    private static final System.Logger LOG = System.getLogger("lumen.moonlight.audio");
    private static final long IDLE_WAIT_MS = 100;
    private static final String FOREIGN = "audio-foreign-datagram";
    private static final String SEND_FAILED = "audio-send-failed";
    private static final String RECEIVE_FAILED = "audio-receive-failed";
    private static final String UNEVEN_BLOCK = "audio-uneven-fec-block";

    private final DatagramChannel channel;
    private final Selector selector;
    private final AudioPing ping;
    private final AudioEncoding encoding;
    private final AudioPacketizer packetizer;
    private final SendSchedule schedule;
    private final Thread thread;
    private final InetSocketAddress localAddress;
    private final WarnOnce warnings = new WarnOnce(LOG);
    private final AudioPacketizer.Datagrams out = this::send;
    private final ByteBuffer received = ByteBuffer.allocate(2048);
    private final AtomicLong dataPackets = new AtomicLong();
    private final AtomicLong fecPackets = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong pings = new AtomicLong();
    private final AtomicLong framesSkipped = new AtomicLong();
    private volatile boolean running = true;
    private volatile InetSocketAddress client;
    private volatile String encoderState;
    private volatile boolean encodingFailed;
    private boolean closed;

    private AudioSender(DatagramChannel channel, AudioStreamParams params, AudioEncoding encoding,
                        String encoderState, FecCodec fec) throws IOException {
        this.channel = channel;
        this.ping = new AudioPing(params.pingPayload(), params.legacyPingAddress());
        this.encoding = encoding;
        this.encoderState = encoderState;
        this.packetizer = new AudioPacketizer(params.packetDurationMs(), params.encryption(), fec);
        this.schedule = new SendSchedule(params.packetDurationMs() * 1_000_000L, MAX_BACKLOG_FRAMES);
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        this.thread = Thread.ofPlatform().name("lumen-audio-" + localAddress.getPort()).daemon().unstarted(this::run);
    }

    /**
     * Starts sending on {@code channel} (bound), which the sender then owns with {@code encoding} (null when the
     * stream has no encoder: it then only answers for the port and counts pings).
     */
    static AudioSender start(DatagramChannel channel, AudioStreamParams params, AudioEncoding encoding,
                             String encoderState, FecCodec fec) throws IOException {
        AudioSender sender = new AudioSender(channel, params, encoding, encoderState, fec);
        sender.thread.start();
        return sender;
    }

    private void run() {
        boolean started = false;
        try {
            while (running) {
                receivePending();
                if (client == null || encoding == null || encodingFailed) {
                    waitMillis(IDLE_WAIT_MS);
                    continue;
                }
                long now = System.nanoTime();
                if (!started) {
                    schedule.start(now);
                    started = true;
                }
                long early = schedule.untilDue(now);
                if (early > 0) {
                    waitNanos(early);
                    continue;
                }
                framesSkipped.addAndGet(schedule.take(now));
                sendFrame();
            }
        } catch (IOException | RuntimeException e) {
            encoderState = "failed: " + e;
            LOG.log(System.Logger.Level.ERROR, "the audio stream stopped", e);
        }
    }

    private void sendFrame() {
        try {
            MemorySegment packet = encoding.next();
            long uneven = packetizer.unevenBlocks();
            packetizer.packetize(packet, out);
            if (packetizer.unevenBlocks() != uneven) {
                warnings.warn(UNEVEN_BLOCK, "an audio FEC block held payloads of different lengths (is the Opus"
                        + " encoder not CBR?): the client turns its audio FEC off when it sees one");
            }
        } catch (OpusException e) {
            encodingFailed = true;
            encoderState = "failed: " + e.getMessage();
            LOG.log(System.Logger.Level.ERROR, "audio encoding stopped, the session goes on without sound: "
                    + e.getMessage());
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

    /** Reads every datagram waiting on the socket: the client's pings, and anything else, which is counted. */
    private void receivePending() throws IOException {
        while (true) {
            received.clear();
            SocketAddress from;
            try {
                from = channel.receive(received);
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    throw e;
                }
                warnings.warn(RECEIVE_FAILED, "receiving on the audio port failed: " + e.getMessage());
                return;
            }
            if (from == null) {
                return;
            }
            InetSocketAddress sender = (InetSocketAddress) from;
            received.flip();
            InetSocketAddress known = client;
            if (known == null && ping.matches(received, sender)) {
                client = sender;
                pings.incrementAndGet();
                LOG.log(System.Logger.Level.INFO, "audio client at " + sender
                        + (encoding == null ? " pinged; it gets no audio (" + encoderState + ")" : ": " + encoderState));
            } else if (sender.equals(known) && ping.matches(received, sender)) {
                pings.incrementAndGet();
            } else {
                warnings.warn(FOREIGN, "dropped a datagram of " + received.remaining() + " bytes from " + sender
                        + " on the audio port: not this session's ping");
            }
        }
    }

    private void waitNanos(long nanos) throws IOException {
        if (nanos >= 1_000_000) {
            waitMillis(nanos / 1_000_000);
        } else {
            LockSupport.parkNanos(nanos);
        }
    }

    /** Waits until a datagram arrives, {@code millis} pass or {@link #close()} wakes the thread. */
    private void waitMillis(long millis) throws IOException {
        selector.select(key -> { }, millis);
    }

    InetSocketAddress localAddress() {
        return localAddress;
    }

    AudioStreamStats stats() {
        return new AudioStreamStats(encoderState, client, dataPackets.get(), fecPackets.get(), bytesSent.get(),
                pings.get(), warnings.count(FOREIGN), framesSkipped.get(), warnings.count(SEND_FAILED),
                warnings.count(UNEVEN_BLOCK));
    }

    /** Stops the thread, then frees the encoder and the port. Safe to repeat. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        selector.wakeup();
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // the encoder must not be freed under a running thread: wait it out
            }
        }
        try {
            selector.close();
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the audio socket: " + e.getMessage());
        } finally {
            if (encoding != null) {
                encoding.close();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
