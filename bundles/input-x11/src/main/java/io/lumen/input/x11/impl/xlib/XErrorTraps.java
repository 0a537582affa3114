package io.lumen.input.x11.impl.xlib;

import io.lumen.log.WarnOnce;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Keeps Xlib from ending the JVM. Xlib's default handlers call exit(): on any protocol error (a stray BadValue)
 * and when a connection breaks (the X server went away). These traps log the first protocol error of each kind
 * and, for a broken connection, only remember that the display is lost, so its session can fail with a
 * BackendException. The error handlers are process-wide: installed once by whoever owns this object (the backend
 * component) and restored by {@link #close()}, after every connection that names them is gone, so no stub into this
 * bundle's classes outlives it.
 */
@SuppressWarnings("restricted") // reading the XErrorEvent Xlib hands to the handler
public final class XErrorTraps implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.input.x11");
    /** XErrorEvent on LP64: int type, Display*, XID resourceid, unsigned long serial, then three unsigned chars. */
    private static final long ERROR_EVENT_SIZE = 35;
    private static final long ERROR_CODE_OFFSET = 32;
    private static final long REQUEST_CODE_OFFSET = 33;
    private static final long MINOR_CODE_OFFSET = 34;

    private final Xlib xlib;
    private final Arena stubs = Arena.ofShared();
    private final WarnOnce warnings = new WarnOnce(LOG);
    private final Set<Long> lostDisplays = ConcurrentHashMap.newKeySet();
    private final MemorySegment errorStub;
    private final MemorySegment ioErrorStub;
    final MemorySegment ioExitStub;
    private final MemorySegment previousError;
    private final MemorySegment previousIoError;
    private boolean closed;

    public XErrorTraps(Xlib xlib) {
        if (!xlib.isAvailable()) {
            throw new IllegalStateException(xlib.unavailableReason().orElseThrow());
        }
        this.xlib = xlib;
        Linker linker = Linker.nativeLinker();
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            errorStub = linker.upcallStub(lookup.bind(this, "onError", MethodType.methodType(int.class,
                    MemorySegment.class, MemorySegment.class)), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS),
                    stubs);
            ioErrorStub = linker.upcallStub(lookup.bind(this, "onIoError", MethodType.methodType(int.class,
                    MemorySegment.class)), FunctionDescriptor.of(JAVA_INT, ADDRESS), stubs);
            ioExitStub = linker.upcallStub(lookup.bind(this, "onIoExit", MethodType.methodType(void.class,
                    MemorySegment.class, MemorySegment.class)), FunctionDescriptor.ofVoid(ADDRESS, ADDRESS), stubs);
            previousError = (MemorySegment) xlib.setErrorHandler.invokeExact(errorStub);
            previousIoError = (MemorySegment) xlib.setIoErrorHandler.invokeExact(ioErrorStub);
        } catch (Throwable e) {
            stubs.close();
            throw new IllegalStateException("cannot install the X error handlers", e);
        }
    }

    /** Whether the connection {@code display} broke; nothing but closing its socket may be done with it then. */
    boolean lost(MemorySegment display) {
        return lostDisplays.contains(display.address());
    }

    /** The display is gone from Xlib: a new connection may reuse its address. */
    void forget(MemorySegment display) {
        lostDisplays.remove(display.address());
    }

    /** Protocol errors seen, by kind, for diagnostics. */
    public java.util.Map<String, Long> errors() {
        return warnings.counts();
    }

    @SuppressWarnings("unused") // an upcall: int (*)(Display *, XErrorEvent *)
    private int onError(MemorySegment display, MemorySegment event) {
        try {
            MemorySegment fields = event.reinterpret(ERROR_EVENT_SIZE);
            int code = Byte.toUnsignedInt(fields.get(JAVA_BYTE, ERROR_CODE_OFFSET));
            int request = Byte.toUnsignedInt(fields.get(JAVA_BYTE, REQUEST_CODE_OFFSET));
            int minor = Byte.toUnsignedInt(fields.get(JAVA_BYTE, MINOR_CODE_OFFSET));
            warnings.warn("X error " + code + " on request " + request + "." + minor, "the X server refused a request"
                    + " (error code " + code + ", request " + request + "." + minor + "); the event is lost");
        } catch (Throwable ignored) {
            // an exception escaping an upcall would end the JVM
        }
        return 0;
    }

    @SuppressWarnings("unused") // an upcall: int (*)(Display *); returning hands over to the display's exit handler
    private int onIoError(MemorySegment display) {
        return 0;
    }

    @SuppressWarnings("unused") // an upcall: void (*)(Display *, void *), installed per connection
    private void onIoExit(MemorySegment display, MemorySegment userData) {
        try {
            if (lostDisplays.add(display.address())) {
                LOG.log(System.Logger.Level.WARNING, "the connection to the X server broke");
            }
        } catch (Throwable ignored) {
            // an exception escaping an upcall would end the JVM
        }
    }

    /**
     * Puts back the handlers found at installation. When another library replaced them since, its handlers stay and
     * the stubs are kept alive (a leak, not a crash).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            MemorySegment current = (MemorySegment) xlib.setErrorHandler.invokeExact(previousError);
            MemorySegment currentIo = (MemorySegment) xlib.setIoErrorHandler.invokeExact(previousIoError);
            boolean ours = current.address() == errorStub.address() && currentIo.address() == ioErrorStub.address();
            if (!ours) {
                MemorySegment ignored = (MemorySegment) xlib.setErrorHandler.invokeExact(current);
                MemorySegment ignoredIo = (MemorySegment) xlib.setIoErrorHandler.invokeExact(currentIo);
                LOG.log(System.Logger.Level.WARNING, "another library replaced lumen's X error handlers; they stay");
                return;
            }
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.WARNING, "cannot restore the X error handlers: " + e);
            return;
        }
        stubs.close();
    }
}
