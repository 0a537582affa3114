package io.lumen.wayland;

import java.lang.foreign.MemorySegment;

/**
 * One protocol object of a connection, as the {@link Requests} made or bound it. Its events go to the
 * {@link EventHandler} given with it; it is freed by a destructor request or when the connection ends.
 */
public final class WaylandProxy {

    private final long address;
    private final WaylandInterface iface;
    private final int version;

    WaylandProxy(long address, WaylandInterface iface, int version) {
        this.address = address;
        this.iface = iface;
        this.version = version;
    }

    /** What events name it by ({@link Arguments#objectAt}) and what tells two proxies apart. */
    public long address() {
        return address;
    }

    public WaylandInterface iface() {
        return iface;
    }

    /** The version it was bound or created at: what its requests may use. */
    public int version() {
        return version;
    }

    MemorySegment segment() {
        return MemorySegment.ofAddress(address);
    }

    @Override
    public String toString() {
        return iface.name() + "@" + Long.toHexString(address) + " v" + version;
    }
}
