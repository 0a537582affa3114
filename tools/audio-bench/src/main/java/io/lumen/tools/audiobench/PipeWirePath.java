package io.lumen.tools.audiobench;

import io.lumen.api.audio.AudioRequest;
import io.lumen.api.backend.Probe;
import io.lumen.api.media.VideoMode;
import io.lumen.api.session.AudioStats;
import io.lumen.api.session.StreamRequest;
import io.lumen.capture.pipewire.impl.audio.PipeWireAudioBackend;
import io.lumen.capture.synthetic.impl.SyntheticCaptureBackend;
import io.lumen.encode.java.impl.JavaH264EncoderBackend;
import io.lumen.encode.opus.impl.OpusEncoderBackend;
import io.lumen.fec.leopard.impl.Rs8AudioService;
import io.lumen.protocol.moonlight.impl.audio.AudioStream;
import io.lumen.protocol.moonlight.impl.audio.AudioStreamParams;
import io.lumen.session.impl.backend.Backends;
import io.lumen.session.impl.backend.Registration;
import io.lumen.session.impl.pipeline.PipelineSettings;
import io.lumen.session.impl.pipeline.SessionPipeline;
import io.lumen.testkit.pipewire.AudioGraph;
import io.lumen.testkit.pipewire.PipeWireDaemon;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A session's audio from a real private PipeWire daemon (WirePlumber making lumen's 7.1 sink the default, pw-play
 * playing a tone per channel into it) through libopus to the audio stream on loopback: the capture-to-send
 * latency the pipeline measures (a period's first sample, stamped at its buffer's arrival less its duration, to its
 * packet's datagram sent), without and with the hold that keeps audio with its pictures, and the CPU of the
 * PipeWire thread and of the session's audio thread per second of audio.
 */
final class PipeWirePath {

    private PipeWirePath() {
    }

    static void run(int seconds) throws Exception {
        System.out.printf(Locale.ROOT, "%nCapture to send from PipeWire, 7.1 in 5 ms packets, %d s a run:%n", seconds);
        String skip = PipeWireDaemon.skipReason(true).orElse(null);
        if (skip != null) {
            System.out.println("  skipped: " + skip);
            return;
        }
        Path dir = Files.createTempDirectory("audio-bench-");
        try (PipeWireDaemon daemon = PipeWireDaemon.start(true); AudioGraph graph = new AudioGraph(daemon)) {
            graph.play(dir, "FL,FR,FC,LFE,RL,RR,SL,SR", new int[] {400, 700, 1000, 1300, 1600, 1900, 2200, 2500},
                    3 * seconds + 30);
            measure(daemon, new PipelineSettings(0), seconds, "audio sent as soon as encoded");
            measure(daemon, PipelineSettings.DEFAULTS, seconds, "audio held to leave with its pictures (default)");
        }
    }

    private static void measure(PipeWireDaemon daemon, PipelineSettings settings, int seconds, String what)
            throws Exception {
        Backends backends = new Backends();
        PipeWireAudioBackend pipewire = new PipeWireAudioBackend();
        pipewire.configure(daemon.socket().toString());
        OpusEncoderBackend opus = new OpusEncoderBackend();
        backends.captures().put(new Registration<>(new SyntheticCaptureBackend(), "synthetic", 0, 1, "bench",
                Probe::ok, List::of));
        backends.encoders().put(new Registration<>(new JavaH264EncoderBackend(), "java-h264", 0, 2, "bench",
                Probe::ok, List::of));
        backends.audioCaptures().put(new Registration<>(pipewire, "pipewire-audio", 50, 3, "bench", pipewire::probe,
                List::of));
        backends.audioEncoders().put(new Registration<>(opus, "opus", 10, 4, "bench", opus::probe, List::of));
        AudioStreamParams params = AudioBench.streamParams();
        StreamRequest request = StreamRequest.of("bench", new VideoMode(640, 360, 60), 4000)
                .withAudio(new AudioRequest(params.encoderConfig(), false, Map.of()));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (AudioStream stream = AudioStream.open(params, new InetSocketAddress("127.0.0.1", 0), new Rs8AudioService());
             PingingReceiver client = new PingingReceiver(stream.localAddress(), AudioBench.PING)) {
            SessionPipeline session = new SessionPipeline("b", request, unit -> { }, stream, null, backends, settings,
                    System.getLogger("bench"), p -> { });
            session.start();
            try {
                await(() -> session.stats().audio().packets() - session.stats().audio().silencePackets() > 2_000);
                long audioThread = threadId("lumen-session-b-audio");
                long pipewireTask = PipeWireTask.find("lumen-pipewire");
                long audioCpu0 = threads.getThreadCpuTime(audioThread);
                long pipewireCpu0 = PipeWireTask.cpuNanos(pipewireTask);
                long packets0 = session.stats().audio().packets();
                long wall0 = System.nanoTime();
                long end = wall0 + Duration.ofSeconds(seconds).toNanos();
                while (System.nanoTime() < end) {
                    Thread.sleep(100);
                }
                double audioSeconds = (System.nanoTime() - wall0) / 1e9;
                double audioCpu = (threads.getThreadCpuTime(audioThread) - audioCpu0) / 1e6 / audioSeconds;
                double pipewireCpu = (PipeWireTask.cpuNanos(pipewireTask) - pipewireCpu0) / 1e6 / audioSeconds;
                AudioStats stats = session.stats().audio();
                System.out.printf(Locale.ROOT, "  %s: capture to send p50 %.2f ms, p99 %.2f ms (the packet lasts %d ms;"
                                + " goal p99 <= %d ms); held %.1f ms; %d packets, %d of silence, %s dropped%n", what,
                        stats.latencyP50Nanos() / 1e6, stats.latencyP99Nanos() / 1e6, AudioBench.PACKET_MILLIS,
                        AudioBench.PACKET_MILLIS + 10, stats.syncNanos() / 1e6, stats.packets() - packets0,
                        stats.silencePackets(), stats.dropped());
                System.out.printf(Locale.ROOT, "    CPU per second of audio: PipeWire thread (capture) %.2f ms, audio"
                        + " thread (Opus, FEC, AES, send) %.2f ms, together %.2f ms; capture periods %s%n",
                        pipewireCpu, audioCpu, pipewireCpu + audioCpu, stats.captureStats().get("frames per period"));
            } finally {
                session.stop();
            }
        }
    }

    private static long threadId(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no thread " + name)).threadId();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the session never streamed captured sound");
            }
            Thread.sleep(20);
        }
    }
}
