package io.lumen.protocol.moonlight.impl.stream;

import io.lumen.protocol.moonlight.impl.control.ControlEndpoint;
import io.lumen.protocol.moonlight.impl.net.DatagramPort;
import io.lumen.protocol.moonlight.impl.net.UdpSockets;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * The UDP ports of one launch's streams, bound when SETUP first names them (so a SETUP reply carries the real
 * port, also when the base port is 0) and handed to the stream at ANNOUNCE. Closing releases every port not
 * handed over, and for good: SETUP and the release of a launch run on different threads, so a SETUP that comes
 * after the release binds nothing (it would hold the port with no one left to close it).
 */
final class LaunchPorts implements AutoCloseable {

    private final InetAddress bindAddress;
    private final int videoPort;
    private final int audioPort;
    private final int controlPort;
    private final int connectData;
    private final InetAddress client;
    private DatagramPort video;
    private DatagramChannel audio;
    private ControlEndpoint control;
    private boolean closed;

    /** {@code client}: the launching client's address, the only one the control port takes a connection from. */
    LaunchPorts(InetAddress bindAddress, int videoPort, int audioPort, int controlPort, int connectData,
                InetAddress client) {
        this.bindAddress = bindAddress;
        this.videoPort = videoPort;
        this.audioPort = audioPort;
        this.controlPort = controlPort;
        this.connectData = connectData;
        this.client = client;
    }

    /** Binds the named stream's port ("audio", "video" or "control") if SETUP had not, and returns it. */
    synchronized int setup(String stream) throws StreamRefused {
        if (closed) {
            throw new StreamRefused(454, "the launch's ports were released (the launch ended or was replaced)");
        }
        try {
            return switch (stream) {
                case "video" -> (video = video != null ? video
                        : UdpSockets.bindPort(new InetSocketAddress(bindAddress, videoPort))).localAddress().getPort();
                case "audio" -> port(audio = audio != null ? audio : udp(audioPort));
                case "control" -> (control = control != null ? control
                        : ControlEndpoint.open(new InetSocketAddress(bindAddress, controlPort), connectData,
                        client)).port();
                default -> throw new StreamRefused(404, "no stream is called \"" + stream + "\"");
            };
        } catch (BindException e) {
            throw new StreamRefused(503, "the " + stream + " port is in use (" + e.getMessage()
                    + "), perhaps by another GameStream host");
        } catch (IOException e) {
            throw new StreamRefused(503, "cannot open the " + stream + " socket: " + e);
        }
    }

    /** The three endpoints, handed over to a stream, which closes them; null when SETUP did not bind them all. */
    synchronized Bound take() {
        if (video == null || audio == null || control == null) {
            return null;
        }
        Bound bound = new Bound(video, audio, control);
        video = null;
        audio = null;
        control = null;
        return bound;
    }

    record Bound(DatagramPort video, DatagramChannel audio, ControlEndpoint control) {
    }

    private DatagramChannel udp(int port) throws IOException {
        return UdpSockets.bind(new InetSocketAddress(bindAddress, port));
    }

    private static int port(DatagramChannel channel) throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    @Override
    public synchronized void close() {
        closed = true;
        UdpSockets.closeQuietly(video);
        UdpSockets.closeQuietly(audio);
        if (control != null) {
            control.close();
        }
        video = null;
        audio = null;
        control = null;
    }
}
