package io.lumen.capture.mutter.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.media.VideoMode;
import io.lumen.dbus.BusMessages;

import java.util.List;

/**
 * The size of what a cast streams, in the coordinates Mutter takes absolute input in: a virtual monitor has the
 * client's size (lumen fixes it); a monitor or window stream says its own in the stream's "Parameters" property
 * ("size", (ii)), and a monitor's current mode is the fallback.
 */
final class StreamSize {

    private static final System.Logger LOG = System.getLogger("lumen.capture.mutter");

    private StreamSize() {
    }

    /** {width, height}. */
    static int[] of(MutterCast cast, VideoMode mode) {
        if (cast.target() instanceof MutterTarget.Virtual) {
            return new int[] {mode.width(), mode.height()};
        }
        try {
            Object parameters = cast.connection().property(MutterBus.SCREEN_CAST, cast.streamPath(),
                    MutterBus.SCREEN_CAST_STREAM, "Parameters");
            int[] pair = pair(BusMessages.entry(parameters, "size"));
            if (pair != null) {
                return pair;
            }
            if (cast.target() instanceof MutterTarget.Monitor monitor) {
                for (MutterMonitor m : cast.connection().monitors()) {
                    if (m.connector().equals(monitor.connector()) && m.width() > 0) {
                        return new int[] {m.width(), m.height()};
                    }
                }
            }
        } catch (BackendException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "the size of " + cast.streamPath() + " is unknown: " + e);
        }
        return new int[] {mode.width(), mode.height()};
    }

    /** dbus-java hands a struct inside a variant over as its members, in an array (or a list). */
    private static int[] pair(Object value) {
        List<?> members = value instanceof Object[] array ? List.of(array) : value instanceof List<?> list ? list
                : null;
        if (members == null || members.size() != 2 || !(members.get(0) instanceof Number w)
                || !(members.get(1) instanceof Number h) || w.intValue() <= 0 || h.intValue() <= 0) {
            return null;
        }
        return new int[] {w.intValue(), h.intValue()};
    }
}
