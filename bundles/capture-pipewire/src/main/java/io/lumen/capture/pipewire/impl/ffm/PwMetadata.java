package io.lumen.capture.pipewire.impl.ffm;

import io.lumen.nativeaccess.Errno;
import io.lumen.log.WarnOnce;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A bound metadata object (the session manager's "default" one, say): the properties of subject 0 (the global
 * keys such as {@code default.audio.sink}), kept up to date from its property events, and a way to set or delete
 * one. Values are kept as the raw strings PipeWire carries (JSON for the default keys).
 */
public final class PwMetadata implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.capture.pipewire");
    public static final String JSON = "Spa:String:JSON";

    private final PwConnection connection;
    private final int id;
    private final Arena arena = Arena.ofShared();
    private final WarnOnce warnings = new WarnOnce(LOG);
    private final SpaHook hook = new SpaHook(arena);
    private final Map<String, String> subjectZero = new HashMap<>();
    private MemorySegment proxy = MemorySegment.NULL;
    private boolean closed;

    private PwMetadata(PwConnection connection, int id) {
        this.connection = connection;
        this.id = id;
    }

    /** Binds metadata global {@code id}; returns once its current properties have arrived (one roundtrip). */
    public static PwMetadata bind(PwRegistry registry, int id, Duration timeout) throws PipeWireException {
        PwConnection connection = registry.connection();
        PwMetadata bound = new PwMetadata(connection, id);
        connection.adopt(bound);
        try {
            connection.loop().locked(() -> {
                bound.proxy = registry.bindProxy(id, PwRegistry.METADATA, PwLayouts.VERSION_METADATA, bound.arena);
                bound.listen();
                return null;
            });
            connection.roundtrip(timeout);
        } catch (PipeWireException | RuntimeException e) {
            bound.close();
            throw e;
        }
        return bound;
    }

    private void listen() throws PipeWireException {
        try {
            MemorySegment events = arena.allocate(PwLayouts.METADATA_EVENTS);
            events.set(ADDRESS, PwLayouts.offset(PwLayouts.METADATA_EVENTS, "property"), Upcalls.stub(arena,
                    MethodHandles.lookup(), this, "onProperty", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT,
                            ADDRESS, ADDRESS, ADDRESS), warnings, "metadata.property"));
            MethodHandle addListener = SpaInterfaceCall.method(proxy, PwLayouts.METADATA_METHODS, "add_listener")
                    .handle(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
            int result = (int) addListener.invokeExact(hook.segment(), events, MemorySegment.NULL);
            if (result < 0) {
                throw new PipeWireException("listening to metadata " + id + " failed: " + Errno.describe(-result));
            }
        } catch (PipeWireException e) {
            throw e;
        } catch (Throwable e) {
            throw new PipeWireException("listening to metadata " + id + " failed: " + e);
        }
    }

    private int onProperty(MemorySegment data, int subject, MemorySegment key, MemorySegment type,
                           MemorySegment value) {
        if (subject != 0) {
            return 0;
        }
        String name = SpaDict.string(key);
        String text = SpaDict.string(value);
        synchronized (this) {
            if (name == null) {
                subjectZero.clear(); // a NULL key clears every property of the subject
            } else if (text == null) {
                subjectZero.remove(name);
            } else {
                subjectZero.put(name, text);
            }
            notifyAll();
        }
        return 0;
    }

    /** The raw value of {@code key} on subject 0, as last announced. */
    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(subjectZero.get(key));
    }

    /** Sets {@code key} on subject 0 to {@code value} of {@code type}; a null value deletes the key. */
    public void set(String key, String type, String value) throws PipeWireException {
        connection.loop().locked(() -> {
            try (Arena call = Arena.ofConfined()) {
                MethodHandle setProperty = SpaInterfaceCall.method(proxy, PwLayouts.METADATA_METHODS,
                        "set_property").handle(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS,
                        ADDRESS));
                MemorySegment typeText = value == null ? MemorySegment.NULL : call.allocateFrom(type);
                MemorySegment valueText = value == null ? MemorySegment.NULL : call.allocateFrom(value);
                int result = (int) setProperty.invokeExact(0, call.allocateFrom(key), typeText, valueText);
                if (result < 0) {
                    throw new PipeWireException("setting " + key + " failed: " + Errno.describe(-result));
                }
                return null;
            } catch (PipeWireException e) {
                throw e;
            } catch (Throwable e) {
                throw new PipeWireException("setting " + key + " failed: " + e);
            }
        });
    }

    /**
     * Waits until the properties of subject 0 satisfy {@code ready}; false after {@code timeout}. Not on the loop
     * thread, which delivers the changes.
     */
    public boolean await(Predicate<Map<String, String>> ready, Duration timeout) throws InterruptedException {
        connection.loop().requireOutsideLoop("waiting for metadata");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!ready.test(subjectZero)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || connection.lostBecause() != null) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Stops listening and destroys the proxy. Not on the loop thread. */
    @Override
    public void close() {
        connection.loop().requireOutsideLoop("closing metadata");
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        connection.closeProxy(this, hook, proxy, "metadata " + id);
        arena.close();
    }
}
