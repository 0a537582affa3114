package io.lumen.protocol.moonlight.impl;

import io.lumen.api.capture.AppHost;
import io.lumen.protocol.moonlight.impl.stream.EncryptionPolicy;
import io.lumen.protocol.moonlight.impl.video.VideoFecScheme;
import io.lumen.testkit.Poll;
import io.lumen.testkit.moonlight.ClientIdentity;
import io.lumen.testkit.moonlight.MoonlightTestClient;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * A whole Moonlight host on loopback with free ports (HTTP, HTTPS, the PIN page; no mDNS) and an app file with
 * the desktop, an app whose command keeps running (and names its capture), and one with box art, for tests that act
 * as clients. RTSP and
 * the stream ports are free ports too.
 */
final class RunningHost implements AutoCloseable {

    static final System.Logger LOG = System.getLogger("lumen.moonlight.test");
    static final String APPS = """
            # test apps
            [Desktop]

            [Sleeper]
            command = sleep 600
            capture = synthetic test-pattern
            id = 7

            [Painted]
            image = painted.png

            [Brief]
            command = sleep 1
            id = 9
            """;

    final Path data;
    final MoonlightHost host;
    final LocalPipelines pipelines = new LocalPipelines();
    /** The host's wall clock: a test steps it over the waits pairing and the PIN page's login impose. */
    final SteppedClock clock = new SteppedClock();

    RunningHost(Path dir) throws Exception {
        this(dir, APPS);
    }

    RunningHost(Path dir, String apps) throws Exception {
        this(dir, apps, () -> CodecModes.H264 | CodecModes.HEVC);
    }

    /** {@code codecModes}: what the host's encoders are to offer (serverinfo, DESCRIBE). */
    RunningHost(Path dir, String apps, IntSupplier codecModes) throws Exception {
        this(dir, apps, codecModes, backend -> Optional.empty());
    }

    /** {@code appHosts}: the app hosts registered, by capture backend id. */
    RunningHost(Path dir, String apps, IntSupplier codecModes, Function<String, Optional<AppHost>> appHosts)
            throws Exception {
        this(dir, apps, codecModes, appHosts, HostPorts.fromBase(0), AdvertisedPorts.own(), HostSettings.FEC_SCHEMES,
                InetAddress.getLoopbackAddress(), EncryptionPolicy.REQUIRED);
    }

    /** With the PIN page on {@code webAddress} (beyond loopback, it asks for a password). */
    RunningHost(Path dir, InetAddress webAddress) throws Exception {
        this(dir, APPS, () -> CodecModes.H264 | CodecModes.HEVC, backend -> Optional.empty(), HostPorts.fromBase(0),
                AdvertisedPorts.own(), HostSettings.FEC_SCHEMES, webAddress, EncryptionPolicy.REQUIRED);
    }

    /** {@code fecSchemes}: the video FEC schemes the host enables (fec.schemes). */
    RunningHost(Path dir, String apps, IntSupplier codecModes, Function<String, Optional<AppHost>> appHosts,
                List<VideoFecScheme> fecSchemes) throws Exception {
        this(dir, apps, codecModes, appHosts, HostPorts.fromBase(0), AdvertisedPorts.own(), fecSchemes,
                InetAddress.getLoopbackAddress(), EncryptionPolicy.REQUIRED);
    }

    /** {@code encryption}: the host's encryption setting. */
    RunningHost(Path dir, EncryptionPolicy encryption) throws Exception {
        this(dir, APPS, () -> CodecModes.H264 | CodecModes.HEVC, backend -> Optional.empty(), HostPorts.fromBase(0),
                AdvertisedPorts.own(), HostSettings.FEC_SCHEMES, InetAddress.getLoopbackAddress(), encryption);
    }

    /** On the ports of {@code base}, telling clients the ports {@code advertised} (a relay's, say). */
    RunningHost(Path dir, int base, AdvertisedPorts advertised) throws Exception {
        this(dir, APPS, () -> CodecModes.H264 | CodecModes.HEVC, backend -> Optional.empty(), HostPorts.fromBase(base),
                advertised, HostSettings.FEC_SCHEMES, InetAddress.getLoopbackAddress(), EncryptionPolicy.REQUIRED);
    }

    private RunningHost(Path dir, String apps, IntSupplier codecModes, Function<String, Optional<AppHost>> appHosts,
                        HostPorts ports, AdvertisedPorts advertised, List<VideoFecScheme> fecSchemes,
                        InetAddress webAddress, EncryptionPolicy encryption) throws Exception {
        data = dir.resolve("data");
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("apps.conf"), apps);
        Files.createDirectories(conf.resolve("apps"));
        host = MoonlightHost.start(new HostSettings("testhost", data, conf.resolve("apps.conf"), conf.resolve("apps"),
                InetAddress.getLoopbackAddress(), ports, advertised, webAddress, false,
                HostSettings.DISPLAY_MODES, fecSchemes, encryption), codecModes, pipelines.services(), appHosts, clock,
                LOG);
    }

    MoonlightTestClient client(String name) {
        return client(name, ClientIdentity.generate());
    }

    MoonlightTestClient client(String name, ClientIdentity identity) {
        return new MoonlightTestClient("127.0.0.1", host.httpPort(), host.httpsPort(), identity, name);
    }

    /** A client on another loopback address ({@code from}, say 127.0.0.2), which the host sees as another machine. */
    MoonlightTestClient client(String name, InetAddress from) {
        return new MoonlightTestClient("127.0.0.1", host.httpPort(), host.httpsPort(), ClientIdentity.generate(), name,
                from);
    }

    /**
     * Types {@code lumen:pair <pin> <who>} once a client of that name or address waits (what the user does with
     * several clients pairing at once).
     */
    Runnable typesPinFor(String pin, String who) {
        return () -> {
            Poll.await(who + " to wait for its PIN", Duration.ofSeconds(20), host::waitingClients,
                    waiting -> waiting.stream().anyMatch(w -> w.deviceName().equalsIgnoreCase(who)
                            || w.address().equals(who)));
            PairCommand.run(host, pin, who);
        };
    }

    /** Types {@code pin} at the host once a client waits for it (what the user does). */
    Runnable typesPin(String pin) {
        return () -> {
            Poll.await("a client to wait for its PIN", Duration.ofSeconds(20), () -> host.waitingClient().isPresent());
            if (!host.enterPin(pin)) {
                throw new AssertionError("the host took no PIN");
            }
        };
    }

    /** A client paired with this host. */
    MoonlightTestClient paired(String name) throws Exception {
        MoonlightTestClient client = client(name);
        MoonlightTestClient.PairOutcome outcome = client.pair("1234", typesPin("1234"));
        if (outcome != MoonlightTestClient.PairOutcome.PAIRED) {
            throw new AssertionError("pairing " + name + ": " + outcome);
        }
        return client;
    }

    List<String> clientNames() {
        return host.clients().stream().map(c -> c.name()).toList();
    }

    @Override
    public void close() {
        host.close();
    }
}
