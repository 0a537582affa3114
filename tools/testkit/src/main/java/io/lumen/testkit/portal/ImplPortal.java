package io.lumen.testkit.portal;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.util.Map;

/**
 * The desktop side of the portal (org.freedesktop.impl.portal.*) as the xdg-desktop-portal frontend calls it, for
 * the scripted test backend. dbus-java dispatches an exported object's methods by name and signature whatever the
 * interface, so the methods ScreenCast and RemoteDesktop share (CreateSession, Start) are one Java method each.
 */
final class ImplPortal {

    private ImplPortal() {
    }

    @DBusInterfaceName("org.freedesktop.impl.portal.ScreenCast")
    public interface ImplScreenCast extends DBusInterface {
        Reply<UInt32, Map<String, Variant<?>>> CreateSession(DBusPath handle, DBusPath session, String appId,
                                                             Map<String, Variant<?>> options);

        Reply<UInt32, Map<String, Variant<?>>> SelectSources(DBusPath handle, DBusPath session, String appId,
                                                             Map<String, Variant<?>> options);

        Reply<UInt32, Map<String, Variant<?>>> Start(DBusPath handle, DBusPath session, String appId,
                                                     String parentWindow, Map<String, Variant<?>> options);
    }

    @DBusInterfaceName("org.freedesktop.impl.portal.RemoteDesktop")
    public interface ImplRemoteDesktop extends DBusInterface {
        Reply<UInt32, Map<String, Variant<?>>> CreateSession(DBusPath handle, DBusPath session, String appId,
                                                             Map<String, Variant<?>> options);

        Reply<UInt32, Map<String, Variant<?>>> SelectDevices(DBusPath handle, DBusPath session, String appId,
                                                             Map<String, Variant<?>> options);

        Reply<UInt32, Map<String, Variant<?>>> Start(DBusPath handle, DBusPath session, String appId,
                                                     String parentWindow, Map<String, Variant<?>> options);

        void NotifyPointerMotion(DBusPath session, Map<String, Variant<?>> options, double dx, double dy);

        void NotifyPointerMotionAbsolute(DBusPath session, Map<String, Variant<?>> options, UInt32 stream, double x,
                                         double y);

        void NotifyPointerButton(DBusPath session, Map<String, Variant<?>> options, int button, UInt32 state);

        void NotifyPointerAxis(DBusPath session, Map<String, Variant<?>> options, double dx, double dy);

        void NotifyPointerAxisDiscrete(DBusPath session, Map<String, Variant<?>> options, UInt32 axis, int steps);

        void NotifyKeyboardKeycode(DBusPath session, Map<String, Variant<?>> options, int keycode, UInt32 state);

        void NotifyKeyboardKeysym(DBusPath session, Map<String, Variant<?>> options, int keysym, UInt32 state);

        void NotifyTouchDown(DBusPath session, Map<String, Variant<?>> options, UInt32 stream, UInt32 slot, double x,
                             double y);

        void NotifyTouchMotion(DBusPath session, Map<String, Variant<?>> options, UInt32 stream, UInt32 slot,
                               double x, double y);

        void NotifyTouchUp(DBusPath session, Map<String, Variant<?>> options, UInt32 slot);
    }

    @DBusInterfaceName("org.freedesktop.impl.portal.Request")
    public interface ImplRequest extends DBusInterface {
        void Close();
    }

    @DBusInterfaceName("org.freedesktop.impl.portal.Session")
    public interface ImplSession extends DBusInterface {
        void Close();

        class Closed extends DBusSignal {
            public Closed(String path) throws DBusException {
                super(path);
            }
        }
    }

    /** A method's two out arguments; dbus-java reads their D-Bus types from the type arguments. */
    public static final class Reply<A, B> extends Tuple {
        @Position(0)
        public final A response;
        @Position(1)
        public final B results;

        Reply(A response, B results) {
            this.response = response;
            this.results = results;
        }
    }

    static Reply<UInt32, Map<String, Variant<?>>> reply(int response, Map<String, Variant<?>> results) {
        return new Reply<>(new UInt32(response), results);
    }

    public static final class Stream extends Struct {
        @Position(0)
        public final UInt32 node;
        @Position(1)
        public final Map<String, Variant<?>> properties;

        public Stream(UInt32 node, Map<String, Variant<?>> properties) {
            this.node = node;
            this.properties = properties;
        }
    }

    public static final class RestoreData extends Struct {
        @Position(0)
        public final String vendor;
        @Position(1)
        public final UInt32 version;
        @Position(2)
        public final Variant<?> data;

        public RestoreData(String vendor, UInt32 version, Variant<?> data) {
            this.vendor = vendor;
            this.version = version;
            this.data = data;
        }
    }
}
