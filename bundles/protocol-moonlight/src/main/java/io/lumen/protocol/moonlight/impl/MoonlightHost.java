package io.lumen.protocol.moonlight.impl;

import io.lumen.api.capture.AppHost;
import io.lumen.protocol.moonlight.impl.apps.AppCatalogFile;
import io.lumen.protocol.moonlight.impl.audio.SurroundParams;
import io.lumen.protocol.moonlight.impl.http.HostInfo;
import io.lumen.protocol.moonlight.impl.http.HttpListener;
import io.lumen.protocol.moonlight.impl.query.Printable;
import io.lumen.protocol.moonlight.impl.http.NvContext;
import io.lumen.protocol.moonlight.impl.http.NvListeners;
import io.lumen.protocol.moonlight.impl.identity.Certificates;
import io.lumen.protocol.moonlight.impl.identity.HostIdentity;
import io.lumen.protocol.moonlight.impl.launch.AppSessions;
import io.lumen.protocol.moonlight.impl.launch.LaunchSession;
import io.lumen.protocol.moonlight.impl.mdns.MdnsAdvertiser;
import io.lumen.protocol.moonlight.impl.pairing.PairingService;
import io.lumen.protocol.moonlight.impl.net.TcpListener;
import io.lumen.protocol.moonlight.impl.pairing.PinEntry;
import io.lumen.protocol.moonlight.impl.pairing.WaitingAttempt;
import io.lumen.protocol.moonlight.impl.rtsp.RtspServer;
import io.lumen.protocol.moonlight.impl.rtsp.RtspStats;
import io.lumen.protocol.moonlight.impl.stream.MoonlightStreams;
import io.lumen.protocol.moonlight.impl.input.InputFeatures;
import io.lumen.protocol.moonlight.impl.stream.EncryptionGate;
import io.lumen.protocol.moonlight.impl.stream.EncryptionPolicy;
import io.lumen.protocol.moonlight.impl.stream.StreamCapabilities;
import io.lumen.protocol.moonlight.impl.video.VideoFecScheme;
import io.lumen.protocol.moonlight.impl.stream.StreamParameters;
import io.lumen.protocol.moonlight.impl.stream.StreamServices;
import io.lumen.protocol.moonlight.impl.store.PairedClient;
import io.lumen.protocol.moonlight.impl.store.PairedClientStore;
import io.lumen.protocol.moonlight.impl.tls.HostTls;
import io.lumen.protocol.moonlight.impl.web.HostControl;
import io.lumen.protocol.moonlight.impl.web.WebUi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * A running Moonlight host: identity, paired clients, pairing, apps and launches, served on HTTP, HTTPS, the
 * loopback PIN page and mDNS. Plain Java (the OSGi component only configures and starts it), so tests run it
 * whole without a framework.
 */
public final class MoonlightHost implements HostControl, AutoCloseable {

    private final HostSettings settings;
    private final HostIdentity identity;
    private final PairedClientStore clients;
    private final PairingService pairing;
    private final AppSessions sessions;
    private final IntSupplier codecModes;
    private final StreamServices services;
    private final Clock clock;
    private final System.Logger log;
    private final List<AutoCloseable> running = new ArrayList<>();
    private HttpListener http;
    private HttpListener https;
    private RtspServer rtsp;
    private MoonlightStreams streams;
    private WebUi web;

    private MoonlightHost(HostSettings settings, HostIdentity identity, PairedClientStore clients,
                          IntSupplier codecModes, StreamServices services,
                          Function<String, Optional<AppHost>> appHosts, Clock clock, System.Logger log) {
        this.settings = settings;
        this.identity = identity;
        this.clients = clients;
        this.codecModes = codecModes;
        this.services = services;
        this.clock = clock;
        this.log = log;
        this.pairing = new PairingService(identity, clients, clock, log);
        this.sessions = new AppSessions(settings.dataDir().resolve("log"), clock, appHosts, log);
    }

    /**
     * Loads or creates the identity and client list and opens every listener. {@code codecModes} gives the
     * ServerCodecModeSupport bits of the encoders available at the moment of asking; {@code services} what
     * streams need from the rest of the host; {@code appHosts} the app host registered under a capture backend id
     * (looked up at each launch).
     */
    public static MoonlightHost start(HostSettings settings, IntSupplier codecModes, StreamServices services,
                                      Function<String, Optional<AppHost>> appHosts, System.Logger log)
            throws IOException, GeneralSecurityException, InterruptedException {
        return start(settings, codecModes, services, appHosts, Clock.systemUTC(), log);
    }

