package io.lumen.dbus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library as the desktop backends use it, on a real private dbus-daemon: the bundle's UNIX transport is found
 * by dbus-java's service loader, the bus answers, and an exported object is called with the a{sv} options Mutter and the portal
 * take.
 */
class DbusBundleTest extends OnPrivateBus {

    @DBusInterfaceName("io.lumen.test.Echo")
    public interface Echo extends DBusInterface {
        String Describe(Map<String, Variant<?>> options);
    }

    @Test
    void theBusAnswersThroughTheBundlesTransport() throws Exception {
        try (DBusConnection connection = SessionBuses.connect(bus.address())) {
            DBus daemon = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            assertFalse(daemon.GetId().isBlank());
            assertTrue(Arrays.asList(daemon.ListNames()).contains(connection.getUniqueName()));
        }
    }

    @Test
    void anExportedObjectIsCalledWithVariantOptions() throws Exception {
        try (DBusConnection service = SessionBuses.connect(bus.address());
             DBusConnection client = SessionBuses.connect(bus.address())) {
            service.requestBusName("io.lumen.test.EchoService");
            service.exportObject("/io/lumen/test/echo", new Echo() {
                @Override
                public String Describe(Map<String, Variant<?>> options) {
                    return options.get("size").getValue() + "@" + options.get("rate").getValue();
                }

                @Override
                public String getObjectPath() {
                    return "/io/lumen/test/echo";
                }
            });
            Echo echo = client.getRemoteObject("io.lumen.test.EchoService", "/io/lumen/test/echo", Echo.class);
            assertEquals("1280x720@60", echo.Describe(Map.of("size", new Variant<>("1280x720"),
                    "rate", new Variant<>(60))));
        }
    }

    @Test
    void aBusThatIsGoneIsAClearErrorAtOnce() {
        String gone = "unix:path=" + bus.socket() + ".absent";
        assertTrue(SessionBuses.unreachable(gone).orElseThrow().contains("is gone"));
        DBusException error = assertThrows(DBusException.class, () -> SessionBuses.connect(gone).close());
        assertTrue(error.getMessage().contains(bus.socket() + ".absent"), error.getMessage());
        assertTrue(SessionBuses.unreachable(bus.address()).isEmpty());
    }

    @Test
    void theAddressComesFromTheSettingTheEnvironmentOrTheRuntimeDirectory() {
        assertEquals("unix:path=/a", SessionBuses.address(k -> k.equals(SessionBuses.SETTING) ? "unix:path=/a" : null,
                k -> "unix:path=/b").orElseThrow());
        assertEquals("unix:path=/b", SessionBuses.address(k -> null,
                k -> k.equals("DBUS_SESSION_BUS_ADDRESS") ? "unix:path=/b" : null).orElseThrow());
        Path runtime = bus.socket().getParent();
        assertEquals("unix:path=" + runtime.resolve("bus"), SessionBuses.address(k -> null,
                k -> k.equals("XDG_RUNTIME_DIR") ? runtime.toString() : null).orElseThrow());
        assertTrue(SessionBuses.address(k -> null, k -> null).isEmpty());
        assertEquals(Path.of("/run/x/bus"), SessionBuses.socketPath("unix:abstract=/y;unix:path=/run/x/bus,guid=1")
                .orElseThrow());
    }
}
