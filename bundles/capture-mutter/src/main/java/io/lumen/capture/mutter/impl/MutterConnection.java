package io.lumen.capture.mutter.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.dbus.BusMessages;
import io.lumen.dbus.SessionBuses;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.messages.DBusSignal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private connection to the session bus where Mutter is. Calls are plain messages with their D-Bus signatures
 * and replies are read as dbus-java decodes them (strings, UInt32, Object[] per struct, lists, maps): none of this
 * bundle's classes reaches dbus-java's static caches of interface, struct and signal types, which would outlive a
 * bundle update. A call waits at most the configured time, and an unanswered one is an error naming what was asked.
 */
final class MutterConnection implements AutoCloseable {

    private static final Pattern CHILD_NODE = Pattern.compile("<node name=\"([^\"]+)\"");

    private final DBusConnection bus;
    private final String address;
    private final Duration timeout;

    private MutterConnection(DBusConnection bus, String address, Duration timeout) {
        this.bus = bus;
        this.address = address;
        this.timeout = timeout;
    }

    static MutterConnection open(MutterSettings settings) throws BackendException {
        if (settings.unreachable().isPresent()) {
            throw new BackendException(settings.unreachable().get());
        }
        String address = settings.address().orElseThrow();
        try {
            return new MutterConnection(SessionBuses.connect(address), address, settings.timeout());
        } catch (DBusException | RuntimeException e) {
            throw new BackendException("cannot connect to the D-Bus session bus at " + address + ": " + e.getMessage(),
                    e);
        }
    }

    DBusConnection bus() {
        return bus;
    }

    String address() {
        return address;
    }

    /**
     * Calls {@code member} of {@code iface} on {@code path} of {@code service} with arguments of D-Bus signature
     * {@code signature} (null: none) and returns the reply's values; {@code what} names the call in errors.
     */
    Object[] call(String service, String path, String iface, String member, String signature, String what,
                  Object... args) throws BackendException {
        try {
            return BusMessages.call(bus, service, path, iface, member, timeout, signature, args);
        } catch (BusMessages.NoReply e) {
            throw new BackendException("Mutter did not answer " + what + " within " + timeout.toMillis() + " ms", e);
        } catch (DBusException | DBusExecutionException e) {
            throw new BackendException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** Sends a call that expects no reply: returns at once; a message that cannot be sent throws. */
    void send(String service, String path, String iface, String member, String signature, Object... args)
            throws DBusException {
        BusMessages.send(bus, service, path, iface, member, signature, args);
    }

    /** The value of property {@code name} of {@code iface} on {@code path}. */
    Object property(String service, String path, String iface, String name) throws BackendException {
        Object[] reply = call(service, path, "org.freedesktop.DBus.Properties", "Get", "ss", "reading " + name
                + " of " + path, iface, name);
        return BusMessages.unwrap(reply.length == 1 ? reply[0] : null);
    }

    /** Calls {@code handler} with each signal {@code member} of {@code iface} this connection receives. */
    AutoCloseable onSignal(String iface, String member, Consumer<DBusSignal> handler) throws DBusException {
        return BusMessages.onSignal(bus, iface, member, handler);
    }

    /** Whether {@code name} has an owner on the bus now. */
    boolean owned(String name) throws BackendException {
        Object[] reply = call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                "NameHasOwner", "s", "asking the bus whether " + name + " is there", name);
        return reply.length == 1 && Boolean.TRUE.equals(reply[0]);
    }

    /** The names of the child objects of {@code path} on {@code service}: Mutter's live sessions, for example. */
    List<String> children(String service, String path) throws BackendException {
        Object[] reply = call(service, path, "org.freedesktop.DBus.Introspectable", "Introspect", null,
                "introspecting " + path);
        Matcher child = CHILD_NODE.matcher(reply.length == 1 ? String.valueOf(reply[0]) : "");
        List<String> names = new ArrayList<>();
        while (child.find()) {
            names.add(child.group(1));
        }
        return List.copyOf(names);
    }

    /** The monitors Mutter drives now, from DisplayConfig.GetCurrentState. */
    List<MutterMonitor> monitors() throws BackendException {
        Object[] state = call(MutterBus.DISPLAY_CONFIG, MutterBus.DISPLAY_CONFIG_PATH, MutterBus.DISPLAY_CONFIG,
                "GetCurrentState", null, "DisplayConfig.GetCurrentState");
        try {
            return MutterMonitor.of(state);
        } catch (RuntimeException e) {
            throw new BackendException("Mutter's monitors could not be read: " + e.getMessage(), e);
        }
    }

    boolean isConnected() {
        return bus.isConnected();
    }

    @Override
    public void close() {
        try {
            bus.close();
        } catch (IOException | RuntimeException e) {
            System.getLogger("lumen.capture.mutter").log(System.Logger.Level.DEBUG,
                    "closing the D-Bus connection to " + address + ": " + e);
        }
    }
}
