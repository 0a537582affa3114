package io.lumen.capture.portal.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.dbus.BusMessages;
import io.lumen.dbus.SessionBuses;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One screencast through the desktop portal, on a D-Bus connection of its own: CreateSession, SelectSources
 * (with the remembered restore token), Start (where the desktop may ask the user), OpenPipeWireRemote. A target
 * with input makes the session a remote desktop's: CreateSession, SelectDevices and Start go to the RemoteDesktop
 * portal (one dialog asks for the screen and the input), SelectSources and OpenPipeWireRemote stay ScreenCast's.
 * Every call answers through a Request object's Response signal, listened for before the call so no answer is
 * missed. The portal session lives until {@link #close}; {@link #ended} completes when the portal closes it first.
 * Every call is a plain message and every signal is read generically (io.lumen.dbus.BusMessages): no class of this
 * bundle reaches dbus-java's static caches, so an updated capture-portal leaves nothing of its old revision behind.
 */
final class PortalScreenCast implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.capture.portal");
    private static final AtomicInteger TOKENS = new AtomicInteger();
    /** A restored consent answers at once; past this, the desktop is showing its dialog after all. */
    private static final Duration RESTORE_GRACE = Duration.ofSeconds(1);
    /** The portal replies to a call at once (its answer comes later, as a Response): a wait for a stuck bus. */
    private static final Duration REPLY_WAIT = Duration.ofSeconds(5);

    private final DBusConnection connection;
    private final String requestPrefix;
    private final Map<String, CompletableFuture<Response>> responses = new ConcurrentHashMap<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final List<AutoCloseable> handlers = new ArrayList<>();
    private volatile DBusPath session;
    private volatile boolean restoreTokenSpent;

    /**
     * What the portal granted: the stream's node, the token that restores this consent (if it gave one), whether
     * this consent could be remembered at all, the input devices the user shared (0: none) and the stream's size
     * as the portal knows it (0 when it named none), which bounds the absolute positions it accepts.
     */
    record Granted(int node, Optional<String> restoreToken, boolean rememberable, int devices, int width,
                   int height) {
    }

    /** A Request's Response signal (ua{sv}): its code and results. */
    private record Response(int code, Map<String, Variant<?>> results) {

        @SuppressWarnings("unchecked")
        static Response of(DBusSignal signal) {
            Object[] values;
            try {
                values = signal.getParameters();
            } catch (DBusException e) {
                values = new Object[0];
            }
            // a malformed answer counts as the desktop failing, never as a grant
            int code = values.length > 0 && values[0] instanceof Number n ? n.intValue() : -1;
            Map<String, Variant<?>> results = values.length > 1 && values[1] instanceof Map<?, ?> map
                    ? (Map<String, Variant<?>>) map : Map.of();
            return new Response(code, results);
        }
    }

    private PortalScreenCast(DBusConnection connection) throws DBusException {
        this.connection = connection;
        // the portal names a call's Request object after the caller: /…/request/<unique name, ':' dropped, '.'→'_'>
        this.requestPrefix = PortalBus.PATH + "/request/" + connection.getUniqueName().substring(1).replace('.', '_')
                + "/";
        handlers.add(BusMessages.onSignal(connection, PortalBus.REQUEST, "Response", signal ->
                responses.computeIfAbsent(signal.getPath(), p -> new CompletableFuture<>())
                        .complete(Response.of(signal))));
        handlers.add(BusMessages.onSignal(connection, PortalBus.SESSION, "Closed", signal -> {
            DBusPath current = session;
            if (current != null && current.getPath().equals(signal.getPath())) {
                ended.complete("the desktop ended the screencast (the portal closed its session: sharing was"
                        + " stopped on the desktop, or its screencast service went away)");
            }
        }));
        handlers.add(BusMessages.onSignal(connection, "org.freedesktop.DBus", "NameOwnerChanged", signal -> {
            Object[] change = parameters(signal);
            if (change.length == 3 && PortalBus.NAME.equals(change[0]) && "".equals(change[2])) {
                ended.complete("the desktop portal (" + PortalBus.NAME + ") left the session bus");
            }
        }));
    }

    /** Connects to the portal on the session bus at {@code address}. */
    static PortalScreenCast connect(String address) throws BackendException {
        DBusConnection connection;
        try {
            connection = SessionBuses.connect(address);
        } catch (DBusException | RuntimeException e) {
            throw new BackendException("the D-Bus session bus at " + address + " cannot be reached: " + e.getMessage(),
                    e);
        }
        try {
            return new PortalScreenCast(connection);
        } catch (DBusException | RuntimeException e) {
            connection.disconnect();
            throw new BackendException("the desktop portal cannot be listened to: " + e.getMessage(), e);
        }
    }

    /**
     * The portal's ScreenCast properties (version, AvailableSourceTypes, AvailableCursorModes) and its
     * RemoteDesktop's (version, AvailableDeviceTypes; both 0 where the desktop has no remote-desktop backend).
     */
    record Capabilities(int version, int sourceTypes, int cursorModes, int remoteDesktopVersion, int deviceTypes) {

        boolean remembersInput() {
            return remoteDesktopVersion >= PortalBus.REMOTE_DESKTOP_RESTORE_VERSION;
        }
    }

    Capabilities capabilities() throws BackendException {
        int version;
        int sources;
        int cursors;
        try {
            version = number(property(PortalBus.SCREEN_CAST, "version"));
            sources = number(property(PortalBus.SCREEN_CAST, "AvailableSourceTypes"));
            cursors = number(property(PortalBus.SCREEN_CAST, "AvailableCursorModes"));
        } catch (DBusException | DBusExecutionException e) {
            throw new BackendException("the desktop portal (" + PortalBus.NAME + ") offers no ScreenCast: "
                    + e.getMessage(), e);
        }
        try {
            return new Capabilities(version, sources, cursors,
                    number(property(PortalBus.REMOTE_DESKTOP, "version")),
                    number(property(PortalBus.REMOTE_DESKTOP, "AvailableDeviceTypes")));
        } catch (DBusException | DBusExecutionException e) {
            // no remote-desktop backend on this desktop: screencasts still work, input through the portal does not
            return new Capabilities(version, sources, cursors, 0, 0);
        }
    }

    /** Whether the portal's file descriptor can reach lumen on this connection. */
    boolean passesFileDescriptors() {
        return SessionBuses.passesFileDescriptors(connection);
    }

    /**
     * Asks for a screencast of {@code target}, restoring {@code restoreToken} when given; waits up to
     * {@code consent} for the user's answer to the desktop's dialog.
     */
    Granted start(PortalTarget target, Optional<String> restoreToken, Duration calls, Duration consent)
            throws BackendException {
        Capabilities capabilities = capabilities();
        int types = target.types() & capabilities.sourceTypes();
        if (types == 0) {
            throw new BackendException("the desktop's screencast portal offers no " + target.describeSources()
                    + " source (it offers " + new PortalTarget(capabilities.sourceTypes(), "-").describeSources()
                    + ")");
        }
        boolean input = target.input();
        int devices = (PortalBus.KEYBOARD | PortalBus.POINTER | PortalBus.TOUCHSCREEN) & capabilities.deviceTypes();
        if (input && devices == 0) {
            throw new BackendException("the desktop portal offers no remote desktop (input) here, so \""
                    + target.describeSources() + "\" cannot be granted; drop \"+input\" from the app's capture to"
                    + " stream without input");
        }
        // a remote-desktop consent is remembered only by RemoteDesktop 2 and later, and then through SelectDevices
        boolean rememberable = input ? capabilities.remembersInput() : capabilities.version() >= PortalBus.RESTORE_VERSION;
        if (input && !rememberable) {
            LOG.log(System.Logger.Level.WARNING, "the desktop portal's RemoteDesktop is version "
                    + capabilities.remoteDesktopVersion() + " (xdg-desktop-portal before 1.17), which cannot remember"
                    + " a consent with input: the desktop asks on every stream of \"" + target.consent() + "\"");
        }
        String sessionToken = "lumen" + TOKENS.incrementAndGet();
        Map<String, Variant<?>> create = Map.of("session_handle_token", new Variant<>(sessionToken));
        Response created = call(input ? PortalBus.REMOTE_DESKTOP : PortalBus.SCREEN_CAST, "CreateSession", "a{sv}",
                calls, create);
        expectSuccess(created, "CreateSession");
        session = new DBusPath(text(created.results().get("session_handle")));
        boolean restoring = rememberable && restoreToken.isPresent();
        if (input) {
            Map<String, Variant<?>> choose = new LinkedHashMap<>();
            choose.put("types", new Variant<>(new UInt32(devices)));
            if (rememberable) {
                choose.put("persist_mode", new Variant<>(new UInt32(PortalBus.PERSIST_UNTIL_REVOKED)));
                restoreToken.ifPresent(token -> choose.put("restore_token", new Variant<>(token)));
            }
            Response chosen = call(PortalBus.REMOTE_DESKTOP, "SelectDevices", "oa{sv}", calls, choose, session);
            restoreTokenSpent = restoring;
            expectSuccess(chosen, "SelectDevices");
        }

        Map<String, Variant<?>> select = new LinkedHashMap<>();
        select.put("types", new Variant<>(new UInt32(types)));
        select.put("multiple", new Variant<>(false));
        // Moonlight clients draw no cursor of their own: it has to be in the picture
        if ((capabilities.cursorModes() & PortalBus.CURSOR_EMBEDDED) != 0) {
            select.put("cursor_mode", new Variant<>(new UInt32(PortalBus.CURSOR_EMBEDDED)));
        }
        // a remote-desktop session refuses both here (every frontend version): its consent went with SelectDevices
        if (!input && rememberable) {
            select.put("persist_mode", new Variant<>(new UInt32(PortalBus.PERSIST_UNTIL_REVOKED)));
            restoreToken.ifPresent(token -> select.put("restore_token", new Variant<>(token)));
        }
        Response selected = call(PortalBus.SCREEN_CAST, "SelectSources", "oa{sv}", calls, select, session);
        // the portal took the token: it deletes what it stored under it and stores it again only on success
        restoreTokenSpent = restoring;
        expectSuccess(selected, "SelectSources");

        if (!restoring) {
            LOG.log(System.Logger.Level.INFO, "waiting for the user to allow the screencast on the desktop ("
                    + target.describeSources() + ", consent \"" + target.consent() + "\"; up to "
                    + consent.toSeconds() + " s)");
        }
        Response started = awaitStart(target, restoring, calls, consent);
        if (started.code() == PortalBus.RESPONSE_CANCELLED) {
            throw new BackendException("the user denied the screencast" + (input ? " with input" : "")
                    + " on the desktop (consent \"" + target.consent() + "\")");
        }
        expectSuccess(started, "Start");
        Variant<?> streams = started.results().get("streams");
        int node = PortalStreams.node(streams)
                .orElseThrow(() -> new BackendException("the desktop portal granted the screencast but named no"
                        + " PipeWire stream"));
        Optional<String> renewed = rememberable
                ? Optional.ofNullable(started.results().get("restore_token")).map(PortalScreenCast::text)
                : Optional.empty();
        int shared = input ? number(started.results().get("devices")) : 0;
        int[] size = PortalStreams.size(streams);
        return new Granted(node, renewed, rememberable, shared, size[0], size[1]);
    }

    /** The live session's path, for the input calls that name it. */
    DBusPath session() {
        return session;
    }

    DBusConnection connection() {
        return connection;
    }

    /** True once a restore token was handed to the portal, which then no longer holds it unless Start succeeds. */
    boolean restoreTokenSpent() {
        return restoreTokenSpent;
    }

    private Response awaitStart(PortalTarget target, boolean restoring, Duration calls, Duration consent)
            throws BackendException {
        String handle = "lumen" + TOKENS.incrementAndGet();
        CompletableFuture<Response> answer = expect(handle);
        long deadline = System.nanoTime() + consent.toNanos();
        DBusPath request = ask(target.input() ? PortalBus.REMOTE_DESKTOP : PortalBus.SCREEN_CAST, "Start", "osa{sv}",
                calls, handle, Map.of(), session, "");
        answer = moved(handle, request, answer);
        try {
            if (restoring) {
                try {
                    return answer.get(Math.min(RESTORE_GRACE.toNanos(), consent.toNanos()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException stillWaiting) {
                    LOG.log(System.Logger.Level.INFO, "the desktop did not take the remembered consent \""
                            + target.consent() + "\" at once: waiting for the user to allow the screencast on the"
                            + " desktop (up to " + consent.toSeconds() + " s)");
                }
            }
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            dismiss(request);
            throw new BackendException("nobody answered the desktop's screencast dialog within " + consent.toSeconds()
                    + " s (setting " + PortalSettings.CONSENT_TIMEOUT + ")");
        } catch (ExecutionException e) {
            throw new BackendException("the desktop portal's answer was lost: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dismiss(request);
            throw new BackendException("interrupted while waiting for the desktop's screencast dialog", e);
        } finally {
            responses.remove(request.getPath());
        }
    }

    /**
     * The PipeWire connection for the granted streams, which its receiver owns; empty when this bus cannot pass
     * descriptors, and the node is then reached on the default daemon.
     */
    OptionalInt openPipeWireRemote() throws BackendException {
        if (!passesFileDescriptors()) {
            // unsandboxed, lumen can reach the node on the session's own PipeWire daemon without the portal's fd
            LOG.log(System.Logger.Level.WARNING, "this D-Bus connection cannot receive file descriptors: the portal's"
                    + " node is streamed from the default PipeWire daemon instead of through OpenPipeWireRemote");
            return OptionalInt.empty();
        }
        try {
            Object[] reply = BusMessages.call(connection, PortalBus.NAME, PortalBus.PATH, PortalBus.SCREEN_CAST,
                    "OpenPipeWireRemote", REPLY_WAIT, "oa{sv}", session, Map.<String, Variant<?>>of());
            if (reply.length != 1 || !(reply[0] instanceof FileDescriptor fd)) {
                throw new BackendException("the desktop portal answered OpenPipeWireRemote without a file descriptor");
            }
            return OptionalInt.of(fd.getIntFileDescriptor());
        } catch (DBusException | DBusExecutionException e) {
            throw new BackendException("the desktop portal did not open PipeWire for the screencast: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Calls {@code method} of {@code iface} with {@code leading} arguments and then {@code options} (with a fresh
     * handle_token), and waits up to {@code timeout} for its Response.
     */
    private Response call(String iface, String method, String signature, Duration timeout,
                          Map<String, Variant<?>> options, Object... leading) throws BackendException {
        String handle = "lumen" + TOKENS.incrementAndGet();
        CompletableFuture<Response> answer = expect(handle);
        DBusPath request = ask(iface, method, signature, timeout, handle, options, leading);
        answer = moved(handle, request, answer);
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            dismiss(request);
            throw new BackendException("the desktop portal did not answer " + method + " within "
                    + timeout.toSeconds() + " s (setting " + PortalSettings.CALL_TIMEOUT + ")");
        } catch (ExecutionException e) {
            throw new BackendException("the desktop portal's answer to " + method + " was lost: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while waiting for the desktop portal's " + method, e);
        } finally {
            responses.remove(request.getPath());
        }
    }

    /** Sends one portal call and returns the Request object its answer will come through. */
    private DBusPath ask(String iface, String method, String signature, Duration timeout, String handle,
                         Map<String, Variant<?>> options, Object... leading) throws BackendException {
        Map<String, Variant<?>> withHandle = new LinkedHashMap<>(options);
        withHandle.put("handle_token", new Variant<>(handle));
        Object[] args = Arrays.copyOf(leading, leading.length + 1);
        args[leading.length] = withHandle;
        try {
            Object[] reply = BusMessages.call(connection, PortalBus.NAME, PortalBus.PATH, iface, method, timeout,
                    signature, args);
            if (reply.length == 1 && reply[0] instanceof DBusPath request) {
                return request;
            }
            throw new BackendException("the desktop portal answered " + method + " without a request object");
        } catch (DBusException | DBusExecutionException e) {
            responses.remove(requestPrefix + handle);
            throw new BackendException("the desktop portal refused " + method + ": " + e.getMessage(), e);
        }
    }

    private CompletableFuture<Response> expect(String handle) {
        return responses.computeIfAbsent(requestPrefix + handle, p -> new CompletableFuture<>());
    }

    /** Portals before 0.9 ignored handle_token and picked their own path; the answer is then looked for there. */
    private CompletableFuture<Response> moved(String handle, DBusPath request, CompletableFuture<Response> answer) {
        if (request.getPath().equals(requestPrefix + handle)) {
            return answer;
        }
        responses.remove(requestPrefix + handle);
        return responses.computeIfAbsent(request.getPath(), p -> new CompletableFuture<>());
    }

    /** Closes a request nobody answered, which takes the desktop's dialog away. */
    private void dismiss(DBusPath request) {
        try {
            BusMessages.call(connection, PortalBus.NAME, request.getPath(), PortalBus.REQUEST, "Close", REPLY_WAIT, null);
        } catch (DBusException | DBusExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the portal request " + request + ": " + e.getMessage());
        }
    }

    private static void expectSuccess(Response response, String method) throws BackendException {
        if (response.code() != PortalBus.RESPONSE_SUCCESS) {
            throw new BackendException("the desktop portal ended " + method + " without a screencast (response "
                    + response.code() + (response.code() == PortalBus.RESPONSE_CANCELLED ? ": cancelled by the user"
                    : ": the desktop gave up or failed") + ")");
        }
    }

    /** Completes with the reason when the portal ends the session before lumen does. */
    CompletableFuture<String> ended() {
        return ended;
    }

    /** Ends the portal session (the desktop stops its screencast and its sharing indicator) and the connection. */
    @Override
    public void close() {
        ended.complete("closed by lumen");
        DBusPath current = session;
        if (current != null && connection.isConnected()) {
            try {
                BusMessages.call(connection, PortalBus.NAME, current.getPath(), PortalBus.SESSION, "Close", REPLY_WAIT,
                        null);
            } catch (DBusException | DBusExecutionException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the portal session " + current + ": " + e.getMessage());
            }
        }
        for (AutoCloseable handler : handlers) {
            try {
                handler.close();
            } catch (Exception e) {
                // the connection goes next, taking its match rules with it
            }
        }
        connection.disconnect();
    }

    private static String text(Variant<?> value) {
        if (value == null) {
            return "";
        }
        return value.getValue() instanceof DBusPath path ? path.getPath() : String.valueOf(value.getValue());
    }

    private static int number(Object value) {
        return BusMessages.unwrap(value) instanceof Number number ? number.intValue() : 0;
    }

    private Object property(String iface, String name) throws DBusException {
        return BusMessages.property(connection, PortalBus.NAME, PortalBus.PATH, iface, name, REPLY_WAIT);
    }

    private static Object[] parameters(DBusSignal signal) {
        try {
            return signal.getParameters();
        } catch (DBusException e) {
            return new Object[0];
        }
    }
}
