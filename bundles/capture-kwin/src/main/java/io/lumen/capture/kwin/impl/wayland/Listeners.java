package io.lumen.capture.kwin.impl.wayland;

import io.lumen.nativeaccess.WarnOnce;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The listener tables handed to {@code wl_proxy_add_listener}: one set of upcall stubs for the whole bundle, made
 * once, whose user-data pointer is a key to the {@link Events} of one connection (a pointer to a Java object cannot
 * be passed through C). Every stub catches everything: an exception escaping an upcall aborts the JVM, and events
 * come from a compositor that may be buggy or hostile.
 */
@SuppressWarnings("restricted") // upcalls and the compositor's C strings are what this class is for
final class Listeners {

    /** What a connection hears; {@code proxy} is the address of the object the event is for. */
    interface Events {
        void global(int name, String iface, int version);

        void globalRemove(int name);

        void callbackDone(long proxy);

        void outputGeometry(long proxy, String make, String model);

        void outputMode(long proxy, int flags, int width, int height, int refreshMilliHz);

        void outputDone(long proxy);

        void outputScale(long proxy, int factor);

        void outputName(long proxy, String name);

        void outputDescription(long proxy, String description);

        void streamClosed(long proxy);

        void streamCreated(long proxy, int node);

        void streamFailed(long proxy, String error);

        /** A window announced by org_kde_plasma_window_management. */
        void windowAdded(String uuid);

        /** Every window there is now, uuids in stacking order. */
        void windowsNow(List<String> uuids);
    }

    private static final System.Logger LOG = System.getLogger("lumen.capture.kwin");
    private static final WarnOnce WARNINGS = new WarnOnce(LOG);
    private static final Map<Long, Events> TARGETS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_KEY = new AtomicLong(1);
    /** A Wayland string is NUL-terminated; this bounds the read of one from a misbehaving peer. */
    private static final long MAX_STRING = 1 << 16;
    private static final Arena ARENA = Arena.ofAuto();
    private static final FunctionDescriptor NO_ARGS = FunctionDescriptor.ofVoid(ADDRESS, ADDRESS);

