package io.lumen.tools.controlflood;

import io.lumen.api.backend.Probe;
import io.lumen.api.fec.FecCodec;
import io.lumen.api.fec.FecSchemes;
import io.lumen.capture.synthetic.impl.SyntheticCaptureBackend;
import io.lumen.capture.synthetic.impl.audio.SyntheticAudioBackend;
import io.lumen.encode.java.impl.JavaH264EncoderBackend;
import io.lumen.encode.opus.impl.OpusEncoderBackend;
import io.lumen.fec.leopard.impl.Rs8AudioService;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.protocol.moonlight.impl.AdvertisedPorts;
import io.lumen.protocol.moonlight.impl.CodecModes;
import io.lumen.protocol.moonlight.impl.HostPorts;
import io.lumen.protocol.moonlight.impl.HostSettings;
import io.lumen.protocol.moonlight.impl.MoonlightHost;
import io.lumen.protocol.moonlight.impl.fec.FecCodecs;
import io.lumen.protocol.moonlight.impl.net.TcpListener;
import io.lumen.protocol.moonlight.impl.stream.EncryptionPolicy;
import io.lumen.protocol.moonlight.impl.stream.StreamServices;
import io.lumen.session.impl.backend.Backends;
import io.lumen.session.impl.backend.Registration;
import io.lumen.session.impl.pipeline.PipelineSettings;
import io.lumen.session.impl.pipeline.SessionPipeline;
import io.lumen.testkit.input.RecordingInput;
import io.lumen.testkit.moonlight.ClientIdentity;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.StreamOffer;
import io.lumen.testkit.moonlight.StreamingTestClient;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Moonlight host as the OSGi runtime wires it, built by hand on loopback from its real parts: the session
 * pipeline with the synthetic source, the pure-Java H.264 encoder, the synthetic tone with libopus, and an input
 * backend that records what reaches it.
 */
final class InProcessHost implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.control-flood");

    final MoonlightHost host;

    InProcessHost(Path dir, RecordingInput input) throws Exception {
        Backends backends = new Backends();
        backends.captures().put(new Registration<>(new SyntheticCaptureBackend(), "synthetic", 0, 1, "tool", Probe::ok, List::of));
        backends.encoders().put(new Registration<>(new JavaH264EncoderBackend(), "java-h264", 0, 2, "tool", Probe::ok, List::of));
        backends.audioCaptures().put(new Registration<>(new SyntheticAudioBackend(), "synthetic-audio", 0, 3, "tool",
                Probe::ok, List::of));
        OpusEncoderBackend opus = new OpusEncoderBackend();
        backends.audioEncoders().put(new Registration<>(opus, "opus", 0, 4, "tool", opus::probe, List::of));
        backends.inputs().put(new Registration<>(input, input.id(), 0, 5, "tool", Probe::ok, List::of));
        FecCodecs codecs = new FecCodecs();
        for (FecCodec codec : List.<FecCodec>of(new Rs8MoonlightService(), new Rs8AudioService())) {
            codecs.add(codec, Map.of(FecSchemes.ID_PROPERTY, codec.id()));
        }
        StreamServices services = new StreamServices(() -> Optional.of((request, sink, sound, feedback) -> {
            SessionPipeline pipeline = new SessionPipeline("flood", request, sink, sound, feedback, backends,
                    PipelineSettings.DEFAULTS, LOG, stopped -> { });
            pipeline.start();
            return pipeline;
        }), codecs, backends::inputKinds);
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("apps.conf"), "[Sleeper]\ncommand = sleep 600\nid = 7\n");
        Files.createDirectories(conf.resolve("apps"));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        host = MoonlightHost.start(new HostSettings("flood", dir.resolve("data"), conf.resolve("apps.conf"),
                conf.resolve("apps"), loopback, HostPorts.fromBase(0), AdvertisedPorts.own(), loopback, false,
                HostSettings.DISPLAY_MODES, HostSettings.FEC_SCHEMES, EncryptionPolicy.REQUIRED),
                () -> CodecModes.H264, services, backend -> Optional.empty(), LOG);
    }

    /** A client paired with this host, the PIN typed at the host as a user would. */
    MoonlightTestClient pairedClient() throws Exception {
        MoonlightTestClient client = new MoonlightTestClient("127.0.0.1", host.httpPort(), host.httpsPort(),
                ClientIdentity.generate(), "flood-victim");
        MoonlightTestClient.PairOutcome outcome = client.pair("1234", () -> {
            try {
                while (host.waitingClient().isEmpty()) {
                    Thread.sleep(5);
                }
                host.enterPin("1234");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (outcome != MoonlightTestClient.PairOutcome.PAIRED) {
            throw new IllegalStateException("pairing failed: " + outcome);
        }
        return client;
    }

    /** Launches the sleeper at 640x360, 30 fps, for {@code client} and connects its streams. */
    StreamingTestClient stream(MoonlightTestClient client) throws Exception {
        LaunchKeys keys = LaunchKeys.random();
        Reply launch = client.launch(7, "640x360x30", keys);
        if (launch.status() != 200) {
            throw new IllegalStateException("launch failed: " + launch);
        }
        return StreamingTestClient.connect("127.0.0.1", launch.field("sessionUrl0"), keys,
                StreamOffer.h264(640, 360, 30, 7), new Rs8MoonlightService(), new Rs8AudioService(),
                StreamingTestClient.VideoLossSetting.none());
    }

    /** Each TCP listener's connections open, refused and evicted, as {@code lumen:status} would name them. */
    Map<String, TcpListener.Counts> connections() {
        return host.connections();
    }

    /** The running stream's report, as {@code lumen:session} shows it. */
    Map<String, Object> report() {
        return host.streams().current().orElse(Map.of());
    }

    @Override
    public void close() {
        host.close();
    }
}