    /**
     * As {@link #start(HostSettings, IntSupplier, StreamServices, Function, System.Logger)}, with the wall clock
     * that pairing, the PIN page's login and launches read (their waits and expiries), so a test can step it.
     */
    public static MoonlightHost start(HostSettings settings, IntSupplier codecModes, StreamServices services,
                                      Function<String, Optional<AppHost>> appHosts, Clock clock, System.Logger log)
            throws IOException, GeneralSecurityException, InterruptedException {
        HostIdentity identity = HostIdentity.loadOrCreate(settings.dataDir().resolve("protocol"), log);
        PairedClientStore clients = new PairedClientStore(settings.dataDir().resolve("protocol")
                .resolve("paired-clients.json"));
        AppCatalogFile apps = new AppCatalogFile(settings.appsFile(), settings.imageDir(), log);
        MoonlightHost host = new MoonlightHost(settings, identity, clients, codecModes, services, appHosts, clock,
                log);
        try {
            host.open(apps, new HostTls(identity));
        } catch (IOException | GeneralSecurityException | InterruptedException | RuntimeException e) {
            host.close();
            throw e;
        }
        return host;
    }

    private void open(AppCatalogFile apps, HostTls tls) throws InterruptedException, IOException {
        running.add(sessions);
        EncryptionGate encryption = new EncryptionGate(settings.encryption(), clients, log);
        streams = new MoonlightStreams(settings.bindAddress(), settings.ports(), settings.advertised(),
                this::streamCapabilities, services, encryption, log);
        running.add(streams);
        sessions.onEnded(streams::ended);
        clients.onRemoved(this::endLaunchOf);
        rtsp = RtspServer.start(new InetSocketAddress(settings.bindAddress(), settings.ports().rtsp()),
                sessions::current, streams, log);
        running.add(rtsp);
        NvContext context = new NvContext(this::hostInfo, clients, pairing, apps, sessions, encryption, clock,
                log);
        https = NvListeners.https(new InetSocketAddress(settings.bindAddress(), settings.ports().https()), context, tls);
        running.add(https);
        http = NvListeners.http(new InetSocketAddress(settings.bindAddress(), settings.ports().http()), context);
        running.add(http);
        if (settings.webAddress() != null) {
            web = WebUi.start(new InetSocketAddress(settings.webAddress(), settings.ports().web()), this,
                    settings.dataDir().resolve("protocol").resolve("web-password"), clock, log);
            running.add(web);
        }
        if (settings.mdns()) {
            running.add(MdnsAdvertiser.start(settings.hostname(), settings.advertised().http(http.port()), log));
        }
        log.log(System.Logger.Level.INFO, "moonlight host \"" + settings.hostname() + "\" ready: " + listening()
                + "; " + clients.list().size() + " paired client(s)");
    }

    /** What serverinfo and the launch reply tell: the advertised ports, which are the host's own by default. */
    private HostInfo hostInfo() {
        Optional<LaunchSession> now = sessions.current();
        AdvertisedPorts told = settings.advertised();
        return new HostInfo(settings.hostname(), identity.uniqueId(), told.http(http.port()), told.https(https.port()),
                told.rtsp(rtsp.port()),
                codecModes.getAsInt(), settings.displayModes(), now.map(s -> s.app().id()).orElse(0), now.isPresent());
    }

    /**
     * What DESCRIBE offers now: HEVC and AV1 when an available encoder makes them, the encryption the streams
     * implement (control v2, video, audio), of which the {@code encryption} setting says which are requested
     * (all by default; control only with "control", as Sunshine does on a LAN); native touch, pen and pad
     * touchpads only where the input backend injects them (else the client turns touch into mouse events itself,
     * which every backend takes); the video FEC schemes enabled whose codec is registered.
     */
    private StreamCapabilities streamCapabilities() {
        int modes = codecModes.getAsInt();
        return new StreamCapabilities(CodecModes.hevc(modes), CodecModes.av1(modes),
                StreamParameters.ENC_CONTROL_V2 | StreamParameters.ENC_VIDEO | StreamParameters.ENC_AUDIO,
                settings.encryption().requested(), InputFeatures.flags(services.inputKinds().get()),
                SurroundParams.lines(), settings.fecSchemes().stream().map(VideoFecScheme::id)
                .filter(id -> services.fecCodecs().best(id).isPresent()).toList(),
                HostSettings.FEC_SCHEMES.stream().filter(s -> !settings.fecSchemes().contains(s))
                        .map(VideoFecScheme::id).toList());
    }

