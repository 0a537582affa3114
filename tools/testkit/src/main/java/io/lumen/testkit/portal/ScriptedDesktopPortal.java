package io.lumen.testkit.portal;

import io.lumen.testkit.portal.ImplPortal.ImplRemoteDesktop;
import io.lumen.testkit.portal.ImplPortal.ImplRequest;
import io.lumen.testkit.portal.ImplPortal.ImplScreenCast;
import io.lumen.testkit.portal.ImplPortal.ImplSession;
import io.lumen.testkit.portal.ImplPortal.Reply;
import io.lumen.testkit.portal.ImplPortal.RestoreData;
import io.lumen.testkit.portal.ImplPortal.Stream;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.lumen.testkit.portal.ImplPortal.reply;

/**
 * A desktop's ScreenCast and RemoteDesktop backends (org.freedesktop.impl.portal.*) as the portal frontend talks
 * to them, answering as GNOME's do: the "user" is asked at Start unless the restore data the frontend passes is
 * still good; a screencast grant names the test producer's node and returns restore data with persist mode 2; a
 * remote-desktop grant (RemoteDesktop version 1, as GNOME 43's: nothing to restore) names the node and shares the
 * device types selected. What the user answers is scripted per test; every prompt, selection, session close and
 * input event is recorded.
 */
public final class ScriptedDesktopPortal implements AutoCloseable {

    public static final String BUS_NAME = "org.freedesktop.impl.portal.desktop.lumentest";
    public static final String PATH = "/org/freedesktop/portal/desktop";
    public static final int DEVICE_TYPES = 7;

    public enum Answer { GRANT, DENY, IGNORE }

    /** One input event as the frontend passed it on: its method, the options and the values after them. */
    public record Notified(String member, Map<String, Object> options, List<Object> values) {
    }

    /** One SelectSources as the frontend passed it on. */
    public record Selection(int types, int cursorMode, int persistMode, Optional<String> restoreData) {
    }

    private final DBusConnection connection;
    /** The PipeWire node every grant names. */
    public final int node;
    public volatile Answer answer = Answer.GRANT;
    /** What restore data this "desktop" still honours; changing it is the monitor going away. */
    public volatile String monitor = "Virtual-1";
    public final AtomicInteger prompts = new AtomicInteger();
    /** Dialogs the frontend closed (Request.Close) before the "user" answered. */
    public final AtomicInteger dismissed = new AtomicInteger();
    public final List<Selection> selections = new CopyOnWriteArrayList<>();
    public final List<String> sessions = new CopyOnWriteArrayList<>();
    public final List<String> closedSessions = new CopyOnWriteArrayList<>();
    private final Map<String, Optional<String>> restoreBySession = new ConcurrentHashMap<>();
    /** Device types selected per remote-desktop session; a session not in here is a screencast's. */
    private final Map<String, Integer> devicesBySession = new ConcurrentHashMap<>();
    /** SelectDevices options as passed on: types and, where given, persist_mode. */
    public final List<Map<String, Object>> deviceSelections = new CopyOnWriteArrayList<>();
    public final List<Notified> notified = new CopyOnWriteArrayList<>();

    public ScriptedDesktopPortal(String busAddress, int node) throws DBusException {
        this.node = node;
        connection = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
        connection.exportObject(PATH, new Backend());
        connection.requestBusName(BUS_NAME);
    }

    /** The one object at the portal path: both interfaces and their properties, read per interface. */
    private final class Backend implements ImplScreenCast, ImplRemoteDesktop, Properties {

        @Override
        public Reply<UInt32, Map<String, Variant<?>>> CreateSession(DBusPath handle, DBusPath session, String appId,
                                                                    Map<String, Variant<?>> options) {
            sessions.add(session.getPath());
            exportSession(session.getPath());
            return reply(0, Map.of());
        }

