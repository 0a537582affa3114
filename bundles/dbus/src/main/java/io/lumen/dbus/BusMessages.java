package io.lumen.dbus;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.matchrules.DBusMatchRuleBuilder;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.messages.Error;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;
import org.freedesktop.dbus.messages.constants.Flags;
import org.freedesktop.dbus.types.Variant;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * D-Bus calls as plain messages with their signatures, and signals through generic handlers. dbus-java keeps the
 * interface, struct and signal classes a proxy or a typed handler names in static caches that nothing clears, so a
 * bundle that used them would stay pinned in memory after it is updated; with these, a caller's own classes never
 * reach dbus-java. Replies come back as dbus-java decodes them: strings, UInt32, DBusPath, FileDescriptor, Object[]
 * per struct, lists, maps of Variant.
 */
public final class BusMessages {

    private BusMessages() {
    }

    /** A call that got no reply in time; its message names the call and the wait. */
    public static final class NoReply extends DBusException {
        private static final long serialVersionUID = 1L;

        NoReply(String message) {
            super(message);
        }
    }

    /**
     * Calls {@code member} of {@code iface} on {@code path} of {@code service} with arguments of D-Bus signature
     * {@code signature} (null: none) and waits up to {@code timeout} for the reply's values.
     *
     * @throws NoReply                nothing came back in time
     * @throws DBusExecutionException the callee answered with an error (its name and message)
     * @throws DBusException          the call could not be sent
     */
    public static Object[] call(DBusConnection bus, String service, String path, String iface, String member,
                                Duration timeout, String signature, Object... args) throws DBusException {
        MethodCall call = bus.getMessageFactory().createMethodCall(service, path, iface, member, (byte) 0, signature,
                args);
        bus.sendMessage(call);
        Message answer = call.getReply(timeout.toMillis());
        if (answer == null) {
            throw new NoReply(iface + "." + member + " on " + path + " got no reply within " + timeout.toMillis()
                    + " ms");
        }
        if (answer instanceof Error error) {
            throw error.getException();
        }
        return answer.getParameters();
    }

    /** Sends a call that expects no reply: returns at once; a message that cannot be sent throws. */
    public static void send(DBusConnection bus, String service, String path, String iface, String member,
                            String signature, Object... args) throws DBusException {
        bus.sendMessage(bus.getMessageFactory().createMethodCall(service, path, iface, member,
                Flags.NO_REPLY_EXPECTED, signature, args));
    }

    /** The value of property {@code name} of {@code iface} on {@code path}, its Variant unwrapped. */
    public static Object property(DBusConnection bus, String service, String path, String iface, String name,
                                  Duration timeout) throws DBusException {
        Object[] reply = call(bus, service, path, "org.freedesktop.DBus.Properties", "Get", timeout, "ss", iface, name);
        return unwrap(reply.length == 1 ? reply[0] : null);
    }

    /**
     * Calls {@code handler} with each signal {@code member} of {@code iface} that {@code bus} receives, as a generic
     * DBusSignal (its path, its decoded parameters); closing the result stops it.
     */
    public static AutoCloseable onSignal(DBusConnection bus, String iface, String member,
                                         Consumer<DBusSignal> handler) throws DBusException {
        return bus.addGenericSigHandler(DBusMatchRuleBuilder.create().withType("signal").withInterface(iface)
                .withMember(member).build(), handler::accept);
    }

    /** An a{sv} from alternating names and plain values (each wrapped in its Variant), in the given order. */
    public static Map<String, Variant<?>> vardict(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("an a{sv} needs a value for every name");
        }
        Map<String, Variant<?>> dict = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            dict.put((String) namesAndValues[i], value instanceof Variant<?> v ? v : new Variant<>(value));
        }
        return dict;
    }

    /** The plain value under {@code name} of an a{sv} as decoded (a Map of Variant), or null when absent. */
    public static Object entry(Object dict, String name) {
        return dict instanceof Map<?, ?> map ? unwrap(map.get(name)) : null;
    }

    /** The value inside a Variant; anything else as it is. */
    public static Object unwrap(Object value) {
        return value instanceof Variant<?> variant ? variant.getValue() : value;
    }
}
