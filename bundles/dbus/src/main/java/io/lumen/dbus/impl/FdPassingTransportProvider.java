package io.lumen.dbus.impl;

import org.freedesktop.dbus.connections.BusAddress;
import org.freedesktop.dbus.connections.config.TransportConfig;
import org.freedesktop.dbus.connections.transports.AbstractTransport;
import org.freedesktop.dbus.exceptions.TransportConfigurationException;
import org.freedesktop.dbus.spi.transport.ITransportProvider;
import org.freedesktop.dbus.transport.jre.NativeTransportProvider;

import java.nio.file.Path;

/**
 * The UNIX transport dbus-java's service loader finds in this bundle. dbus-java takes one provider per bus type,
 * so this one stands in front of dbus-java's JDK-socket transport: a client connection to a {@code unix:path=}
 * bus passes descriptors, and anything else (a listening bus, an abstract socket, a JVM where FFM cannot make
 * the calls) goes to the JDK-socket transport, which works without them.
 */
public final class FdPassingTransportProvider implements ITransportProvider {

    @Override
    public String getTransportName() {
        return "lumen-fd-passing-unixsocket";
    }

    @Override
    public AbstractTransport createTransport(BusAddress address, TransportConfig config)
            throws TransportConfigurationException {
        String path = address.getParameterValue("path");
        if (address.isListeningSocket() || path == null || !FdPassing.available()) {
            return new NativeTransportProvider().createTransport(address, config);
        }
        return new FdPassingTransport(address, config, Path.of(path));
    }

    @Override
    public String getSupportedBusType() {
        return "UNIX";
    }

    @Override
    public String createDynamicSessionAddress(boolean listeningAddress) {
        return new NativeTransportProvider().createDynamicSessionAddress(listeningAddress);
    }
}
