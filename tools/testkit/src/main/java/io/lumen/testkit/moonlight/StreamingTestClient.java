package io.lumen.testkit.moonlight;

import io.lumen.api.fec.FecCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole Moonlight client after /launch, as moonlight-common-c runs one: the RTSP handshake, then the audio and
 * video receivers pinging their ports and the control stream connected. Like the real client it heals a frame lost
 * beyond repair by {@link HealingOptions}: it asks for an IDR at the next whole frame, or, with reference frame
 * invalidation in effect, sends 0x0301 at once and resumes at the next frame of type 2, 4 or 5; and it reports the
 * FEC blocks it repaired or lost. What it receives and counts ({@link #counters()}) is for the test to check.
 */
public final class StreamingTestClient implements AutoCloseable {

    /** How long the control thread waits for a heal request before it sends the FEC reports that piled up. */
    private static final Duration REQUEST_POLL = Duration.ofMillis(10);

    private final RtspTestClient.Handshake handshake;
    private final VideoReceiver video;
    private final AudioReceiver audio;
    private final ControlTestClient control;
    private final boolean referenceInvalidation;
    private final Thread lossWatcher;
    private final java.util.concurrent.BlockingQueue<ReceivedAudio> heard;

    private StreamingTestClient(RtspTestClient.Handshake handshake, VideoReceiver video, AudioReceiver audio,
                                java.util.concurrent.BlockingQueue<ReceivedAudio> heard, ControlTestClient control,
                                boolean referenceInvalidation) {
        this.handshake = handshake;
        this.video = video;
        this.audio = audio;
        this.heard = heard;
        this.control = control;
        this.referenceInvalidation = referenceInvalidation;
        this.lossWatcher = Thread.ofPlatform().name("streaming-client-loss").daemon().start(this::watchLoss);
    }

    /** Connects as {@link #connect(String, String, LaunchKeys, StreamOffer, FecCodec, FecCodec, VideoLossSetting,
     *  HealingOptions) connect} does, with a stock client's decoder, which waits for IDRs. */
    public static StreamingTestClient connect(String host, String sessionUrl, LaunchKeys keys, StreamOffer offer,
                                              FecCodec videoFec, FecCodec audioFec, VideoLossSetting loss)
            throws IOException {
        return connect(host, sessionUrl, keys, offer, videoFec, audioFec, loss, HealingOptions.stock());
    }

    /**
     * Connects to a launched stream. {@code sessionUrl} is the launch reply's {@code sessionUrl0}; {@code loss}
     * applies to the received video datagrams; {@code healing} says what the client's decoder can do and whether
     * it asks for intra refresh (added to {@code offer}).
     */
    public static StreamingTestClient connect(String host, String sessionUrl, LaunchKeys keys, StreamOffer offer,
                                              FecCodec videoFec, FecCodec audioFec, VideoLossSetting loss,
                                              HealingOptions healing)
            throws IOException {
        int rtspPort = Integer.parseInt(sessionUrl.substring(sessionUrl.lastIndexOf(':') + 1).replace("/", ""));
        boolean encryptedRtsp = sessionUrl.startsWith("rtspenc://");
        RtspTestClient rtsp = new RtspTestClient(host, rtspPort, encryptedRtsp ? keys : null);
        RtspTestClient.Handshake handshake = rtsp.handshake(sessionUrl, healing.announce(offer));
        boolean invalidation = healing.referenceInvalidation(handshake.describe());
        VideoReceiver.Options videoOptions = VideoReceiver.Options.of(handshake.announced().packetSize(),
                handshake.pingPayload(), videoFec).withLoss(loss).withHealing(invalidation, healing.intraRefresh());
        if ((handshake.encryption() & 2) != 0) {
            videoOptions = videoOptions.withKey(keys.rikey());
        }
        AudioReceiverOptions audioOptions = AudioReceiverOptions.of(
                handshake.pingPayload().getBytes(StandardCharsets.US_ASCII), offer.audioPacketDurationMs());
        if ((handshake.encryption() & 4) != 0) {
            audioOptions = audioOptions.withKey(keys.rikey(), keys.rikeyId());
        }
        VideoReceiver video = null;
        AudioReceiver audio = null;
        // a minute of 5 ms packets; older ones are dropped when a test never drains them
        java.util.concurrent.BlockingQueue<ReceivedAudio> heard = new java.util.concurrent.ArrayBlockingQueue<>(12_000);
        try {
            video = new VideoReceiver(new InetSocketAddress(host, handshake.videoPort()), videoOptions);
            audio = AudioReceiver.open(new InetSocketAddress(host, handshake.audioPort()), audioOptions, audioFec,
                    packet -> {
                        ReceivedAudio received = ReceivedAudio.now(packet);
                        while (!heard.offer(received)) {
                            heard.poll();
                        }
                    });
            ControlTestClient control = ControlTestClient.connect(new InetSocketAddress(host, handshake.controlPort()),
                    handshake.connectData(), (handshake.encryption() & 1) != 0 ? keys : null);
            return new StreamingTestClient(handshake, video, audio, heard, control, invalidation);
        } catch (IOException | RuntimeException e) {
            if (video != null) {
                video.close();
            }
            if (audio != null) {
                audio.close();
            }
            throw e;
        }
    }

    /**
     * How the client's video socket loses packets: {@code probability} of the datagrams dropped, independently when
     * {@code meanBurst} is 1 or less, else in Gilbert-Elliott bursts of that mean length
     * ({@link io.lumen.testkit.loss.LossModel#of}); seeded, so a run replays. {@code withinFec} never drops more
     * shards of a block than its parity can rebuild.
     */
    public record VideoLossSetting(double probability, long seed, boolean withinFec, double meanBurst) {

        public static VideoLossSetting none() {
            return new VideoLossSetting(0, 1, false, 0);
        }

        /** Random loss, but never more shards in a block than its parity can rebuild. */
        public static VideoLossSetting withinFec(double probability, long seed) {
            return new VideoLossSetting(probability, seed, true, 0);
        }

        /** Each datagram dropped with {@code probability}, whatever the FEC can do. */
        public static VideoLossSetting random(double probability, long seed) {
            return new VideoLossSetting(probability, seed, false, 0);
        }

        /** {@code rate} of the datagrams dropped in runs of {@code meanBurst} on average, whatever the FEC can do. */
        public static VideoLossSetting bursts(double rate, double meanBurst, long seed) {
            return new VideoLossSetting(rate, seed, false, meanBurst);
        }

        /** The same loss, but never more shards of a block than its parity can rebuild. */
        public VideoLossSetting keptWithinFec() {
            return new VideoLossSetting(probability, seed, true, meanBurst);
        }

        /** A fresh model of this loss: one per stream of datagrams, as it keeps state. */
        public io.lumen.testkit.loss.LossModel model() {
            return io.lumen.testkit.loss.LossModel.of(probability, meanBurst, seed);
        }
    }

    public RtspTestClient.Handshake handshake() {
        return handshake;
    }

    public VideoReceiver video() {
        return video;
    }

    public AudioReceiver audio() {
        return audio;
    }

    /** The audio packets handed out since the last call, in order, with their arrival times. */
    public List<ReceivedAudio> heard() {
        List<ReceivedAudio> drained = new java.util.ArrayList<>();
        heard.drainTo(drained);
        return drained;
    }

    public ControlTestClient control() {
        return control;
    }

    /** IDR requests this client sent because it lost frames. */
    public long idrRequestsForLoss() {
        return video.counters().idrRequests();
    }

    /** Whether reference frame invalidation is in effect: the decoder can and the host's DESCRIBE offered it. */
    public boolean referenceInvalidation() {
        return referenceInvalidation;
    }

    /** What the client saw and did about loss so far; see {@link VideoLossCounters}. */
    public VideoLossCounters counters() {
        return video.counters();
    }

    /** Every frame that arrives within {@code window}, in order. */
    public List<ReceivedFrame> frames(Duration window) throws InterruptedException {
        List<ReceivedFrame> frames = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        for (long left = window.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            ReceivedFrame frame = video.next(Duration.ofNanos(left));
            if (frame != null) {
                frames.add(frame);
            }
        }
        return frames;
    }

    /** The frames' bytes back to back: an Annex-B stream a decoder takes from the first IDR on. */
    public static byte[] annexB(List<ReceivedFrame> frames) {
        int start = 0;
        while (start < frames.size() && !frames.get(start).idr()) {
            start++;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (ReceivedFrame frame : frames.subList(start, frames.size())) {
            out.writeBytes(frame.data());
        }
        return out.toByteArray();
    }

    /**
     * The IDR frames a Moonlight client could not start from: moonlight-common-c looks for the IDR slice in the
     * frame's first packet (the packet's payload less the 8-byte frame header) and otherwise waits for another IDR.
     */
    public static List<Integer> idrFramesWithoutSliceInFirstPacket(List<ReceivedFrame> frames, int packetSize,
                                                                   boolean hevc) {
        int firstPacketBytes = packetSize - 16 - 8;
        return frames.stream().filter(ReceivedFrame::idr).filter(f -> {
            int offset = io.lumen.testkit.AnnexB.idrSliceOffset(f.data(), hevc);
            return offset < 0 || offset >= firstPacketBytes;
        }).map(ReceivedFrame::frameIndex).toList();
    }

    /** The client's control thread: heal requests go out as soon as they are made, FEC reports as they pile up. */
    private void watchLoss() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                for (HealRequest request : video.takeHealRequests(REQUEST_POLL)) {
                    switch (request) {
                        case HealRequest.Keyframe k -> control.requestIdr();
                        case HealRequest.InvalidateReferences range ->
                                control.invalidateReferences(range.firstFrame(), range.lastFrame());
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
            for (FrameAssembler.FecReport report : video.drainFecReports()) {
                control.reportFrameFecStatus(report);
            }
        }
    }

    @Override
    public void close() {
        lossWatcher.interrupt();
        control.close();
        try {
            video.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            audio.close();
        }
    }
}
