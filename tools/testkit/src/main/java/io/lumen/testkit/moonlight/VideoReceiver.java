package io.lumen.testkit.moonlight;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.fec.FecSchemes;
import io.lumen.nativeaccess.net.ReceivedBatch;
import io.lumen.nativeaccess.net.UdpSocket;
import io.lumen.testkit.Poll;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The receiving end of a Moonlight video stream as moonlight-common-c runs it (VideoStream.c): a UDP socket that
 * pings the host's video port every 500 ms with {@code SS_PING} (the SETUP payload, then a BE32 count from 1),
 * decrypts shards when the stream is encrypted ({@code ENC_VIDEO_HEADER} in front, AES-128-GCM, shards of an
 * older frame dropped before decryption) and hands them to a {@link VideoFrameAssembler}. A loss knob drops each
 * received datagram with a seeded probability, before anything else looks at it, so tests can run below and
 * above the FEC rate reproducibly.
 */
public final class VideoReceiver implements AutoCloseable {

    /**
     * @param packetSize      the packet size the client announced (already less 32 when encrypted)
     * @param pingPayload     the 16 characters of X-SS-Ping-Payload; null pings with the legacy {@code PING}
     * @param key             the rikey when the stream is encrypted, else null
     * @param fec             the codec of the stream's FEC scheme, whose id picks the reassembly: "rs8-moonlight"
     *                        or "leopard16"
     * @param lossProbability chance of dropping each received datagram
     * @param seed            seeds the drops
     * @param lossWithinFec   drop a shard only while its block has lost fewer than its parity count: loss the
     *                        FEC can always repair, whatever the frame sizes turn out to be
     */
    public record Options(int packetSize, String pingPayload, byte[] key, FecCodec fec, double lossProbability,
                          long seed, boolean lossWithinFec) {

        public static Options of(int packetSize, String pingPayload, FecCodec fec) {
            return new Options(packetSize, pingPayload, null, fec, 0, 1, false);
        }

        public Options withKey(byte[] rikey) {
            return new Options(packetSize, pingPayload, rikey, fec, lossProbability, seed, lossWithinFec);
        }

        public Options withLoss(double probability, long lossSeed) {
            return new Options(packetSize, pingPayload, key, fec, probability, lossSeed, false);
        }

        public Options withLossWithinFec(double probability, long lossSeed) {
            return new Options(packetSize, pingPayload, key, fec, probability, lossSeed, true);
        }
    }

    private static final long PING_INTERVAL_MS = 500;
    /**
     * Room in the kernel for a burst of several Gbit/s (moonlight-common-c asks for 2048 packets); beyond
     * net.core.rmem_max only as root (the socket's FORCE option).
     */
    private static final int RECEIVE_BUFFER_BYTES = 32 << 20;
    /** Datagrams (or GRO trains of them) taken from the kernel in one call. */
    private static final int BATCH_SLOTS = 32;
    private static final int ENC_HEADER_BYTES = 32;
    private static final int TAG_BYTES = 16;

    private final Options options;
    private final InetSocketAddress host;
    private final UdpSocket socket;
    private final ReceivedBatch batch;
    private final FrameAssembler assembler;
    private final BlockingQueue<ReceivedFrame> frames = new LinkedBlockingQueue<>();
    /** What the client reports to the host; the oldest are dropped when nobody sends them. */
    private final BlockingQueue<FrameAssembler.FecReport> fecReports = new LinkedBlockingQueue<>(4096);
    private final SplittableRandom loss;
    private final Cipher cipher;
    private final Thread pinger;
    private final Thread receiver;
    private long received;
    private long dropped;
    private long unneeded;
    private long rejected;
    private long lossBlock = -1;
    private int lossInBlock;

