package io.lumen.wayland;

import java.lang.foreign.Arena;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link WaylandConnection.Work} may do on the connection's dispatch thread: bind globals, send requests
 * by opcode, create and destroy objects. Only valid inside the work it was handed to.
 * <p>
 * Request arguments, in the signature's order: an {@link Integer} for int, uint and fixed (see {@link Fixed}), a
 * {@link String} for a string, a {@link WaylandProxy} for an object, {@code null} for a nullable string or object,
 * and {@link #NEW_ID} where the request creates its object.
 */
public final class Requests {

    /** Marks the new_id argument of a request that creates an object. */
    public static final Object NEW_ID = new Object() {
        @Override
        public String toString() {
            return "new_id";
        }
    };

    private final WaylandConnection connection;

    Requests(WaylandConnection connection) {
        this.connection = connection;
    }

    public String display() {
        return connection.display();
    }

    /** The version of {@code iface} the registry advertises to this client; 0 when it does not. */
    public int advertised(String iface) {
        return connection.advertised(iface);
    }

    /**
     * Binds the first advertised global of {@code iface} at the lower of its version and {@code maxVersion}; its
     * events go to {@code events}. Empty when the compositor does not advertise it to this client.
     */
    public Optional<WaylandProxy> bind(WaylandInterface iface, int maxVersion, EventHandler events)
            throws WaylandException {
        return connection.bind(iface, maxVersion, events);
    }

    /** Sends a request that creates an object of {@code created} (its new_id is where {@link #NEW_ID} stands). */
    public WaylandProxy create(WaylandProxy target, int opcode, WaylandInterface created, EventHandler events,
                               Object... args) throws WaylandException {
        return connection.marshal(target, opcode, created, events, false, args);
    }

    /** Sends a request. */
    public void send(WaylandProxy target, int opcode, Object... args) throws WaylandException {
        connection.marshal(target, opcode, null, null, false, args);
    }

    /** Sends a destructor request and frees the proxy: its events stop. */
    public void destroy(WaylandProxy target, int opcode, Object... args) throws WaylandException {
        connection.marshal(target, opcode, null, null, true, args);
    }

    /** The bound {@code wl_output} named {@code name} (as {@link OutputInfo#name()}), to pass as an object. */
    public Optional<WaylandProxy> output(String name) {
        return connection.outputNamed(name);
    }

    public List<String> outputNames() {
        return connection.outputNames();
    }

    /** The outputs as described now (they follow hot-plugs and moves, unlike an earlier snapshot). */
    public List<OutputInfo> outputs() {
        return connection.outputs();
    }

    /** One wl_argument slot per argument: ints in the low half, pointers whole, a new_id as 0. */
    static long[] encode(Arena strings, Object... args) {
        long[] encoded = new long[args.length];
        for (int i = 0; i < args.length; i++) {
            encoded[i] = switch (args[i]) {
                case null -> 0L;
                case Integer value -> Integer.toUnsignedLong(value);
                case String text -> strings.allocateFrom(text).address();
                case WaylandProxy proxy -> proxy.address();
                case Object marker when marker == NEW_ID -> 0L;
                default -> throw new IllegalArgumentException("a Wayland request argument cannot be a "
                        + args[i].getClass().getName() + " (" + args[i] + ")");
            };
        }
        return encoded;
    }
}
