package io.lumen.capture.mutter.impl;

import io.lumen.dbus.BusMessages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A monitor as Mutter's DisplayConfig describes it, reduced to what a user picks a target by and what shows that
 * a cast's virtual monitor exists: its connector, its maker's names and its current mode.
 *
 * @param refreshRate the current mode's, in Hz; 0 when no mode is current (a monitor Mutter keeps switched off)
 */
record MutterMonitor(String connector, String vendor, String product, String serial, int width, int height,
                     double refreshRate) {

    /** The product name Mutter 43 gives the virtual monitor of a RecordVirtual stream. */
    static final String SCREEN_CAST_PRODUCT = "Virtual remote monitor";

    /**
     * The monitors of a GetCurrentState answer, (u serial, a((ssss)a(siiddada{sv})a{sv}) monitors, logical
     * monitors, properties): a monitor is ((connector, vendor, product, serial), modes, properties), a mode (id,
     * width, height, refresh rate, preferred scale, supported scales, properties). A member of an unexpected shape
     * is a clear error, not a guess.
     */
    static List<MutterMonitor> of(Object[] state) {
        if (state.length < 2 || !(state[1] instanceof List<?> all)) {
            throw new IllegalStateException("DisplayConfig.GetCurrentState answered no monitor list");
        }
        List<MutterMonitor> monitors = new ArrayList<>();
        for (Object monitor : all) {
            Object[] members = struct(monitor, 3, "monitor");
            Object[] spec = struct(members[0], 4, "monitor spec");
            Object[] current = null;
            for (Object mode : (List<?>) members[1]) {
                Object[] values = struct(mode, 7, "mode");
                if (flag(values[6], "is-current")) {
                    current = values;
                }
            }
            monitors.add(new MutterMonitor((String) spec[0], (String) spec[1], (String) spec[2], (String) spec[3],
                    current == null ? 0 : ((Number) current[1]).intValue(),
                    current == null ? 0 : ((Number) current[2]).intValue(),
                    current == null ? 0 : ((Number) current[3]).doubleValue()));
        }
        return List.copyOf(monitors);
    }

    private static Object[] struct(Object value, int members, String what) {
        if (value instanceof Object[] array && array.length == members) {
            return array;
        }
        throw new IllegalStateException("DisplayConfig.GetCurrentState: a " + what + " is not a struct of " + members
                + " members: " + value);
    }

    private static boolean flag(Object properties, String name) {
        return Boolean.TRUE.equals(BusMessages.entry(properties, name));
    }

    /** Whether Mutter made this monitor for a screencast's RecordVirtual (lumen's or another client's). */
    boolean castVirtual() {
        return SCREEN_CAST_PRODUCT.equals(product);
    }

    String mode() {
        return width + "x" + height + "@" + String.format(Locale.ROOT, "%.2f", refreshRate);
    }

    /** One line for lumen:mutter: "Meta-1 1920x1080@60.00 (MetaVendor Virtual remote monitor 0x000001)". */
    String describe() {
        return connector + " " + (width > 0 ? mode() : "off") + " (" + vendor + " " + product + " " + serial + ")";
    }
}