    public VideoReceiver(InetSocketAddress host, Options options) throws IOException {
        this.options = options;
        this.host = host;
        this.loss = new SplittableRandom(options.seed());
        this.assembler = FecSchemes.LEOPARD16.equals(options.fec().id())
                ? new Leopard16FrameAssembler(options.fec(), frames::add)
                : new VideoFrameAssembler(options.packetSize(), options.fec(), frames::add);
        assembler.reportsTo(fecReports::offer);
        try {
            this.cipher = options.key() == null ? null : Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IOException("no AES-GCM", e);
        }
        this.socket = UdpSocket.open(new InetSocketAddress(host.getAddress().isLoopbackAddress() ? host.getAddress()
                : InetAddress.getByName(host.getAddress() instanceof Inet6Address ? "::" : "0.0.0.0"), 0));
        try {
            socket.receiveBuffer(RECEIVE_BUFFER_BYTES);
            // one call can bring a whole train of a frame's datagrams, split again by the size the kernel reports
            boolean gro = socket.enableGro();
            this.batch = new ReceivedBatch(BATCH_SLOTS, gro ? 65_535 : Math.min(65_535, options.packetSize() + 96));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        int port = socket.localAddress().getPort();
        this.receiver = Thread.ofPlatform().name("video-receiver-" + port).daemon().start(this::receive);
        this.pinger = Thread.ofPlatform().name("video-pinger-" + port).daemon().start(this::ping);
    }

    public InetSocketAddress localAddress() {
        return socket.localAddress();
    }

    /** Datagrams the kernel dropped because the socket's buffer was full (the receiver fell behind). */
    public long socketDrops() {
        try {
            return socket.drops();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The next complete frame, or null when none arrives in time. */
    public ReceivedFrame next(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Reports of the blocks repaired or lost since the last call, for the client to send to the host. */
    public List<FrameAssembler.FecReport> drainFecReports() {
        List<FrameAssembler.FecReport> list = new ArrayList<>();
        fecReports.drainTo(list);
        return list;
    }

    /** The complete frames waiting now. */
    public List<ReceivedFrame> drain() {
        List<ReceivedFrame> list = new ArrayList<>();
        frames.drainTo(list);
        return list;
    }

    /** Waits until {@code count} datagrams have been read (dropped ones included); false on timeout. */
    public boolean awaitDatagrams(long count, Duration timeout) throws InterruptedException {
        boolean arrived = Poll.every(Duration.ofMillis(5)).holdsWithin(timeout, () -> {
            synchronized (assembler) {
                return received >= count;
            }
        });
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return arrived;
    }

    public VideoReceiverStats stats() {
        synchronized (assembler) {
            return assembler.stats(received, dropped, unneeded, rejected);
        }
    }

    private void ping() {
        MemorySegment room = Arena.ofAuto().allocate(20); // a downcall reads only off-heap memory
        ByteBuffer ping = room.asByteBuffer();
        int count = 0;
        while (socket.isOpen()) {
            ping.clear();
            if (options.pingPayload() == null) {
                ping.put("PING".getBytes(StandardCharsets.US_ASCII));
            } else {
                ping.put(options.pingPayload().getBytes(StandardCharsets.US_ASCII)).putInt(++count);
            }
            try {
                socket.send(room.asSlice(0, ping.position()), host);
                Thread.sleep(PING_INTERVAL_MS);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    private void receive() {
        while (socket.isOpen()) {
            int count;
            try {
                count = socket.receive(batch);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                continue;
            }
            for (int i = 0; i < count; i++) {
                take(batch.datagram(i).toArray(ValueLayout.JAVA_BYTE));
            }
        }
    }

    /** One datagram as read: the loss knob, decryption, then the client's reassembly. */
    private void take(byte[] datagram) {
        synchronized (assembler) {
            received++;
            if (!options.lossWithinFec() && options.lossProbability() > 0
                    && loss.nextDouble() < options.lossProbability()) {
                dropped++;
                return;
            }
            if (cipher != null && olderThanCurrent(datagram)) {
                unneeded++;
                return;
            }
            byte[] shard = cipher == null ? datagram : decrypt(datagram);
            if (shard == null) {
                rejected++;
            } else if (options.lossWithinFec() && dropWithinFec(shard)) {
                dropped++;
            } else {
                assembler.add(shard);
            }
        }
    }

    /** Drops the shard by chance while its block can still afford the loss; counts what the block lost. */
    private boolean dropWithinFec(byte[] shard) {
        FrameAssembler.BlockTag tag = options.lossProbability() <= 0 ? null : assembler.tag(shard);
        if (tag == null) {
            return false;
        }
        if (tag.block() != lossBlock) {
            lossBlock = tag.block();
            lossInBlock = 0;
        }
        if (lossInBlock < tag.parityShards() && loss.nextDouble() < options.lossProbability()) {
            lossInBlock++;
            return true;
        }
        return false;
    }

    /**
     * The client skips decrypting shards of frames it is done with; the frame number in the clear header is
     * unauthenticated, but a forged one can only get a packet dropped.
     */
    private boolean olderThanCurrent(byte[] datagram) {
        if (datagram.length < ENC_HEADER_BYTES) {
            return false;
        }
        int frameNumber = VideoShardHeader.le32(datagram, 12);
        return frameNumber != 0 && Integer.compareUnsigned(frameNumber, assembler.currentFrame()) < 0;
    }

    /** The shard inside an encrypted datagram, or null when it is short or fails authentication. */
    private byte[] decrypt(byte[] datagram) {
        if (datagram.length < ENC_HEADER_BYTES + VideoShardHeader.BYTES) {
            return null;
        }
        int cipherBytes = datagram.length - ENC_HEADER_BYTES;
        byte[] sealed = new byte[cipherBytes + TAG_BYTES]; // the JCE wants the tag after the ciphertext
        System.arraycopy(datagram, ENC_HEADER_BYTES, sealed, 0, cipherBytes);
        System.arraycopy(datagram, 16, sealed, cipherBytes, TAG_BYTES);
        try {
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(options.key(), "AES"),
                    new GCMParameterSpec(TAG_BYTES * 8, datagram, 0, 12));
            return cipher.doFinal(sealed);
        } catch (AEADBadTagException forged) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        pinger.interrupt();
        try {
            receiver.join(2000);
            pinger.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
