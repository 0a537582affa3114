package io.lumen.protocol.moonlight.impl;

import io.lumen.api.audio.AudioFormat;
import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.capture.synthetic.pattern.StampCodec;
import io.lumen.capture.synthetic.tone.BeepSignal;
import io.lumen.fec.leopard.impl.Rs8AudioService;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.protocol.moonlight.impl.audio.AudioLayouts;
import io.lumen.testkit.FfmpegDecoder;
import io.lumen.testkit.StampTrack;
import io.lumen.testkit.audio.OpusDecoder;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.ReceivedAudio;
import io.lumen.testkit.moonlight.ReceivedFrame;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.StreamOffer;
import io.lumen.testkit.moonlight.StreamingTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Audio and video stay together as the client receives them. The synthetic sources share the capture clock: the
 * tone starts at every whole second of it, and every picture carries its capture time. For each beep the client
 * heard, the time from the beep's start to the packet that carries it is compared with the time from capture to
 * arrival of the picture on screen at that second.
 */
class AudioVideoSyncTest {

    private static final Duration RUN = Duration.ofSeconds(60);
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final double LIMIT_MILLIS = 20;
    /** The share of beeps that may be further apart: one-off stalls of a shared machine, not an offset. */
    private static final double SPIKES_ALLOWED = 0.1;

    @TempDir
    Path dir;
    private RunningHost host;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(OpusDecoder.available(), "libopus: " + OpusDecoder.unavailableReason().orElse(""));
        host = new RunningHost(dir);
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void audioAndVideoArriveWithinTwentyMillisecondsOfEachOtherOverAMinute() throws Exception {
        MoonlightTestClient client = host.paired("sync");
        LaunchKeys keys = LaunchKeys.random();
        int desktop = client.apps().stream().filter(a -> a.endsWith("=Desktop")).map(a -> a.split("=")[0])
                .mapToInt(Integer::parseInt).findFirst().orElseThrow();
        Reply launch = client.launch(desktop, "640x360x30", keys);
        assertEquals(200, launch.status(), launch.toString());
        List<ReceivedFrame> frames = new ArrayList<>();
        List<ReceivedAudio> heard = new ArrayList<>();
        try (StreamingTestClient stream = StreamingTestClient.connect("127.0.0.1", launch.field("sessionUrl0"), keys,
                StreamOffer.h264(640, 360, 30, 7), new Rs8MoonlightService(), new Rs8AudioService(),
                StreamingTestClient.VideoLossSetting.none())) {
            // the first seconds, while the encoder's code is compiled, pictures leave late and audio cannot know
            // by how much; then a keyframe, so every picture kept decodes, and a second for the slow keyframe to
            // pass: the minute measured starts after them
            stream.frames(WARM_UP);
            stream.control().requestIdr();
            frames.addAll(stream.frames(Duration.ofSeconds(1)));
            stream.heard();
            long end = System.nanoTime() + RUN.toNanos();
            while (System.nanoTime() < end) {
                frames.addAll(stream.frames(Duration.ofSeconds(2)));
                heard.addAll(stream.heard());
            }
        }
        List<Double> offsets = offsets(frames, heard);
        System.out.printf(Locale.ROOT, "A/V offset over %d s (audio latency minus video latency): %d beeps, min %.1f ms,"
                        + " median %.1f ms, max %.1f ms%n", RUN.toSeconds(), offsets.size(),
                offsets.stream().mapToDouble(d -> d).min().orElse(0), median(offsets),
                offsets.stream().mapToDouble(d -> d).max().orElse(0));
        assertTrue(offsets.size() >= RUN.toSeconds() - 5, "a beep measured nearly every second: " + offsets.size());
        // a sync error is an offset that stays; a beep or picture held up once by the scheduler (host and client
        // share two cores here, and the client's receive thread can stall for a GC) is a spike, allowed to a few
        assertTrue(Math.abs(median(offsets)) <= LIMIT_MILLIS, "audio and video " + median(offsets)
                + " ms apart in the median: " + offsets);
        long within = offsets.stream().filter(offset -> Math.abs(offset) <= LIMIT_MILLIS).count();
        assertTrue(within >= offsets.size() * (1 - SPIKES_ALLOWED), within + " of " + offsets.size()
                + " beeps within " + LIMIT_MILLIS + " ms of their picture: " + offsets);
    }

