package io.lumen.dbus;

import io.lumen.testkit.Poll;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain calls, properties, errors and generic signals against a real private dbus-daemon. */
class BusMessagesTest extends OnPrivateBus {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String DBUS = "org.freedesktop.DBus";
    private static final String DBUS_PATH = "/org/freedesktop/DBus";

    @Test
    void aCallWithASignatureReturnsTheDecodedReply() throws Exception {
        try (DBusConnection connection = SessionBuses.connect(bus.address())) {
            Object[] reply = BusMessages.call(connection, DBUS, DBUS_PATH, DBUS, "NameHasOwner", WAIT, "s",
                    connection.getUniqueName());
            assertEquals(List.of(true), Arrays.asList(reply));
            Object features = BusMessages.property(connection, DBUS, DBUS_PATH, DBUS, "Features", WAIT);
            assertTrue(features instanceof Object[] || features instanceof List<?>, String.valueOf(features));
        }
    }

    @Test
    void anErrorReplyIsThrownWithItsMessage() throws Exception {
        try (DBusConnection connection = SessionBuses.connect(bus.address())) {
            DBusExecutionException refused = assertThrows(DBusExecutionException.class, () -> BusMessages.call(
                    connection, "io.lumen.test.Absent", "/", "io.lumen.test.Absent", "Anything", WAIT, null));
            assertTrue(refused.getMessage().contains("io.lumen.test.Absent"), refused.getMessage());
        }
    }

    @Test
    void aGenericHandlerSeesSignalsUntilClosed() throws Exception {
        List<Object[]> seen = new CopyOnWriteArrayList<>();
        try (DBusConnection listener = SessionBuses.connect(bus.address());
             DBusConnection other = SessionBuses.connect(bus.address())) {
            AutoCloseable subscription = BusMessages.onSignal(listener, DBUS, "NameOwnerChanged",
                    signal -> seen.add(parameters(signal)));
            other.requestBusName("io.lumen.test.Signals");
            assertTrue(Poll.until(WAIT, () -> seen.stream().anyMatch(p -> "io.lumen.test.Signals".equals(p[0])
                    && other.getUniqueName().equals(p[2]))), "NameOwnerChanged for the new name: " + seen.size());
            subscription.close();
            int before = seen.size();
            other.releaseBusName("io.lumen.test.Signals");
            // the release's signal is the daemon's reply-ordered next message: once NameHasOwner says false, it came
            assertTrue(Poll.until(WAIT, () -> !owned(listener, "io.lumen.test.Signals")));
            assertEquals(before, seen.size(), "no signal after the handler was closed");
        }
    }

    @Test
    void vardictWrapsPlainValuesAndEntryUnwrapsThem() {
        Map<String, Variant<?>> dict = BusMessages.vardict("types", 7, "name", new Variant<>("x"));
        assertEquals(List.of("types", "name"), List.copyOf(dict.keySet()));
        assertEquals(7, BusMessages.entry(dict, "types"));
        assertEquals("x", BusMessages.entry(dict, "name"));
        assertNull(BusMessages.entry(dict, "absent"));
        assertNull(BusMessages.entry("not a dict", "types"));
        assertThrows(IllegalArgumentException.class, () -> BusMessages.vardict("types"));
    }

    private static Object[] parameters(org.freedesktop.dbus.messages.DBusSignal signal) {
        try {
            return signal.getParameters();
        } catch (Exception e) {
            return new Object[0];
        }
    }

    private static boolean owned(DBusConnection connection, String name) {
        try {
            return Boolean.TRUE.equals(BusMessages.call(connection, DBUS, DBUS_PATH, DBUS, "NameHasOwner", WAIT, "s",
                    name)[0]);
        } catch (Exception e) {
            return true;
        }
    }
}
