package io.lumen.protocol.moonlight.impl.stream;

import io.lumen.protocol.moonlight.impl.AdvertisedPorts;
import io.lumen.protocol.moonlight.impl.HostPorts;
import io.lumen.protocol.moonlight.impl.launch.LaunchSession;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The streams of the launch being handshaken or streamed: its ports from the first SETUP, its stream from ANNOUNCE
 * until the client leaves, the launch ends or a new handshake replaces it. One launch streams at a time, as on a
 * GameStream host.
 */
public final class MoonlightStreams implements StreamHost, AutoCloseable {

    private final InetAddress bindAddress;
    private final HostPorts ports;
    private final AdvertisedPorts advertised;
    private final Supplier<StreamCapabilities> capabilities;
    private final StreamServices services;
    private final EncryptionGate encryption;
    private final System.Logger log;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task ->
            Thread.ofPlatform().name("lumen-moonlight-streams").daemon().unstarted(task));
    private LaunchSession launch;
    private LaunchPorts reserved;
    private MoonlightStream stream;
    private StreamParameters announced;

    public MoonlightStreams(InetAddress bindAddress, HostPorts ports, AdvertisedPorts advertised,
                            Supplier<StreamCapabilities> capabilities, StreamServices services,
                            EncryptionGate encryption, System.Logger log) {
        this.bindAddress = bindAddress;
        this.ports = ports;
        this.advertised = advertised;
        this.capabilities = capabilities;
        this.services = services;
        this.encryption = encryption;
        this.log = log;
    }

    @Override
    public StreamCapabilities capabilities() {
        return capabilities.get();
    }

    @Override
    public int setup(LaunchSession session, String stream) throws StreamRefused {
        LaunchPorts launchPorts;
        MoonlightStream ending = null;
        synchronized (this) {
            if (launch != session || reserved == null) {
                ending = release();
                launch = session;
                reserved = new LaunchPorts(bindAddress, ports.video(), ports.audio(), ports.control(),
                        session.tokens().connectData(), session.clientAddress());
            }
            launchPorts = reserved;
        }
        if (ending != null) {
            ending.end("a new handshake began", true); // before binding: it holds the same ports
        }
        return advertised.stream(stream, launchPorts.setup(stream));
    }

    @Override
    public void announce(LaunchSession session, StreamParameters parameters, InetAddress client) throws StreamRefused {
        encryption.admitStream(session, parameters);
        LaunchPorts.Bound bound;
        synchronized (this) {
            if (launch != session || reserved == null) {
                throw new StreamRefused(454, "ANNOUNCE before SETUP");
            }
            bound = reserved.take();
            if (bound == null) {
                throw new StreamRefused(454, "ANNOUNCE before SETUP of audio, video and control");
            }
        }
        MoonlightStream started = MoonlightStream.start(session, parameters, client, bound, services, timer,
                this::ended, log);
        synchronized (this) {
            if (launch != session) { // the launch ended while the stream started
                timer.execute(() -> started.end("the launch ended while the stream started", true));
                throw new StreamRefused(454, "the launch ended");
            }
            stream = started;
            announced = parameters;
        }
        encryption.streamed(session, parameters);
    }

    /** What the current launch's client announced, if it got that far. */
    public synchronized Optional<StreamParameters> announced() {
        return Optional.ofNullable(announced);
    }

    /** The figures of the stream running now, if one is; a stream counts until its ports are free. */
    public synchronized Optional<Map<String, Object>> current() {
        return stream == null ? Optional.empty() : Optional.of(stream.stats());
    }

    /** The lumen session id of the stream running now ({@code lumen:session <id>} shows it), if one is. */
    public synchronized Optional<String> currentSessionId() {
        return stream == null ? Optional.empty() : Optional.of(stream.id());
    }

    /** The launch ended (quit, or its app exited): its stream stops, telling the client, and its ports are freed. */
    public void ended(LaunchSession session) {
        MoonlightStream ending;
        synchronized (this) {
            if (launch == null || launch.id() != session.id()) {
                return;
            }
            ending = release();
            launch = null;
        }
        if (ending != null) {
            ending.end("the app was quit", true);
        }
    }

    private void ended(MoonlightStream ended) {
        synchronized (this) {
            if (stream == ended) {
                stream = null;
            }
        }
    }

    /** Frees the reserved ports; returns the running stream for the caller to end outside the lock. */
    private MoonlightStream release() {
        if (reserved != null) {
            reserved.close();
            reserved = null;
        }
        MoonlightStream running = stream;
        stream = null;
        announced = null;
        return running;
    }

    @Override
    public void close() {
        MoonlightStream ending;
        synchronized (this) {
            ending = release();
            launch = null;
        }
        if (ending != null) {
            ending.end("the host is shutting down", true);
        }
        timer.shutdown();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
