package io.lumen.wayland;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A protocol interface as libwayland-client's {@code struct wl_interface}, built in native memory from its name,
 * version and its requests' and events' signatures (as the protocol's XML gives them: "2nsiifu" is since version
 * 2, a new_id, a string, two ints, a fixed and a uint), so a protocol with no generated C can be spoken. Message
 * order is opcode order. The table lives as long as this object; proxies keep theirs reachable.
 */
public final class WaylandInterface {

    private static final long MESSAGE_SIZE = 24;
    private static final long INTERFACE_SIZE = 40;

    private final String name;
    private final int version;
    private final MemorySegment table;
    /** The interfaces the messages name, kept reachable as long as this table points at theirs. */
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final List<WaylandInterface> referenced;

    private WaylandInterface(String name, int version, MemorySegment table, List<WaylandInterface> referenced) {
        this.name = name;
        this.version = version;
        this.table = table;
        this.referenced = referenced;
    }

    /** libwayland-client's own {@code wl_output}, for requests that name an output. */
    public static WaylandInterface output() throws WaylandException {
        LibWayland lib = LibWayland.system();
        if (lib.unavailableReason().isPresent()) {
            throw new WaylandException(lib.unavailableReason().get());
        }
        return builtIn("wl_output", 4, lib.outputInterface);
    }

    /** One of libwayland-client's own interfaces, from its exported table. */
    static WaylandInterface builtIn(String name, int version, MemorySegment table) {
        return new WaylandInterface(name, version, table, List.of());
    }

    public static Builder named(String name, int version) {
        return new Builder(name, version);
    }

    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    MemorySegment table() {
        return table;
    }

    @Override
    public String toString() {
        return name + " v" + version;
    }

    private record Message(String name, String signature, List<WaylandInterface> types) {
    }

    public static final class Builder {
        private final String name;
        private final int version;
        private final List<Message> requests = new ArrayList<>();
        private final List<Message> events = new ArrayList<>();

        private Builder(String name, int version) {
            this.name = Objects.requireNonNull(name, "name");
            this.version = version;
        }

        /**
         * The next request (opcode = how many came before). {@code types}: the interface of each object or new_id
         * argument in order; fewer (or null) leaves the rest untyped, as for a new_id whose object is never asked for.
         */
        public Builder request(String message, String signature, WaylandInterface... types) {
            requests.add(new Message(message, signature, List.of(types)));
            return this;
        }

        /** The next event, as {@link #request}. */
        public Builder event(String message, String signature, WaylandInterface... types) {
            events.add(new Message(message, signature, List.of(types)));
            return this;
        }

        public WaylandInterface build() {
            Arena arena = Arena.ofAuto();
            MemorySegment table = arena.allocate(INTERFACE_SIZE, 8);
            List<WaylandInterface> referenced = new ArrayList<>();
            table.set(ValueLayout.ADDRESS, 0, arena.allocateFrom(name));
            table.set(ValueLayout.JAVA_INT, 8, version);
            table.set(ValueLayout.JAVA_INT, 12, requests.size());
            table.set(ValueLayout.ADDRESS, 16, messages(arena, requests, referenced));
            table.set(ValueLayout.JAVA_INT, 24, events.size());
            table.set(ValueLayout.ADDRESS, 32, messages(arena, events, referenced));
            return new WaylandInterface(name, version, table, List.copyOf(referenced));
        }

        private static MemorySegment messages(Arena arena, List<Message> messages, List<WaylandInterface> referenced) {
            if (messages.isEmpty()) {
                return MemorySegment.NULL;
            }
            MemorySegment table = arena.allocate(MESSAGE_SIZE * messages.size(), 8);
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                long at = i * MESSAGE_SIZE;
                table.set(ValueLayout.ADDRESS, at, arena.allocateFrom(m.name()));
                table.set(ValueLayout.ADDRESS, at + 8, arena.allocateFrom(m.signature()));
                table.set(ValueLayout.ADDRESS, at + 16, types(arena, m, referenced));
            }
            return table;
        }

        /** One slot per argument: the interface of an object or new_id argument, NULL for the others. */
        private static MemorySegment types(Arena arena, Message m, List<WaylandInterface> referenced) {
            int count = Dispatcher.argumentCount(m.signature());
            if (count == 0) {
                return MemorySegment.NULL;
            }
            MemorySegment types = arena.allocate(ValueLayout.ADDRESS, count);
            int slot = 0;
            int typed = 0;
            for (char c : m.signature().toCharArray()) {
                if (!Character.isLetter(c)) {
                    continue;
                }
                MemorySegment type = MemorySegment.NULL;
                if ((c == 'o' || c == 'n') && typed < m.types().size()) {
                    WaylandInterface named = m.types().get(typed++);
                    if (named != null) {
                        type = named.table();
                        referenced.add(named);
                    }
                }
                types.setAtIndex(ValueLayout.ADDRESS, slot++, type);
            }
            return types;
        }
    }
}
