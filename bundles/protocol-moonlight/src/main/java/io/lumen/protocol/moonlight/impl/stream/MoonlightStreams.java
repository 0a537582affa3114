package io.lumen.protocol.moonlight.impl.stream;

import io.lumen.protocol.moonlight.impl.HostPorts;
import io.lumen.protocol.moonlight.impl.launch.LaunchSession;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The streams of the launch being handshaken or streamed: its ports from the first SETUP, its streams from
 * ANNOUNCE until the client leaves, the launch ends or a new handshake replaces them.
 */
public final class MoonlightStreams implements StreamHost, AutoCloseable {

    private final InetAddress bindAddress;
    private final HostPorts ports;
    private final Supplier<StreamCapabilities> capabilities;
    private final System.Logger log;
    private LaunchSession launch;
    private LaunchPorts reserved;
    private StreamParameters announced;

    public MoonlightStreams(InetAddress bindAddress, HostPorts ports, Supplier<StreamCapabilities> capabilities,
                            System.Logger log) {
        this.bindAddress = bindAddress;
        this.ports = ports;
        this.capabilities = capabilities;
        this.log = log;
    }

    @Override
    public StreamCapabilities capabilities() {
        return capabilities.get();
    }

    @Override
    public synchronized int setup(LaunchSession session, String stream) throws StreamRefused {
        if (launch != session) {
            release();
            launch = session;
            reserved = new LaunchPorts(bindAddress, Map.of(LaunchPorts.Stream.AUDIO, ports.audio(),
                    LaunchPorts.Stream.VIDEO, ports.video(), LaunchPorts.Stream.CONTROL, ports.control()));
        }
        return LaunchPorts.port(reserved.bind(LaunchPorts.Stream.named(stream)));
    }

    @Override
    public synchronized void announce(LaunchSession session, StreamParameters parameters, InetAddress client)
            throws StreamRefused {
        if (launch != session || reserved == null) {
            throw new StreamRefused(454, "ANNOUNCE before SETUP");
        }
        announced = parameters;
        log.log(System.Logger.Level.INFO, "stream for \"" + session.clientName() + "\" (" + client.getHostAddress()
                + ") negotiated: " + parameters.mode() + " " + parameters.codec()
                + (parameters.tenBit() ? " 10-bit" : "") + ", " + parameters.encoderBitrateKbps(20) + " kbps, packets of "
                + parameters.packetSize() + " bytes, " + parameters.audioChannels() + "-channel audio");
    }

    /** What the current launch's client announced, if it got that far. */
    public synchronized Optional<StreamParameters> announced() {
        return Optional.ofNullable(announced);
    }

    /** The launch ended (quit, or its app exited): its streams stop and its ports are freed. */
    public synchronized void ended(LaunchSession session) {
        if (launch != null && launch.id() == session.id()) {
            release();
        }
    }

    private void release() {
        if (reserved != null) {
            reserved.close();
            reserved = null;
        }
        launch = null;
        announced = null;
    }

    @Override
    public synchronized void close() {
        release();
    }
}