    /** For each beep heard, audio latency minus the latency of the picture captured closest to its start, in ms. */
    private List<Double> offsets(List<ReceivedFrame> frames, List<ReceivedAudio> heard) throws Exception {
        int firstIdr = 0;
        while (firstIdr < frames.size() && !frames.get(firstIdr).idr()) {
            firstIdr++;
        }
        frames = frames.subList(firstIdr, frames.size()); // a decoder starts at a keyframe
        Path file = dir.resolve("sync.h264");
        Files.write(file, StreamingTestClient.annexB(frames));
        List<FrameStamp> stamps = StampTrack.of(FfmpegDecoder.decode(file, "h264")).assertInOrder()
                .readable();
        assertEquals(frames.size(), stamps.size(), "every picture received decodes");

        List<Double> offsets = new ArrayList<>();
        int samplesPerPacket = AudioFormat.samplesIn(5);
        try (OpusDecoder decoder = new OpusDecoder(AudioLayouts.STEREO.encoderConfig(5))) {
            boolean quiet = false;
            int quietWindows = 0;
            for (ReceivedAudio audio : heard) {
                assertTrue(!audio.packet().lost(), "no audio lost on loopback");
                short[] pcm = decoder.decode(audio.packet().opus());
                for (int window = 0; window < samplesPerPacket / 48; window++) {
                    boolean loud = rms(pcm, window * 48, 48) > 1000;
                    if (!loud) {
                        quietWindows++;
                        quiet = quietWindows > 100;
                        continue;
                    }
                    quietWindows = 0;
                    if (!quiet) {
                        continue;
                    }
                    quiet = false;
                    // the beep started at the whole second of the capture clock before this packet arrived
                    long onsetNanos = audio.arrivalNanos() - Math.floorMod(audio.arrivalNanos(), BeepSignal.SECOND_NANOS);
                    double audioLatencyMillis = (audio.arrivalNanos() - onsetNanos) / 1e6;
                    long onsetMicros = audio.arrivalMicros() - (audio.arrivalNanos() - onsetNanos) / 1000;
                    double videoLatencyMillis = videoLatencyAt(frames, stamps, onsetMicros);
                    offsets.add(audioLatencyMillis - videoLatencyMillis);
                }
            }
        }
        return offsets;
    }

    /**
     * The capture-to-arrival time of the picture on screen when the beep started: the last one captured at or
     * before it. The client shows that picture while the beep's start plays if both took as long to arrive.
     */
    private static double videoLatencyAt(List<ReceivedFrame> frames, List<FrameStamp> stamps, long wallMicros) {
        int onScreen = -1;
        for (int i = 0; i < stamps.size(); i++) {
            long sinceCapture = signedMicros(stamps.get(i), wallMicros);
            if (sinceCapture >= 0 && (onScreen < 0 || sinceCapture < signedMicros(stamps.get(onScreen), wallMicros))) {
                onScreen = i;
            }
        }
        assertTrue(onScreen >= 0, "a picture was captured before the beep at " + wallMicros);
        return stamps.get(onScreen).microsUntil(frames.get(onScreen).completedMicros()) / 1e3;
    }

    /** Microseconds from the stamp's capture to {@code wallMicros}, negative when the picture was taken after it. */
    private static long signedMicros(FrameStamp stamp, long wallMicros) {
        long range = 1L << StampCodec.TIME_BITS;
        long forward = stamp.microsUntil(wallMicros);
        return forward >= range / 2 ? forward - range : forward;
    }

    private static double rms(short[] interleaved, int frame, int frames) {
        double sum = 0;
        for (int i = frame; i < frame + frames; i++) {
            double left = interleaved[2 * i];
            sum += left * left;
        }
        return Math.sqrt(sum / frames);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }
}
