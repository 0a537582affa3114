package io.lumen.dbus.impl;

import org.freedesktop.dbus.connections.BusAddress;
import org.freedesktop.dbus.connections.SASL;
import org.freedesktop.dbus.connections.config.TransportConfig;
import org.freedesktop.dbus.connections.transports.AbstractUnixTransport;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A client transport to a {@code unix:path=} bus over {@link FdPassingSocketChannel}: it asks the bus for UNIX fd
 * passing during authentication, which the portal's {@code OpenPipeWireRemote} and Mutter's calls that return a
 * descriptor need. Listening (being a bus) is left to dbus-java's own transport.
 */
final class FdPassingTransport extends AbstractUnixTransport {

    private final Path path;
    private FdPassingSocketChannel channel;

    FdPassingTransport(BusAddress address, TransportConfig config, Path path) {
        super(address, config);
        this.path = path;
        getSaslConfig().setAuthMode(SASL.AUTH_EXTERNAL);
    }

    @Override
    protected boolean hasFileDescriptorSupport() {
        return true;
    }

    @Override
    protected SocketChannel connectImpl() throws IOException {
        channel = FdPassingSocketChannel.connect(path);
        return channel;
    }

    @Override
    public int getUid(SocketChannel socket) throws IOException {
        if (socket instanceof FdPassingSocketChannel ours) {
            return ours.peerUid();
        }
        throw new IOException("not a socket of this transport: " + socket);
    }

    @Override
    protected SocketChannel acceptImpl() throws IOException {
        throw new IOException("the fd-passing transport only connects to a bus");
    }

    @Override
    protected void bindImpl() throws IOException {
        throw new IOException("the fd-passing transport only connects to a bus");
    }

    @Override
    protected boolean isBound() {
        return false;
    }

    @Override
    protected void closeTransport() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