    /** The {@code encryption} setting streams are held to. */
    public EncryptionPolicy encryptionPolicy() {
        return settings.encryption();
    }

    /** The video FEC schemes a stream may use now, and those this host's setting leaves out. */
    public String fecSchemes() {
        StreamCapabilities now = streamCapabilities();
        List<String> missing = settings.fecSchemes().stream().map(VideoFecScheme::id)
                .filter(id -> !now.fecSchemes().contains(id)).toList();
        return String.join(", ", now.fecSchemes()) + " offered"
                + (missing.isEmpty() ? "" : "; " + String.join(", ", missing) + " enabled but no codec registered")
                + (now.fecDisabled().isEmpty() ? "" : "; " + String.join(", ", now.fecDisabled())
                + " disabled (fec.schemes)");
    }

    public int rtspPort() {
        return rtsp.port();
    }

    public RtspStats rtspStats() {
        return rtsp.stats();
    }

    public MoonlightStreams streams() {
        return streams;
    }

    public int httpPort() {
        return http.port();
    }

    public int httpsPort() {
        return https.port();
    }

    /** Each TCP listener's connections (open, refused, evicted), by the name it logs under. */
    public Map<String, TcpListener.Counts> connections() {
        Map<String, TcpListener.Counts> counts = new LinkedHashMap<>();
        counts.put("http", http.connections());
        counts.put("https", https.connections());
        counts.put("rtsp", rtsp.connections());
        if (web != null) {
            counts.put("pin page", web.connections());
        }
        return counts;
    }

    /** The PIN page's port; -1 when it is off. */
    public int webPort() {
        return web == null ? -1 : web.port();
    }

    /** Whether the PIN page asks for a password, and the setup code while none is set. */
    public String webLogin() {
        return web == null ? "no page" : web.loginStatus();
    }

    public HostIdentity identity() {
        return identity;
    }

    @Override
    public String hostname() {
        return settings.hostname();
    }

    @Override
    public String uniqueId() {
        return identity.uniqueId();
    }

    @Override
    public String certificateFingerprint() {
        return Certificates.fingerprint(identity.certificate());
    }

    @Override
    public String listening() {
        return "http " + http.port() + ", https " + https.port() + ", rtsp " + rtsp.port()
                + (web == null ? "" : ", pin page http://" + hostPort(settings.webAddress().getHostAddress(), web.port()) + "/")
                + (settings.mdns() ? ", mdns _nvstream._tcp" : "")
                + (settings.advertised().isOwn() ? "" : "; clients are told the ports of " + settings.advertised());
    }

    private static String hostPort(String address, int port) {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    @Override
    public List<WaitingAttempt> waitingClients() {
        return pairing.waiting();
    }

    @Override
    public PinEntry enterPin(String pin, String who) {
        return pairing.enterPin(pin, who);
    }

    @Override
    public List<PairedClient> clients() {
        return clients.list();
    }

    @Override
    public Optional<PairedClient> unpair(String nameOrFingerprint) throws IOException {
        Optional<PairedClient> removed = clients.remove(nameOrFingerprint);
        removed.ifPresent(c -> log.log(System.Logger.Level.INFO, "client unpaired: \"" + Printable.of(c.name()) + "\" ("
                + c.fingerprint() + ")"));
        return removed;
    }

    /**
     * An unpaired client's stream ends at once, however it was unpaired (its own HTTPS /unpair, the shell, the PIN
     * page), and what it launched is quit with it: the launch's keys are the client's, so leaving the launch would
     * let it start the streams again without HTTPS. On a thread of its own, since stopping an app can take seconds
     * and the caller may be an event loop.
     */
    private void endLaunchOf(PairedClient removed) {
        Thread.ofPlatform().daemon().name("lumen-unpair").start(() -> {
            Optional<LaunchSession> launch = sessions.current()
                    .filter(s -> s.clientFingerprint().equals(removed.fingerprint()));
            if (launch.isEmpty()) {
                return;
            }
            log.log(System.Logger.Level.INFO, "client \"" + removed.name() + "\" unpaired: ending its stream and"
                    + " quitting \"" + launch.get().app().title() + "\"");
            streams.ended(launch.get()); // the stream and its ports first; the app's stop may take a while
            sessions.quitIfLaunchedBy(removed.fingerprint(), "unpairing of \"" + removed.name() + "\"");
        });
    }

    @Override
    public Optional<LaunchSession> running() {
        return sessions.current();
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                log.log(System.Logger.Level.WARNING, "moonlight host: closing " + running.get(i) + " failed: " + e);
            }
        }
        running.clear();
    }
}