    static final MemorySegment REGISTRY = table(
            stub("global", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT)),
            stub("globalRemove", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT)));
    static final MemorySegment CALLBACK = table(stub("callbackDone", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT)));
    /** wl_output's events up to version 4: geometry, mode, done, scale, name, description. */
    static final MemorySegment OUTPUT = table(
            stub("outputGeometry", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                    JAVA_INT, ADDRESS, ADDRESS, JAVA_INT)),
            stub("outputMode", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT)),
            stub("outputDone", NO_ARGS),
            stub("outputScale", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT)),
            stub("outputName", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS)),
            stub("outputDescription", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS)));
    /** The stream's events in ScreencastProtocol's order: closed, created, failed. */
    static final MemorySegment STREAM = table(
            stub("streamClosed", NO_ARGS),
            stub("streamCreated", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT)),
            stub("streamFailed", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS)));

    /** org_kde_plasma_window_management's events up to version 13, in the XML's order. */
    static final MemorySegment WINDOW_MANAGEMENT = table(
            stub("ignoredUint", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT)),
            stub("ignoredUint", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT)),
            stub("ignoredPointer", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS)),
            stub("stackingOrderUuids", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS)),
            stub("windowWithUuid", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT, ADDRESS)));

    private Listeners() {
    }

    /** The user-data pointer that routes events to {@code events} until {@link #unregister}. */
    static MemorySegment register(Events events) {
        long key = NEXT_KEY.getAndIncrement();
        TARGETS.put(key, events);
        return MemorySegment.ofAddress(key);
    }

    static void unregister(MemorySegment key) {
        TARGETS.remove(key.address());
    }

    private static MemorySegment table(MemorySegment... stubs) {
        MemorySegment table = ARENA.allocate(ADDRESS, stubs.length);
        for (int i = 0; i < stubs.length; i++) {
            table.setAtIndex(ADDRESS, i, stubs[i]);
        }
        return table;
    }

    private static MemorySegment stub(String method, FunctionDescriptor descriptor) {
        try {
            MethodType type = descriptor.toMethodType();
            MethodHandle target = MethodHandles.lookup().findStatic(Listeners.class, method, type);
            MethodHandle report = MethodHandles.insertArguments(MethodHandles.lookup().findStatic(Listeners.class,
                    "failed", MethodType.methodType(void.class, String.class, Throwable.class)), 0, method);
            MethodHandle guarded = MethodHandles.catchException(target, Throwable.class,
                    MethodHandles.dropArguments(report, 1, type.parameterList()));
            return Linker.nativeLinker().upcallStub(guarded, descriptor, ARENA);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static void failed(String event, Throwable error) {
        try {
            WARNINGS.warn(event, "handling the Wayland event " + event + " failed: " + error);
        } catch (Throwable ignored) {
            // the logger itself failed: nothing may escape an upcall
        }
    }

    private static Events target(MemorySegment data) {
        return TARGETS.get(data.address());
    }

    /** A C string from the peer; a null one (a nullable argument) reads as the empty string. */
    static String string(MemorySegment pointer) {
        if (pointer.equals(MemorySegment.NULL)) {
            return "";
        }
        MemorySegment bytes = pointer.reinterpret(MAX_STRING);
        long length = 0;
        while (length < MAX_STRING && bytes.get(ValueLayout.JAVA_BYTE, length) != 0) {
            length++;
        }
        return new String(bytes.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    private static void with(MemorySegment data, Consumer<Events> call) {
        Events events = target(data);
        if (events != null) {
            call.accept(events);
        }
    }

    private static void global(MemorySegment data, MemorySegment registry, int name, MemorySegment iface, int version) {
        String interfaceName = string(iface);
        with(data, e -> e.global(name, interfaceName, version));
    }

    private static void globalRemove(MemorySegment data, MemorySegment registry, int name) {
        with(data, e -> e.globalRemove(name));
    }

    private static void callbackDone(MemorySegment data, MemorySegment callback, int serial) {
        with(data, e -> e.callbackDone(callback.address()));
    }

    private static void outputGeometry(MemorySegment data, MemorySegment output, int x, int y, int physicalWidth,
                                       int physicalHeight, int subpixel, MemorySegment make, MemorySegment model,
                                       int transform) {
        String makeText = string(make);
        String modelText = string(model);
        with(data, e -> e.outputGeometry(output.address(), makeText, modelText));
    }

    private static void outputMode(MemorySegment data, MemorySegment output, int flags, int width, int height,
                                   int refresh) {
        with(data, e -> e.outputMode(output.address(), flags, width, height, refresh));
    }

    private static void outputDone(MemorySegment data, MemorySegment output) {
        with(data, e -> e.outputDone(output.address()));
    }

    private static void outputScale(MemorySegment data, MemorySegment output, int factor) {
        with(data, e -> e.outputScale(output.address(), factor));
    }

    private static void outputName(MemorySegment data, MemorySegment output, MemorySegment name) {
        String text = string(name);
        with(data, e -> e.outputName(output.address(), text));
    }

    private static void outputDescription(MemorySegment data, MemorySegment output, MemorySegment description) {
        String text = string(description);
        with(data, e -> e.outputDescription(output.address(), text));
    }

    private static void streamClosed(MemorySegment data, MemorySegment stream) {
        with(data, e -> e.streamClosed(stream.address()));
    }

    private static void streamCreated(MemorySegment data, MemorySegment stream, int node) {
        with(data, e -> e.streamCreated(stream.address(), node));
    }

    private static void streamFailed(MemorySegment data, MemorySegment stream, MemorySegment error) {
        String text = string(error);
        with(data, e -> e.streamFailed(stream.address(), text));
    }

    /** show_desktop_changed, window (a deprecated id), stacking_order_changed (ids): nothing lumen uses. */
    private static void ignoredUint(MemorySegment data, MemorySegment proxy, int value) {
    }

    private static void ignoredPointer(MemorySegment data, MemorySegment proxy, MemorySegment value) {
    }

    private static void stackingOrderUuids(MemorySegment data, MemorySegment proxy, MemorySegment uuids) {
        List<String> list = Arrays.stream(string(uuids).split(";")).filter(u -> !u.isBlank())
                .toList();
        with(data, e -> e.windowsNow(list));
    }

    private static void windowWithUuid(MemorySegment data, MemorySegment proxy, int id, MemorySegment uuid) {
        String text = string(uuid);
        with(data, e -> e.windowAdded(text));
    }
}
