package io.lumen.dbus;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.connections.transports.AbstractTransport;
import org.freedesktop.dbus.exceptions.DBusException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Finding and reaching the desktop's session bus, where Mutter and the portal live. lumen often runs outside the
 * desktop's own process tree (a system service, a shell over SSH), so the address is looked up the way a desktop
 * client would, and can be set: the {@value #SETTING} setting, then {@code DBUS_SESSION_BUS_ADDRESS}, then the bus
 * socket in {@code XDG_RUNTIME_DIR}.
 */
public final class SessionBuses {

    /** The framework property (or system property) naming the session bus's address. */
    public static final String SETTING = "lumen.dbus.session";

    // dbus-java keeps a connection's transport to itself; connect() notes it here to answer passesFileDescriptors
    private static final Map<DBusConnection, AbstractTransport> TRANSPORTS =
            Collections.synchronizedMap(new WeakHashMap<>());

    private SessionBuses() {
    }

    /**
     * The session bus's address, or empty with nothing to go on.
     *
     * @param setting the framework's (or system's) properties
     * @param env     the process environment
     */
    public static Optional<String> address(UnaryOperator<String> setting, UnaryOperator<String> env) {
        String configured = setting.apply(SETTING);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured.strip());
        }
        String inherited = env.apply("DBUS_SESSION_BUS_ADDRESS");
        if (inherited != null && !inherited.isBlank()) {
            return Optional.of(inherited.strip());
        }
        String runtime = env.apply("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.exists(Path.of(runtime, "bus"))) {
            return Optional.of("unix:path=" + Path.of(runtime, "bus"));
        }
        return Optional.empty();
    }

    /** Why there is no address, for a probe: what was looked at. */
    public static String noAddress() {
        return "no D-Bus session bus: neither " + SETTING + " nor DBUS_SESSION_BUS_ADDRESS is set, and XDG_RUNTIME_DIR"
                + " has no bus socket";
    }

    /**
     * Why {@code address} cannot be reached, when that is known without connecting: a {@code unix:path=} socket
     * that is not there. dbus-java waits about ten seconds before giving up on a missing socket, far too long for
     * a probe.
     */
    public static Optional<String> unreachable(String address) {
        Optional<Path> path = socketPath(address);
        if (path.isPresent() && !Files.exists(path.get())) {
            return Optional.of("the D-Bus session bus at " + address + " is gone (no socket at " + path.get() + ")");
        }
        return Optional.empty();
    }

    /**
     * A private (unshared) connection to {@code address}, so closing it never disturbs another backend's. On a
     * {@code unix:path=} bus it passes file descriptors (the portal's {@code OpenPipeWireRemote} returns one) when
     * the bus agrees; see {@link #passesFileDescriptors}.
     */
    public static DBusConnection connect(String address) throws DBusException {
        Optional<String> gone = unreachable(address);
        if (gone.isPresent()) {
            throw new DBusException(gone.get());
        }
        DBusConnectionBuilder builder = DBusConnectionBuilder.forAddress(address).withShared(false);
        AtomicReference<AbstractTransport> transport = new AtomicReference<>();
        builder.transportConfig().withPreConnectCallback(transport::set);
        DBusConnection connection = builder.build();
        TRANSPORTS.put(connection, transport.get());
        return connection;
    }

    /** Whether {@code connection}, made by {@link #connect}, agreed UNIX fd passing with its bus. */
    public static boolean passesFileDescriptors(DBusConnection connection) {
        AbstractTransport transport = TRANSPORTS.get(connection);
        return transport != null && transport.isFileDescriptorSupported();
    }

    static Optional<Path> socketPath(String address) {
        // a bus address may list several transports separated by ';', each "transport:key=value,key=value"
        for (String transport : address.split(";")) {
            if (!transport.startsWith("unix:")) {
                continue;
            }
            for (String pair : transport.substring("unix:".length()).split(",")) {
                if (pair.startsWith("path=")) {
                    return Optional.of(Path.of(pair.substring("path=".length())));
                }
            }
        }
        return Optional.empty();
    }
}