        @Override
        public Reply<UInt32, Map<String, Variant<?>>> SelectSources(DBusPath handle, DBusPath session, String appId,
                                                                    Map<String, Variant<?>> options) {
            Optional<String> restore = Optional.ofNullable(options.get("restore_data")).map(v -> deepText(v));
            restoreBySession.put(session.getPath(), restore);
            selections.add(new Selection(uint(options.get("types")), uint(options.get("cursor_mode")),
                    uint(options.get("persist_mode")), restore));
            return reply(0, Map.of());
        }

        @Override
        public Reply<UInt32, Map<String, Variant<?>>> Start(DBusPath handle, DBusPath session, String appId,
                                                            String parentWindow, Map<String, Variant<?>> options) {
            Optional<String> restore = restoreBySession.getOrDefault(session.getPath(), Optional.empty());
            boolean honoured = restore.isPresent() && restore.get().contains(monitor);
            if (!honoured) {
                prompts.incrementAndGet();
                if (answer == Answer.DENY) {
                    return reply(1, Map.of());
                }
                if (answer == Answer.IGNORE) {
                    awaitDismissal(handle.getPath());
                    return reply(2, Map.of());
                }
            }
            Map<String, Variant<?>> properties = Map.of("source_type", new Variant<>(new UInt32(1)),
                    "size", new Variant<>(new Object[] {320, 240}, "(ii)"));
            Integer devices = devicesBySession.get(session.getPath());
            if (devices != null) {
                return reply(0, Map.of(
                        "streams", new Variant<>(List.of(new Stream(new UInt32(node), properties)), "a(ua{sv})"),
                        "devices", new Variant<>(new UInt32(devices & DEVICE_TYPES))));
            }
            return reply(0, Map.of(
                    "streams", new Variant<>(List.of(new Stream(new UInt32(node), properties)), "a(ua{sv})"),
                    "persist_mode", new Variant<>(new UInt32(2)),
                    "restore_data", new Variant<>(new RestoreData("GNOME", new UInt32(1),
                            new Variant<>("monitor-" + monitor)), "(suv)")));
        }

        @Override
        public Reply<UInt32, Map<String, Variant<?>>> SelectDevices(DBusPath handle, DBusPath session, String appId,
                                                                    Map<String, Variant<?>> options) {
            Map<String, Object> passed = new java.util.TreeMap<>();
            options.forEach((key, value) -> passed.put(key, value.getValue()));
            deviceSelections.add(passed);
            devicesBySession.put(session.getPath(), uint(options.get("types")));
            return reply(0, Map.of());
        }

        @Override
        public void NotifyPointerMotion(DBusPath session, Map<String, Variant<?>> options, double dx, double dy) {
            record("NotifyPointerMotion", options, dx, dy);
        }

        @Override
        public void NotifyPointerMotionAbsolute(DBusPath session, Map<String, Variant<?>> options, UInt32 stream,
                                                double x, double y) {
            record("NotifyPointerMotionAbsolute", options, stream.intValue(), x, y);
        }

        @Override
        public void NotifyPointerButton(DBusPath session, Map<String, Variant<?>> options, int button,
                                        UInt32 state) {
            record("NotifyPointerButton", options, button, state.intValue());
        }

        @Override
        public void NotifyPointerAxis(DBusPath session, Map<String, Variant<?>> options, double dx, double dy) {
            record("NotifyPointerAxis", options, dx, dy);
        }

        @Override
        public void NotifyPointerAxisDiscrete(DBusPath session, Map<String, Variant<?>> options, UInt32 axis,
                                              int steps) {
            record("NotifyPointerAxisDiscrete", options, axis.intValue(), steps);
        }

        @Override
        public void NotifyKeyboardKeycode(DBusPath session, Map<String, Variant<?>> options, int keycode,
                                          UInt32 state) {
            record("NotifyKeyboardKeycode", options, keycode, state.intValue());
        }

        @Override
        public void NotifyKeyboardKeysym(DBusPath session, Map<String, Variant<?>> options, int keysym,
                                         UInt32 state) {
            record("NotifyKeyboardKeysym", options, keysym, state.intValue());
        }

