package io.lumen.capture.mutter.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.dbus.SessionBuses;
import org.freedesktop.dbus.DBusAsyncReply;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.Introspectable;
import org.freedesktop.dbus.messages.Error;
import org.freedesktop.dbus.messages.Message;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private connection to the session bus where Mutter is, with calls that wait at most the configured time: an
 * unanswered call is an error that names what was asked, never a thread stuck in dbus-java's own long wait.
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

    <T extends DBusInterface> T object(String service, String path, Class<T> type) throws BackendException {
        try {
            return bus.getRemoteObject(service, path, type);
        } catch (DBusException | RuntimeException e) {
            throw new BackendException("cannot reach " + path + " of " + service + ": " + e.getMessage(), e);
        }
    }

    /**
     * Calls {@code method} and waits for its answer at most the timeout; {@code what} names it in errors. A method
     * without a result gives null.
     */
    @SuppressWarnings("unchecked")
    <T> T call(DBusInterface target, String method, String what, Object... args) throws BackendException {
        try {
            DBusAsyncReply<?> reply = bus.callMethodAsync(target, method, args);
            Message answer = reply.getCall().getReply(timeout.toMillis());
            if (answer == null) {
                throw new BackendException("Mutter did not answer " + what + " within " + timeout.toMillis() + " ms");
            }
            if (answer instanceof Error error) {
                throw new BackendException(what + " failed: " + error.getException().getMessage());
            }
            // dbus-java converts only a reply that carries a value; a method without one has nothing to convert
            return answer.getParameters().length == 0 ? null : (T) reply.getReply();
        } catch (DBusException | DBusExecutionException e) {
            throw new BackendException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** Whether {@code name} has an owner on the bus now. */
    boolean owned(String name) throws BackendException {
        DBus daemon = object("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
        Boolean owned = call(daemon, "NameHasOwner", "asking the bus whether " + name + " is there", name);
        return Boolean.TRUE.equals(owned);
    }

    /** The names of the child objects of {@code path} on {@code service}: Mutter's live sessions, for example. */
    List<String> children(String service, String path) throws BackendException {
        Introspectable node = object(service, path, Introspectable.class);
        String xml = call(node, "Introspect", "introspecting " + path);
        Matcher child = CHILD_NODE.matcher(xml);
        List<String> names = new ArrayList<>();
        while (child.find()) {
            names.add(child.group(1));
        }
        return List.copyOf(names);
    }

    /** The monitors Mutter drives now. */
    List<MutterMonitor> monitors() throws BackendException {
        DisplayConfig config = object(MutterBus.DISPLAY_CONFIG, MutterBus.DISPLAY_CONFIG_PATH, DisplayConfig.class);
        DisplayConfig.State state = call(config, "GetCurrentState", "DisplayConfig.GetCurrentState");
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
