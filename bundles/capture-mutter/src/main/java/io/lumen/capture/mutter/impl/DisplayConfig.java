package io.lumen.capture.mutter.impl;

import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.util.List;
import java.util.Map;

/**
 * Mutter's org.gnome.Mutter.DisplayConfig, only GetCurrentState: the monitors Mutter drives (a virtual monitor
 * lumen asked for among them) and their modes, which is what {@code lumen:mutter} lists and how a cast's virtual
 * monitor is seen to come and go. dbus-java hands the nested structs over as they are on the wire (an Object[]
 * per struct), which {@link MutterMonitor} reads.
 */
@DBusInterfaceName(MutterBus.DISPLAY_CONFIG)
public interface DisplayConfig extends DBusInterface {

    State GetCurrentState();

    /**
     * (u serial, a((ssss)a(siiddada{sv})a{sv}) monitors, a(iiduba(ssss)a{sv}) logical monitors, a{sv}): a monitor
     * is ((connector, vendor, product, serial), modes, properties), a mode (id, width, height, refresh rate,
     * preferred scale, supported scales, properties).
     */
    final class State extends Tuple {
        @Position(0)
        public final UInt32 serial;
        @Position(1)
        public final List<?> monitors;
        @Position(2)
        public final List<?> logicalMonitors;
        @Position(3)
        public final Map<String, Variant<?>> properties;

        public State(UInt32 serial, List<?> monitors, List<?> logicalMonitors, Map<String, Variant<?>> properties) {
            this.serial = serial;
            this.monitors = monitors;
            this.logicalMonitors = logicalMonitors;
            this.properties = properties;
        }
    }
}
