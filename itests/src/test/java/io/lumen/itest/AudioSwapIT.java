package io.lumen.itest;

import io.lumen.api.backend.BackendRole;
import io.lumen.api.session.AudioStats;
import io.lumen.api.session.SessionManager;
import io.lumen.api.session.StreamSession;
import io.lumen.api.session.SwapEvent;
import io.lumen.testkit.Poll;
import io.lumen.testkit.audio.OpusDecoder;
import io.lumen.testkit.audio.ToneAnalysis;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.ReceivedAudio;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.StreamOffer;
import io.lumen.testkit.moonlight.StreamingTestClient;
import io.lumen.testkit.pipewire.AudioGraph;
import io.lumen.testkit.pipewire.PipeWireDaemon;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.OptionUtils.combine;

/**
 * A Moonlight client hears the desktop through lumen inside Felix: a tone an app plays into the default output
 * (lumen's virtual sink on a private PipeWire daemon) reaches it as Opus. Meanwhile the audio capture is swapped
 * to the synthetic source and back by the pin, and the Opus encoder bundle is updated in place: the stream goes on,
 * each swap's gap is bounded and shown, and the old encoder revision is collected.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AudioSwapIT {

    private static final String OPUS = "io.lumen.encode.opus";
    /** Set by the container's configuration when no daemon could run here: why this test is skipped. */
    private static final String SKIPPED = "lumen.itest.audio.skipped";
    private static final int PLAYED_HZ = 660;
    private static final int SYNTHETIC_HZ = 440;
    private static final Duration GAP_BOUND = Duration.ofSeconds(1);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private SessionManager sessions;

    /** Points capture-pipewire at a private daemon with WirePlumber, which makes lumen's sink the default. */
    @org.ops4j.pax.exam.Configuration
    public Option[] config() throws IOException {
        Option[] container = LumenContainer.options(List.of("lumen-encode-libav", "lumen-encode-x264"));
        PipeWireDaemon daemon = ContainerServers.pipeWire(SKIPPED).orElse(null);
        if (daemon == null) {
            return container;
        }
        return combine(container, frameworkProperty("lumen.pipewire.remote").value(daemon.socket().toString()));
    }

    @Test
    public void aClientHearsTheDesktopThroughCaptureAndEncoderSwaps() throws Exception {
        Path dir = prepare("audio-");
        MoonlightHostFixture host = MoonlightHostFixture.onFreePorts(context, configurationAdmin, Map.of());
        try (AudioGraph graph = new AudioGraph(Path.of(context.getProperty("lumen.pipewire.remote")))) {
            MoonlightTestClient client = host.pairedClient("pax-audio");
            try (StreamingTestClient stream = streamDesktop(host, client, 2, false)) {
                await("a session", () -> MoonlightHostFixture.session(sessions, "pax-audio") != null);
                StreamSession session = MoonlightHostFixture.session(sessions, "pax-audio");
                await("the session captures lumen's sink", () -> "pipewire-audio".equals(audio(session).captureBackend()));
                await("lumen's sink is the default output", () -> "lumen".equals(defaultSink(graph)));
                graph.play(dir, "FL,FR", new int[] {PLAYED_HZ, PLAYED_HZ}, 120);
                assertEquals("the desktop's tone", PLAYED_HZ, heardFrequency(stream), 10);

                pinAudioCapture("synthetic-audio");
                await("the synthetic source takes over", () -> "synthetic-audio".equals(audio(session).captureBackend()));
                assertEquals("the synthetic beep", SYNTHETIC_HZ, heardFrequency(stream), 10);
                assertEquals("lumen's sink is gone with its capture", List.of(), graph.nodeIds("lumen"));

                pinAudioCapture("");
                await("back on lumen's sink", () -> "pipewire-audio".equals(audio(session).captureBackend()));
                await("lumen's sink is the default output again", () -> "lumen".equals(defaultSink(graph)));
                graph.play(dir, "FL,FR", new int[] {PLAYED_HZ, PLAYED_HZ}, 120); // the app plays on
                assertEquals("the desktop's tone again", PLAYED_HZ, heardFrequency(stream), 10);

                Bundle opus = BundleOps.bundle(context, OPUS);
                WeakReference<ClassLoader> oldRevision = BundleOps.classLoader(opus);
                opus.update();
                BundleOps.refresh(context, opus);
                await("the updated encoder encodes", () -> audioSwaps(session, BackendRole.AUDIO_ENCODER).size() >= 2
                        && audioSwaps(session, BackendRole.AUDIO_ENCODER).stream()
                        .allMatch(s -> s.stall().isPresent()) && "opus".equals(audio(session).encoderBackend()));
                assertEquals("the tone through the updated encoder", PLAYED_HZ, heardFrequency(stream), 10);

                assertFalse("the control stream stayed up", stream.control().disconnected().isDone());
                assertEquals("no audio packet lost: " + stream.audio().stats(), 0, stream.audio().stats().lost());
                assertEquals("sequence numbers and timestamps ran on", 0, stream.audio().stats().discontinuities());
                List<SwapEvent> swaps = new ArrayList<>(audioSwaps(session, BackendRole.AUDIO_CAPTURE));
                assertEquals("to the synthetic source and back: " + swaps, 2, swaps.size());
                swaps.addAll(audioSwaps(session, BackendRole.AUDIO_ENCODER));
                for (SwapEvent swap : swaps) {
                    assertTrue("the gap is measured and bounded: " + swap, swap.stall().isPresent()
                            && swap.stall().get().compareTo(GAP_BOUND) < 0);
                }
                Collectable.assertCollected("the class loader of " + OPUS + "'s old revision", oldRevision);
                System.out.println("audio through swaps: " + swaps.stream().map(s -> s.role().label() + " " + s.from()
                        + " -> " + s.to() + " gap " + s.stall().map(Duration::toMillis).orElse(-1L) + " ms").toList()
                        + "; " + audio(session));
            }
            assertEquals(200, client.cancel().status());
            await("the lumen sink goes with the stream", () -> nodes(graph).isEmpty() && !"lumen".equals(defaultSink(graph)));
        } finally {
            pinAudioCapture("");
            host.delete();
        }
    }

    @Test
    public void surroundArrivesOnItsChannelsAndLocalAudioLeavesTheHostsOutputAlone() throws Exception {
        Path dir = prepare("surround-");
        MoonlightHostFixture host = MoonlightHostFixture.onFreePorts(context, configurationAdmin, Map.of());
        try (AudioGraph graph = new AudioGraph(Path.of(context.getProperty("lumen.pipewire.remote")))) {
            MoonlightTestClient client = host.pairedClient("pax-surround");
            int[] tones = {400, 700, 1000, 1300, 1600, 1900, 2200, 2500};
            for (int channels : new int[] {6, 8}) {
                int[] hz = java.util.Arrays.copyOf(tones, channels);
                try (StreamingTestClient stream = streamDesktop(host, client, channels, false)) {
                    await("a session", () -> MoonlightHostFixture.session(sessions, "pax-surround") != null);
                    StreamSession session = MoonlightHostFixture.session(sessions, "pax-surround");
                    await("lumen's sink is the default output", () -> "lumen".equals(defaultSink(graph)));
                    assertEquals("lumen's sink has the client's layout", channels,
                            graph.inputChannels(graph.nodeIds("lumen").getFirst()).size());
                    graph.stopPlaying();
                    graph.play(dir, channels == 6 ? "FL,FR,FC,LFE,RL,RR" : "FL,FR,FC,LFE,RL,RR,SL,SR", hz, 60);
                    int coupled = channels == 6 ? 2 : 3; // Moonlight's normal-quality 5.1 and 7.1
                    short[] pcm = heardPcm(stream, channels, channels - coupled, coupled);
                    // Opus codes channel pairs (FL/FR, FC/LFE, BL/BR) in one coupled stream each: at Moonlight's
                    // bitrates a pair's other tone came through at -31 to -19 dB in our runs; the own tone must lead
                    // every other by 14 dB (5x the amplitude)
                    StringBuilder matrix = new StringBuilder();
                    for (int channel = 0; channel < channels; channel++) {
                        double own = ToneAnalysis.medianAmplitude(pcm, channels, channel, 5, hz[channel]);
                        for (int other = 0; other < channels; other++) {
                            double leaked = ToneAnalysis.medianAmplitude(pcm, channels, channel, 5, hz[other]);
                            matrix.append(String.format(java.util.Locale.ROOT, " %.3f", leaked));
                            assertTrue(channels + " channels: channel " + channel + " carries its own " + hz[channel]
                                    + " Hz (" + own + "), not channel " + other + "'s (" + leaked + ")",
                                    other == channel || own > 5 * leaked);
                        }
                        matrix.append(" |");
                    }
                    System.out.println(channels + "-channel tone amplitudes, a row per channel heard:" + matrix);
                    System.out.println(channels + "-channel audio: " + audio(session));
                }
                assertEquals(200, client.cancel().status());
                await("the lumen sink goes with the stream", () -> nodes(graph).isEmpty());
            }

            graph.stopPlaying();
            graph.createNullSink("speakers", "FL FR");
            await("speakers are the host's output", () -> "speakers".equals(defaultSink(graph)));
            try (StreamingTestClient stream = streamDesktop(host, client, 2, true)) {
                await("a session", () -> MoonlightHostFixture.session(sessions, "pax-surround") != null);
                StreamSession session = MoonlightHostFixture.session(sessions, "pax-surround");
                await("the session captures the host's output", () -> "pipewire-audio".equals(
                        audio(session).captureBackend()));
                graph.play(dir, "FL,FR", new int[] {PLAYED_HZ, PLAYED_HZ}, 60);
                assertEquals("what the host plays", PLAYED_HZ, heardFrequency(stream), 10);
                assertEquals("no lumen sink with local audio", List.of(), graph.nodeIds("lumen"));
                assertEquals("the host's output stays the default", "speakers", defaultSink(graph));
            }
            assertEquals(200, client.cancel().status());
        } finally {
            host.delete();
        }
    }

    /** Skips where no daemon or no libopus is here; else a fresh folder for this test's files. */
    private static Path prepare(String prefix) throws IOException {
        Assume.assumeTrue(System.getProperty(SKIPPED), System.getProperty(SKIPPED) == null);
        Assume.assumeTrue("libopus: " + OpusDecoder.unavailableReason().orElse(""), OpusDecoder.available());
        Path work = Files.createDirectories(Path.of(System.getProperty("lumen.itest.work", "target/itest-work")));
        return Files.createTempDirectory(work, prefix);
    }

    /** Launches "Desktop" with the client's audio settings and connects its streams. */
    private static StreamingTestClient streamDesktop(MoonlightHostFixture host, MoonlightTestClient client,
                                                     int channels, boolean hostPlaysToo) throws Exception {
        LaunchKeys keys = LaunchKeys.random();
        Reply launch = client.launch(MoonlightHostFixture.appId(client, "Desktop"), "320x240x30", keys, channels,
                hostPlaysToo);
        assertEquals(launch.toString(), 200, launch.status());
        return StreamingTestClient.connect("127.0.0.1", launch.field("sessionUrl0"), keys,
                StreamOffer.h264(320, 240, 30, 7).withAudio(channels, 5), host.fec("rs8-moonlight"),
                host.fec("rs8-moonlight-audio"), StreamingTestClient.VideoLossSetting.none());
    }

    /** The frequency the client hears in its next 300 packets (1.5 s), from the packets decoded in order. */
    private static double heardFrequency(StreamingTestClient stream) throws InterruptedException {
        return ToneAnalysis.dominantFrequency(ToneAnalysis.channel(heardPcm(stream, 2, 1, 1), 2, 0, 0));
    }

    /**
     * What the client hears in its next 300 packets (1.5 s) of {@code channels} channels coded in {@code streams}
     * streams of which {@code coupled} coupled, with the identity mapping the host's encoder uses (the client gets
     * it from DESCRIBE), decoded in order.
     */
    private static short[] heardPcm(StreamingTestClient stream, int channels, int streams, int coupled)
            throws InterruptedException {
        stream.heard(); // what came before the change asked for
        List<ReceivedAudio> heard = new ArrayList<>();
        await("300 packets heard", () -> heard.addAll(stream.heard()) && heard.size() >= 300);
        byte[] identity = new byte[channels];
        for (int i = 0; i < channels; i++) {
            identity[i] = (byte) i;
        }
        try (OpusDecoder decoder = new OpusDecoder(channels, streams, coupled, identity)) {
            List<short[]> decoded = new ArrayList<>();
            for (ReceivedAudio audio : heard.subList(20, heard.size())) { // past a swap's gap, if one is in it
                decoded.add(decoder.decode(audio.packet().opus()));
            }
            short[] all = new short[decoded.stream().mapToInt(d -> d.length).sum()];
            int at = 0;
            for (short[] d : decoded) {
                System.arraycopy(d, 0, all, at, d.length);
                at += d.length;
            }
            return all;
        }
    }

    private void pinAudioCapture(String id) throws IOException {
        SessionPins.pin(configurationAdmin, BackendRole.AUDIO_CAPTURE, id);
    }


    private static AudioStats audio(StreamSession session) {
        return session.stats().audio();
    }

    private static List<SwapEvent> audioSwaps(StreamSession session, BackendRole role) {
        return session.stats().swaps().stream().filter(s -> s.role() == role).toList();
    }

    private static String defaultSink(AudioGraph graph) {
        try {
            return graph.defaultNamed("default.audio.sink").orElse("");
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static List<Integer> nodes(AudioGraph graph) {
        try {
            return graph.nodeIds("lumen");
        } catch (IOException e) {
            return List.of(-1);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Poll.every(Duration.ofMillis(10)).awaits(what, Duration.ofSeconds(30), condition);
    }
}
