package io.lumen.testkit.moonlight;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.fec.FecSchemes;
import io.lumen.nativeaccess.net.ReceivedBatch;
import io.lumen.nativeaccess.net.UdpSocket;
import io.lumen.testkit.Poll;
import io.lumen.testkit.loss.LossModel;

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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The receiving end of a Moonlight video stream as moonlight-common-c runs it (VideoStream.c, RtpVideoQueue.c,
 * VideoDepacketizer.c): a UDP socket that pings the host's video port every 500 ms with {@code SS_PING} (the SETUP
 * payload, then a BE32 count from 1), decrypts shards when the stream is encrypted ({@code ENC_VIDEO_HEADER} in
 * front, AES-128-GCM) and hands them to a {@link FrameAssembler}. When the options ask it to heal
 * ({@link Options#withHealing}, as {@link StreamingTestClient} does), whole frames then pass the client's
 * {@link HealingGate}, which drops what its decoder would not take after a loss and queues its keyframe and
 * reference-invalidation requests ({@link #takeHealRequests}); otherwise every whole frame is handed on. A seeded
 * {@link io.lumen.testkit.loss.LossModel} drops received datagrams before the client's rules see them, so tests run
 * below and above the FEC rate reproducibly. Every rs8-moonlight shard that reaches the socket is also checked
 * against the parity count its header implies ({@link VideoLossCounters#parityMismatches()}).
 */
public final class VideoReceiver implements AutoCloseable {

    /**
     * @param packetSize            the packet size the client announced (already less 32 when encrypted)
     * @param pingPayload           the 16 characters of X-SS-Ping-Payload; null pings with the legacy {@code PING}
     * @param key                   the rikey when the stream is encrypted, else null
     * @param fec                   the codec of the stream's FEC scheme, whose id picks the reassembly:
     *                              "rs8-moonlight" or "leopard16"
     * @param loss                  how received datagrams are dropped
     * @param heals                 whole frames go through the client's healing: dropped while it waits for an
     *                              IDR or a frame after invalidation, and its requests made; without, every whole
     *                              frame is handed on and no request is made (the reassembly alone)
     * @param referenceInvalidation reference frame invalidation is in effect (decoder and host both offer it)
     * @param intraRefresh          the client asked for intra refresh: a type-4 frame also ends an IDR wait
     */
    public record Options(int packetSize, String pingPayload, byte[] key, FecCodec fec,
                          StreamingTestClient.VideoLossSetting loss, boolean heals, boolean referenceInvalidation,
                          boolean intraRefresh) {

        public static Options of(int packetSize, String pingPayload, FecCodec fec) {
            return new Options(packetSize, pingPayload, null, fec, StreamingTestClient.VideoLossSetting.none(),
                    false, false, false);
        }

        public Options withKey(byte[] rikey) {
            return new Options(packetSize, pingPayload, rikey, fec, loss, heals, referenceInvalidation, intraRefresh);
        }

        /** Each datagram dropped with {@code probability}, whatever the FEC can do. */
        public Options withLoss(double probability, long lossSeed) {
            return withLoss(StreamingTestClient.VideoLossSetting.random(probability, lossSeed));
        }

        /**
         * Random loss, but a shard only while its block has lost fewer than its parity count: loss the FEC can
         * always repair, whatever the frame sizes turn out to be.
         */
        public Options withLossWithinFec(double probability, long lossSeed) {
            return withLoss(StreamingTestClient.VideoLossSetting.withinFec(probability, lossSeed));
        }

        public Options withLoss(StreamingTestClient.VideoLossSetting setting) {
            return new Options(packetSize, pingPayload, key, fec, setting, heals, referenceInvalidation, intraRefresh);
        }

        /** The client heals as a stock one does, with RFI in effect or not (as resolved against the DESCRIBE). */
        public Options withHealing(boolean invalidation, boolean askedIntraRefresh) {
            return new Options(packetSize, pingPayload, key, fec, loss, true, invalidation, askedIntraRefresh);
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
    private final HealRequests healRequests = new HealRequests();
    private final HealingGate gate;
    private final ParityAudit audit;
    private final LossModel loss;
    private final Cipher cipher;
    private final Thread pinger;
    private final Thread receiver;
    private long received;
    private long dropped;
    private long unneeded;
    private long rejected;
    private long lossBlock = -1;
    private int lossInBlock;
    private final AtomicLong idrRequests = new AtomicLong();
    private final AtomicLong rfiRequests = new AtomicLong();
    private final AtomicLong fecReportsTaken = new AtomicLong();

    public VideoReceiver(InetSocketAddress host, Options options) throws IOException {
        this.options = options;
        this.host = host;
        this.loss = options.loss().model();
        this.gate = options.heals()
                ? new HealingGate(options.referenceInvalidation(), options.intraRefresh(), healRequests)
                : HealingGate.passingEverything();
        Consumer<ReceivedFrame> decoder = frame -> {
            if (gate.admit(frame)) {
                frames.add(frame);
            }
        };
        boolean leopard = FecSchemes.LEOPARD16.equals(options.fec().id());
        this.assembler = leopard ? new Leopard16FrameAssembler(options.fec(), decoder)
                : new VideoFrameAssembler(options.packetSize(), options.fec(), decoder);
        this.audit = leopard ? null : new ParityAudit();
        assembler.reportsTo(fecReports::offer);
        assembler.lossesTo(gate::lost);
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

    /**
     * Reports of the blocks repaired or lost since the last call, for the client to send to the host; counted as
     * sent.
     */
    public List<FrameAssembler.FecReport> drainFecReports() {
        List<FrameAssembler.FecReport> list = new ArrayList<>();
        fecReports.drainTo(list);
        fecReportsTaken.addAndGet(list.size());
        return list;
    }

    /**
     * The keyframe and invalidation requests made since the last call, waiting up to {@code wait} for one, merged
     * as the client merges them before sending; counted as sent.
     */
    public List<HealRequest> takeHealRequests(Duration wait) throws InterruptedException {
        List<HealRequest> taken = healRequests.take(wait);
        for (HealRequest request : taken) {
            (request instanceof HealRequest.Keyframe ? idrRequests : rfiRequests).incrementAndGet();
        }
        return taken;
    }

    /** What the client saw and did about loss so far. */
    public VideoLossCounters counters() {
        synchronized (assembler) {
            VideoReceiverStats stats = assembler.stats(received, dropped, unneeded, rejected);
            return new VideoLossCounters(stats.framesComplete(), stats.framesLost(), gate.dropped, gate.keyframes,
                    gate.intraRefreshFrames, gate.invalidatedReferenceFrames, idrRequests.get(), rfiRequests.get(),
                    assembler.blocksRebuilt(), fecReportsTaken.get(), audit == null ? 0 : audit.blocksAudited,
                    audit == null ? 0 : audit.mismatches);
        }
    }

    /** The first blocks whose parity disagreed with their header, described, for a failing test's message. */
    public List<String> parityFindings() {
        synchronized (assembler) {
            return audit == null ? List.of() : audit.findings();
        }
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

    /** One datagram as read: the loss model, decryption, the parity audit, then the client's reassembly. */
    private void take(byte[] datagram) {
        synchronized (assembler) {
            received++;
            boolean lost = !options.loss().withinFec() && loss.drop();
            boolean older = cipher != null && olderThanCurrent(datagram);
            if ((lost || older) && audit == null) {
                countUnused(lost);
                return; // nothing else looks at it: no need to decrypt
            }
            // the audit reads the clear header of every shard that reached the socket, dropped ones included
            byte[] shard = cipher == null ? datagram : decrypt(datagram);
            if (shard != null && audit != null && shard.length >= VideoShardHeader.BYTES) {
                audit.see(VideoShardHeader.parse(shard));
            }
            if (lost || older) {
                countUnused(lost);
            } else if (shard == null) {
                rejected++;
            } else if (options.loss().withinFec() && dropWithinFec(shard)) {
                dropped++;
            } else {
                assembler.add(shard);
            }
        }
    }

    private void countUnused(boolean lost) {
        if (lost) {
            dropped++;
        } else {
            unneeded++;
        }
    }

    /**
     * Drops the shard when the loss model says so and its block can still afford it; the model is asked for every
     * shard, so bursts keep their timing. Counts what the block lost.
     */
    private boolean dropWithinFec(byte[] shard) {
        FrameAssembler.BlockTag tag = assembler.tag(shard);
        if (tag == null) {
            return false;
        }
        if (tag.block() != lossBlock) {
            lossBlock = tag.block();
            lossInBlock = 0;
        }
        if (loss.drop() && lossInBlock < tag.parityShards()) {
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