        @Override
        public void NotifyTouchDown(DBusPath session, Map<String, Variant<?>> options, UInt32 stream, UInt32 slot,
                                    double x, double y) {
            record("NotifyTouchDown", options, stream.intValue(), slot.intValue(), x, y);
        }

        @Override
        public void NotifyTouchMotion(DBusPath session, Map<String, Variant<?>> options, UInt32 stream,
                                      UInt32 slot, double x, double y) {
            record("NotifyTouchMotion", options, stream.intValue(), slot.intValue(), x, y);
        }

        @Override
        public void NotifyTouchUp(DBusPath session, Map<String, Variant<?>> options, UInt32 slot) {
            record("NotifyTouchUp", options, slot.intValue());
        }

        private void record(String member, Map<String, Variant<?>> options, Object... values) {
            Map<String, Object> passed = new java.util.TreeMap<>();
            options.forEach((key, value) -> passed.put(key, value.getValue()));
            notified.add(new Notified(member, passed, List.of(values)));
        }

        /** ScreenCast version 4 (restore tokens), RemoteDesktop version 1, as GNOME 43's backends. */
        private Map<String, Variant<?>> properties(String iface) {
            return switch (iface) {
                case "org.freedesktop.impl.portal.ScreenCast" -> Map.of(
                        "AvailableSourceTypes", new Variant<>(new UInt32(7)),
                        "AvailableCursorModes", new Variant<>(new UInt32(7)),
                        "version", new Variant<>(new UInt32(4)));
                case "org.freedesktop.impl.portal.RemoteDesktop" -> Map.of(
                        "AvailableDeviceTypes", new Variant<>(new UInt32(DEVICE_TYPES)),
                        "version", new Variant<>(new UInt32(1)));
                default -> Map.of();
            };
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A> A Get(String iface, String name) {
            return (A) properties(iface).get(name);
        }

        @Override
        public <A> void Set(String iface, String name, A value) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public Map<String, Variant<?>> GetAll(String iface) {
            return properties(iface);
        }

        @Override
        public String getObjectPath() {
            return PATH;
        }
    }

    private void exportSession(String path) {
        try {
            connection.exportObject(path, new ImplSession() {
                @Override
                public void Close() {
                    closedSessions.add(path);
                    connection.unExportObject(path);
                }

                @Override
                public String getObjectPath() {
                    return path;
                }
            });
        } catch (DBusException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A dialog nobody answers: open until the frontend closes its request, as a desktop's dialog stays up. */
    private void awaitDismissal(String path) {
        CountDownLatch closed = new CountDownLatch(1);
        try {
            connection.exportObject(path, new ImplRequest() {
                @Override
                public void Close() {
                    dismissed.incrementAndGet();
                    closed.countDown();
                }

                @Override
                public String getObjectPath() {
                    return path;
                }
            });
            closed.await(20, TimeUnit.SECONDS);
            connection.unExportObject(path);
        } catch (DBusException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The desktop ends a screencast on its own, as when the user presses "stop sharing". */
    public void endSession(String path) throws DBusException {
        connection.sendMessage(new ImplSession.Closed(path));
    }

    private static int uint(Variant<?> value) {
        return value != null && value.getValue() instanceof Number number ? number.intValue() : -1;
    }

    /** Every string inside a (nested) variant, joined: restore data arrives as whatever dbus-java unpacks. */
    private static String deepText(Object value) {
        return switch (value) {
            case Variant<?> variant -> deepText(variant.getValue());
            case Object[] fields -> String.join(",", java.util.Arrays.stream(fields).map(ScriptedDesktopPortal::deepText)
                    .toList());
            case Struct struct -> deepText(struct.getParameters());
            case List<?> list -> String.join(",", list.stream().map(ScriptedDesktopPortal::deepText).toList());
            case null -> "";
            default -> value.toString();
        };
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
