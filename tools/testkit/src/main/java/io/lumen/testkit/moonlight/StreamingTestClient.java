package io.lumen.testkit.moonlight;

import io.lumen.api.fec.FecCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A whole Moonlight client after /launch, as moonlight-common-c runs one: the RTSP handshake, then the audio and
 * video receivers pinging their ports and the control stream connected; like the real client it asks for an IDR
 * frame whenever a frame is lost beyond repair. What it receives is for the test to check.
 */
public final class StreamingTestClient implements AutoCloseable {

    private final RtspTestClient.Handshake handshake;
    private final VideoReceiver video;
    private final AudioReceiver audio;
    private final ControlTestClient control;
    private final Thread lossWatcher;
    private final AtomicLong idrRequests = new AtomicLong();
    private final java.util.concurrent.BlockingQueue<ReceivedAudio> heard;

    private StreamingTestClient(RtspTestClient.Handshake handshake, VideoReceiver video, AudioReceiver audio,
                                java.util.concurrent.BlockingQueue<ReceivedAudio> heard, ControlTestClient control) {
        this.handshake = handshake;
        this.video = video;
        this.audio = audio;
        this.heard = heard;
        this.control = control;
        this.lossWatcher = Thread.ofPlatform().name("streaming-client-loss").daemon().start(this::watchLoss);
    }

    /**
     * Connects to a launched stream. {@code sessionUrl} is the launch reply's {@code sessionUrl0}; the loss options
     * of {@code video} apply as given, its packet size, ping payload and key are filled in from the handshake.
     */
    public static StreamingTestClient connect(String host, String sessionUrl, LaunchKeys keys, StreamOffer offer,
                                              FecCodec videoFec, FecCodec audioFec, VideoLossSetting loss)
            throws IOException {
        int rtspPort = Integer.parseInt(sessionUrl.substring(sessionUrl.lastIndexOf(':') + 1).replace("/", ""));
        boolean encryptedRtsp = sessionUrl.startsWith("rtspenc://");
        RtspTestClient rtsp = new RtspTestClient(host, rtspPort, encryptedRtsp ? keys : null);
        RtspTestClient.Handshake handshake = rtsp.handshake(sessionUrl, offer);
        VideoReceiver.Options videoOptions = VideoReceiver.Options.of(handshake.announced().packetSize(),
                handshake.pingPayload(), videoFec);
        if ((handshake.encryption() & 2) != 0) {
            videoOptions = videoOptions.withKey(keys.rikey());
        }
        videoOptions = loss.apply(videoOptions);
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
            return new StreamingTestClient(handshake, video, audio, heard, control);
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

    /** How the client's video socket loses packets. */
    public record VideoLossSetting(double probability, long seed, boolean withinFec) {

        public static VideoLossSetting none() {
            return new VideoLossSetting(0, 1, false);
        }

        /** Random loss, but never more shards in a block than its parity can rebuild. */
        public static VideoLossSetting withinFec(double probability, long seed) {
            return new VideoLossSetting(probability, seed, true);
        }

        /** Each datagram dropped with {@code probability}, whatever the FEC can do. */
        public static VideoLossSetting random(double probability, long seed) {
            return new VideoLossSetting(probability, seed, false);
        }

        VideoReceiver.Options apply(VideoReceiver.Options options) {
            if (probability <= 0) {
                return options;
            }
            return withinFec ? options.withLossWithinFec(probability, seed) : options.withLoss(probability, seed);
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
        return idrRequests.get();
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

    private void watchLoss() {
        long seenLost = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long lost = video.stats().framesLost();
            if (lost > seenLost) {
                seenLost = lost;
                control.requestIdr();
                idrRequests.incrementAndGet();
            }
            for (FrameAssembler.FecReport report : video.drainFecReports()) {
                control.reportFrameFecStatus(report.frameIndex(), report.totalData(), report.totalParity(),
                        report.receivedData(), report.receivedParity(), report.fecPercent());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
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
