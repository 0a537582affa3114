package io.lumen.protocol.moonlight.impl.stream;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.EnumMap;
import java.util.Map;

/**
 * The UDP sockets of one launch's streams, bound when SETUP first names them (so a SETUP reply carries the real
 * port, also when the base port is 0) and handed to the streams at ANNOUNCE. Closing releases every port.
 */
final class LaunchPorts implements AutoCloseable {

    enum Stream {
        AUDIO, VIDEO, CONTROL;

        static Stream named(String name) throws StreamRefused {
            return switch (name) {
                case "audio" -> AUDIO;
                case "video" -> VIDEO;
                case "control" -> CONTROL;
                default -> throw new StreamRefused(404, "no stream is called \"" + name + "\"");
            };
        }
    }

    /** Video bursts a keyframe at once; a larger send buffer keeps the kernel from dropping it (Sunshine: 1 MB). */
    private static final int SEND_BUFFER = 1 << 20;

    private final InetAddress bindAddress;
    private final Map<Stream, Integer> configuredPorts;
    private final Map<Stream, DatagramChannel> bound = new EnumMap<>(Stream.class);

    LaunchPorts(InetAddress bindAddress, Map<Stream, Integer> configuredPorts) {
        this.bindAddress = bindAddress;
        this.configuredPorts = Map.copyOf(configuredPorts);
    }

    /** The stream's socket, bound now if SETUP had not named it before. */
    synchronized DatagramChannel bind(Stream stream) throws StreamRefused {
        DatagramChannel channel = bound.get(stream);
        if (channel != null) {
            return channel;
        }
        InetSocketAddress address = new InetSocketAddress(bindAddress, configuredPorts.get(stream));
        try {
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER);
            channel.bind(address);
        } catch (BindException e) {
            closeQuietly(channel);
            throw new StreamRefused(503, stream.name().toLowerCase() + " port " + address
                    + " is in use, perhaps by another GameStream host");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StreamRefused(503, "cannot open the " + stream.name().toLowerCase() + " socket: " + e);
        }
        bound.put(stream, channel);
        return channel;
    }

    /** Hands the socket over: from now on its new owner closes it. Null when SETUP never bound it. */
    synchronized DatagramChannel take(Stream stream) {
        return bound.remove(stream);
    }

    static int port(DatagramChannel channel) {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException("socket closed", e);
        }
    }

    @Override
    public synchronized void close() {
        bound.values().forEach(LaunchPorts::closeQuietly);
        bound.clear();
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already unusable; nothing else holds the port
            }
        }
    }
}
