package io.lumen.capture.portal.impl;

import io.lumen.dbus.SessionBuses;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusBoundProperty;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusProperty;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A desktop's ScreenCast backend (org.freedesktop.impl.portal.ScreenCast) as the portal frontend talks to it,
 * answering as GNOME's does: the "user" is asked at Start unless the restore data the frontend passes is still
 * good; a grant names the test producer's node and returns restore data with persist mode 2. What the user answers
 * is scripted per test; every prompt, selection and session close is recorded.
 */
final class ScriptedScreenCast implements AutoCloseable {

    static final String BUS_NAME = "org.freedesktop.impl.portal.desktop.lumentest";
    static final String PATH = "/org/freedesktop/portal/desktop";

    enum Answer { GRANT, DENY, IGNORE }

    @DBusInterfaceName("org.freedesktop.impl.portal.ScreenCast")
    public interface ImplScreenCast extends DBusInterface {
        Reply<UInt32, Map<String, Variant<?>>> CreateSession(DBusPath handle, DBusPath session, String appId, Map<String, Variant<?>> options);

        Reply<UInt32, Map<String, Variant<?>>> SelectSources(DBusPath handle, DBusPath session, String appId, Map<String, Variant<?>> options);

        Reply<UInt32, Map<String, Variant<?>>> Start(DBusPath handle, DBusPath session, String appId, String parentWindow,
                    Map<String, Variant<?>> options);

        @DBusBoundProperty(name = "AvailableSourceTypes", access = DBusProperty.Access.READ)
        UInt32 getAvailableSourceTypes();

        @DBusBoundProperty(name = "AvailableCursorModes", access = DBusProperty.Access.READ)
        UInt32 getAvailableCursorModes();

        @DBusBoundProperty(name = "version", access = DBusProperty.Access.READ)
        UInt32 getVersion();
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

    private static Reply<UInt32, Map<String, Variant<?>>> reply(int response, Map<String, Variant<?>> results) {
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

    /** One SelectSources as the frontend passed it on. */
    record Selection(int types, int cursorMode, int persistMode, Optional<String> restoreData) {
    }

    private final DBusConnection connection;
    private final int node;
    volatile Answer answer = Answer.GRANT;
    /** What restore data this "desktop" still honours; changing it is the monitor going away. */
    volatile String monitor = "Virtual-1";
    final AtomicInteger prompts = new AtomicInteger();
    /** Dialogs the frontend closed (Request.Close) before the "user" answered. */
    final AtomicInteger dismissed = new AtomicInteger();
    final List<Selection> selections = new CopyOnWriteArrayList<>();
    final List<String> sessions = new CopyOnWriteArrayList<>();
    final List<String> closedSessions = new CopyOnWriteArrayList<>();
    private final Map<String, Optional<String>> restoreBySession = new java.util.concurrent.ConcurrentHashMap<>();

    ScriptedScreenCast(String busAddress, int node) throws DBusException {
        this.node = node;
        connection = SessionBuses.connect(busAddress);
        connection.exportObject(PATH, new ImplScreenCast() {
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
            public Reply<UInt32, Map<String, Variant<?>>> Start(DBusPath handle, DBusPath session, String appId, String parentWindow,
                               Map<String, Variant<?>> options) {
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
                return reply(0, Map.of(
                        "streams", new Variant<>(List.of(new Stream(new UInt32(node), properties)), "a(ua{sv})"),
                        "persist_mode", new Variant<>(new UInt32(2)),
                        "restore_data", new Variant<>(new RestoreData("GNOME", new UInt32(1),
                                new Variant<>("monitor-" + monitor)), "(suv)")));
            }

            @Override
            public UInt32 getAvailableSourceTypes() {
                return new UInt32(7);
            }

            @Override
            public UInt32 getAvailableCursorModes() {
                return new UInt32(7);
            }

            @Override
            public UInt32 getVersion() {
                return new UInt32(4);
            }

            @Override
            public String getObjectPath() {
                return PATH;
            }
        });
        connection.requestBusName(BUS_NAME);
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
    void endSession(String path) throws DBusException {
        connection.sendMessage(new ImplSession.Closed(path));
    }

    private static int uint(Variant<?> value) {
        return value != null && value.getValue() instanceof Number number ? number.intValue() : -1;
    }

    /** Every string inside a (nested) variant, joined: restore data arrives as whatever dbus-java unpacks. */
    private static String deepText(Object value) {
        return switch (value) {
            case Variant<?> variant -> deepText(variant.getValue());
            case Object[] fields -> String.join(",", java.util.Arrays.stream(fields).map(ScriptedScreenCast::deepText)
                    .toList());
            case Struct struct -> deepText(struct.getParameters());
            case List<?> list -> String.join(",", list.stream().map(ScriptedScreenCast::deepText).toList());
            case null -> "";
            default -> value.toString();
        };
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
