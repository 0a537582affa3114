package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.AccessUnitSink;
import io.lumen.protocol.moonlight.impl.fec.FecCodecSource;
import io.lumen.protocol.moonlight.impl.net.DatagramPort;
import io.lumen.protocol.moonlight.impl.net.UdpSockets;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Moonlight video stream of one session (UDP, base port + 9): owns the port, learns the client from its
 * ping, and sends each access unit as paced, FEC-protected and optionally encrypted shards. {@link #accept} runs
 * on the session's encode thread, one call at a time; it waits only for the socket and the pacing.
 *
 * <p>Nothing is sent before the first valid ping (those access units are counted, and use no frame index, so
 * the client's first frame is 1). Sunshine starts its encoder only after that ping, which makes its first frame
 * an IDR; here the encoder may already run, so the session should ask for a keyframe when {@link #client()}
 * completes. Each pacing batch leaves in one call of the port (one UDP GSO send where the kernel has it): clear
 * shards straight from the packetizer's arena when they lie back to back, sealed ones encrypted into one region.
 * Interrupting the encode thread stops the pacer's waits; {@link #close} is what ends the stream.
 */
public final class VideoSender implements AccessUnitSink, AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.moonlight.video");
    /** Sunshine's SO_SNDBUF for the video socket. */
    private static final int SEND_BUFFER_BYTES = 1 << 20;
    private static final int HOST_TIME_SAMPLES = 512;
    /** Frame indexes remembered for the client's invalidation requests: several seconds at 240 fps. */
    private static final int SENT_NUMBERS_KEPT = 2048;

    /** Told of every frame sent that a client waiting after a loss may resume at; on the encode thread. */
    @FunctionalInterface
    public interface HealingListener {
        void sent(int frameIndex, FrameKind kind);
    }

    private final VideoStreamParams params;
    private final DatagramPort port;
    private final InetSocketAddress localAddress;
    private final VideoFraming packetizer;
    private final VideoEncryptor encryptor;
    private final VideoPacer pacer;
    private final VideoPacer.Clock clock;
    private final ClientPingListener pings;
    private final HostTimes hostTimes = new HostTimes(HOST_TIME_SAMPLES);
    private final int datagramBytes;
    /** Sealed datagrams of one batch back to back. */
    private final MemorySegment sealedBatch;
    private final ByteBuffer sealedBatchBuffer;
    /** The batch on its way out: how many, where (clear: the first shard's address), of which parity. */
    private int staged;
    private long stagedAddress;
    private int stagedParity;
    private final long epochNanos;
    private volatile boolean closed;
    /** When the last packet of the last frame sent left, the pacer's clock; -1 before the first. */
    private volatile long lastSentNanos = -1;
    /** Set on the encode thread once the first frame the client gets, a keyframe, is sent. */
    private boolean startedWithKeyframe;

    private final LongAdder framesSent = new LongAdder();
    private final LongAdder framesWithoutFec = new LongAdder();
    private final LongAdder framesAwaitingClient = new LongAdder();
    private final LongAdder framesUnsendable = new LongAdder();
    private final LongAdder framesFailed = new LongAdder();
    private final LongAdder dataPackets = new LongAdder();
    private final LongAdder parityPackets = new LongAdder();
    private final LongAdder fecBlocks = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder fecSkips = new LongAdder();
    private final LongAdder framesWithoutCodec = new LongAdder();
    private final LongAdder videoBytes = new LongAdder();
    private final LongAdder[] sentByKind = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
    /** The session's frame number of each recent frame index: the control stream names frames by index. */
    private final SentFrameNumbers sentNumbers = new SentFrameNumbers(SENT_NUMBERS_KEPT);
    private volatile HealingListener healingListener = (frameIndex, kind) -> { };

    /**
     * Binds the video port ({@code bind} with port 0 picks a free one) and starts listening for the client's
     * ping. {@code fec} is the codec of the stream's scheme.
     */
    public VideoSender(InetSocketAddress bind, VideoStreamParams params, FecCodec fec) throws IOException {
        this(UdpSockets.bindPort(bind), params, FecCodecSource.of(fec));
    }

    /**
     * Streams on a port already bound (at SETUP, so its reply could name the port), which it then owns.
     * {@code fec} leases the codec of the stream's scheme for each frame: codecs are services that come and go,
     * and while none is registered a frame goes without parity rather than not at all.
     */
    public VideoSender(DatagramPort bound, VideoStreamParams params, FecCodecSource fec) throws IOException {
        this(bound, params, fec, VideoPacer.Clock.SYSTEM, new SecureRandom().nextLong());
    }

    /** As above on a DatagramChannel: one send per datagram. */
    public VideoSender(DatagramChannel bound, VideoStreamParams params, FecCodec fec) throws IOException {
        this(DatagramPort.of(bound), params, FecCodecSource.of(fec));
    }

    VideoSender(InetSocketAddress bind, VideoStreamParams params, FecCodec fec, VideoPacer.Clock clock,
                long firstIvCounter) throws IOException {
        this(UdpSockets.bindPort(bind), params, FecCodecSource.of(fec), clock, firstIvCounter);
    }

    VideoSender(DatagramPort port, VideoStreamParams params, FecCodecSource fec, VideoPacer.Clock clock,
                long firstIvCounter) throws IOException {
        this.port = port;
        this.params = params;
        this.datagramBytes = params.datagramBytes();
        this.clock = clock;
        this.epochNanos = clock.nanoTime();
        try {
            this.packetizer = params.scheme().framing(params, fec);
            this.pacer = new VideoPacer(params.pacingRate(), params.datagramBytes(), clock);
            this.encryptor = params.encrypted()
                    ? new VideoEncryptor(params.encryptionKey(), firstIvCounter, params.shardBytes()) : null;
            this.sealedBatch = encryptor == null ? MemorySegment.NULL : Arena.ofAuto().allocate(
                    (long) pacer.batchPackets() * datagramBytes, 64);
            this.sealedBatchBuffer = encryptor == null ? null
                    : sealedBatch.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            port.sendBuffer(SEND_BUFFER_BYTES);
            this.localAddress = port.localAddress();
        } catch (GeneralSecurityException e) {
            port.close();
            throw new IOException("AES-GCM is not available for video encryption", e);
        } catch (IOException | RuntimeException e) {
            port.close();
            throw e;
        }
        this.pings = new ClientPingListener(port, new PingMatcher(params.pingPayload(), params.sessionIdV1(),
                params.clientAddress()), "lumen-video-" + localAddress.getPort());
        pings.start();
        LOG.log(System.Logger.Level.INFO, "video stream on " + localAddress + " (" + port.sendPath() + "): "
                + params);
    }

    /**
     * Changes the FEC percentage of the next frames, from any thread: each shard carries it, so the client follows
     * without being told.
     */
    public void fecPercent(int percent) {
        packetizer.fecPercent(percent);
    }

    public int fecPercent() {
        return packetizer.fecPercent();
    }

    /** The loss the client's reports show, from any thread: the next frames' parity is sized for it. */
    public void linkLoss(LinkLoss loss) {
        packetizer.linkLoss(loss);
    }

    public LinkLoss linkLoss() {
        return packetizer.linkLoss();
    }

    /** Data shards sent so far: cheaper than {@link #streamStats()}, for a caller on every loss report. */
    public long dataPacketsSent() {
        return dataPackets.sum();
    }

    /** FEC blocks sent so far. */
    public long fecBlocksSent() {
        return fecBlocks.sum();
    }

    /** Who hears of the healing frames sent: set before the stream starts. */
    public void healingListener(HealingListener listener) {
        healingListener = listener;
    }

    /** The session's frame number of the frame sent with {@code frameIndex}, or -1 when it is not remembered. */
    public long sessionFrameNumber(int frameIndex) {
        return sentNumbers.numberOf(frameIndex);
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Completes with the client's address at its first valid ping; fails if the stream closes first. */
    public CompletableFuture<InetSocketAddress> client() {
        return pings.firstPing().copy();
    }

    @Override
    public void accept(AccessUnit unit) {
        long in = clock.nanoTime();
        if (closed) {
            framesFailed.increment();
            return;
        }
        InetSocketAddress client = pings.client();
        if (client == null || !startedWithKeyframe && !unit.keyframe()) {
            // The client can only start decoding at an IDR: frames before its ping, and the pictures already
            // encoded before the keyframe the ping asks for, would only be thrown away ("Waiting for IDR frame").
            framesAwaitingClient.increment();
            return;
        }
        startedWithKeyframe = true;
        if (unit.codec() != params.codec()) {
            packetizer.skipFrame();
            warnCounted(framesUnsendable, "access unit in " + unit.codec() + " on a " + params.codec()
                    + " stream: not sent");
            return;
        }
        // the codec's lease is held until the frame is sent: a departing FEC bundle waits for it
        try (VideoFraming.PacketizedFrame frame = packetizer.layOut(unit.data(), FrameKind.of(unit),
                rtpTimestamp(unit.captureNanos()), latencyTenthsMs(in, unit.captureNanos()))) {
            FrameLayout plan = frame.plan();
            if (!plan.sendable()) {
                warnCounted(framesUnsendable, "frame of " + unit.data().byteSize() + " bytes needs more packets than "
                        + params.scheme() + " can address: not sent");
                return;
            }
            try {
                // named before the first packet leaves: a client may report the frame lost while it is still going
                sentNumbers.put(frame.frameIndex(), unit.frameNumber());
                send(frame, client);
            } catch (ClosedChannelException e) {
                framesFailed.increment();
                return;
            } catch (IOException | GeneralSecurityException e) {
                warnCounted(framesFailed, "video frame " + frame.frameIndex() + " not fully sent: " + e);
                return;
            } catch (RuntimeException | LinkageError e) {
                // a FEC codec that fails is no fault of the encoder, which the caller would otherwise blame
                warnCounted(framesFailed, "video frame " + frame.frameIndex() + " not sent: its FEC failed: " + e);
                return;
            }
            lastSentNanos = clock.nanoTime();
            framesSent.increment();
            videoBytes.add(unit.data().byteSize());
            FrameKind kind = FrameKind.of(unit);
            sentByKind[kind.ordinal()].increment();
            if (kind.heals()) {
                healingListener.sent(frame.frameIndex(), kind);
            }
            if (plan.totalParityShards() == 0) {
                framesWithoutFec.increment();
            }
            if (frame.codec() == null && packetizer.fecPercent() > 0) {
                warnCounted(framesWithoutCodec, "no " + params.scheme() + " FEC codec is registered: frames go"
                        + " without parity until one is");
            } else if (plan.fecSkipped()) {
                warnCounted(fecSkips, "skipped FEC for an abnormally large frame (" + unit.data().byteSize()
                        + " bytes, " + plan.totalDataShards() + " packets)");
            }
        }
        hostTimes.record(clock.nanoTime() - in);
    }

    /** Frames leave on the calling thread: {@link #accept} returns after the last packet went (or was not sent). */
    @Override
    public long lastSentNanos() {
        return lastSentNanos;
    }

    private void send(VideoFraming.PacketizedFrame frame, InetSocketAddress client)
            throws IOException, GeneralSecurityException {
        FrameLayout plan = frame.plan();
        int batch = pacer.batchPackets();
        staged = 0;
        stagedParity = 0;
        pacer.startFrame();
        try {
            for (int block = 0; block < plan.blocks(); block++) {
                packetizer.protect(frame, block);
                int first = plan.firstShard(block);
                int dataShards = plan.dataShards(block);
                int total = plan.blockShards(block);
                for (int x = 0; x < total; x++) {
                    stage(first + x, x >= dataShards, frame.frameIndex(), client);
                    if (staged == batch) {
                        flush(client);
                    }
                }
                fecBlocks.increment();
            }
            flush(client);
        } finally {
            pacer.endFrame();
        }
    }

    /**
     * Adds a shard to the batch: a clear one stays where the packetizer put it, and the batch goes first if the
     * shard does not follow the batch's last in memory; a sealed one is encrypted into the batch region.
     */
    private void stage(int shard, boolean parity, int frameIndex, InetSocketAddress client)
            throws IOException, GeneralSecurityException {
        if (encryptor == null) {
            long address = packetizer.shardSegment(shard).address();
            if (staged > 0 && address != stagedAddress + (long) staged * datagramBytes) {
                flush(client);
            }
            if (staged == 0) {
                stagedAddress = address;
            }
        } else {
            encryptor.sealInto(packetizer.shard(shard), frameIndex, sealedBatchBuffer, staged * datagramBytes);
        }
        staged++;
        if (parity) {
            stagedParity++;
        }
    }

    /** Sends the staged batch once the pacer allows it, in one call of the port. */
    private void flush(InetSocketAddress client) throws IOException {
        if (staged == 0) {
            return;
        }
        int count = staged;
        int parity = stagedParity;
        staged = 0;
        stagedParity = 0;
        // clear shards are sent in place: the segment spans the packetizer's arena, which outlives the call
        MemorySegment region = encryptor != null ? sealedBatch
                : MemorySegment.ofAddress(stagedAddress).reinterpret((long) count * datagramBytes);
        pacer.awaitBatch();
        port.sendBatch(region, datagramBytes, count, client);
        pacer.sent(count);
        dataPackets.add(count - parity);
        parityPackets.add(parity);
        bytesSent.add((long) count * datagramBytes);
    }

    /** 90 kHz ticks since the stream opened, from the capture time (Sunshine's video_epoch). */
    private int rtpTimestamp(long captureNanos) {
        long sinceEpoch = Math.max(0, captureNanos - epochNanos);
        return (int) ((sinceEpoch * 9 + 50_000) / 100_000);
    }

    /** Capture to packetization in 0.1 ms, the short frame header's frame_processing_latency. */
    private static int latencyTenthsMs(long now, long captureNanos) {
        return (int) Math.clamp((now - captureNanos + 50_000) / 100_000, 0, 0xFFFF);
    }

    /** Counts, and logs the 1st, 2nd, 4th, 8th... time so a steady fault cannot flood the log. */
    private static void warnCounted(LongAdder counter, String message) {
        counter.increment();
        long count = counter.sum();
        if (Long.bitCount(count) == 1) {
            LOG.log(System.Logger.Level.WARNING, message + " (" + count + " so far)");
        }
    }

    public VideoStreamStats streamStats() {
        HostTimes.Summary times = hostTimes.summary();
        return new VideoStreamStats(framesSent.sum(), framesWithoutFec.sum(), framesAwaitingClient.sum(),
                framesUnsendable.sum(), framesFailed.sum(), dataPackets.sum(), parityPackets.sum(), fecBlocks.sum(),
                bytesSent.sum(), pings.pingsReceived(), pings.foreignDatagrams(), times.samples(), times.p50Nanos(),
                times.p99Nanos(), times.maxNanos(), videoBytes.sum(), sentByKind[FrameKind.IDR.ordinal()].sum(),
                sentByKind[FrameKind.INTRA_REFRESH.ordinal()].sum(),
                sentByKind[FrameKind.REFERENCES_INVALIDATED.ordinal()].sum());
    }

    /** Releases the port; a frame being sent stops at its next packet. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        port.close();
        pings.close();
        LOG.log(System.Logger.Level.INFO, "video stream on " + localAddress + " closed: " + streamStats());
    }
}
