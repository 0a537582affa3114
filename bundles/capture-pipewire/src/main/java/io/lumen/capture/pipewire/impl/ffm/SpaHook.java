package io.lumen.capture.pipewire.impl.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.ADDRESS;

/**
 * A caller-owned {@code struct spa_hook}: zeroed memory the emitter links into its listener list. It must outlive
 * its registration, and proxies do not unlink their listeners when destroyed, so owners {@link #remove()} it
 * (the header-only {@code spa_hook_remove}) before freeing its memory. Callers hold the loop lock.
 */
@SuppressWarnings("restricted") // the hook's removed callback is a C function pointer
final class SpaHook {

    private static final long NEXT = PwLayouts.offset(PwLayouts.SPA_HOOK, "link", "next");
    private static final long PREV = PwLayouts.offset(PwLayouts.SPA_HOOK, "link", "prev");
    private static final long REMOVED = PwLayouts.offset(PwLayouts.SPA_HOOK, "removed");
    private static final long LIST_NEXT = PwLayouts.offset(PwLayouts.SPA_LIST, "next");
    private static final long LIST_PREV = PwLayouts.offset(PwLayouts.SPA_LIST, "prev");

    private final MemorySegment hook;

    SpaHook(Arena arena) {
        this.hook = arena.allocate(PwLayouts.SPA_HOOK);
    }

    MemorySegment segment() {
        return hook;
    }

    /** Unlinks the hook from its emitter's list, once; a hook never added is left alone. */
    void remove() {
        MemorySegment prev = hook.get(PwLayouts.POINTER_LAYOUT, PREV);
        if (prev.address() != 0) {
            MemorySegment next = hook.get(PwLayouts.POINTER_LAYOUT, NEXT);
            prev.reinterpret(PwLayouts.SPA_LIST.byteSize()).set(PwLayouts.POINTER_LAYOUT, LIST_NEXT, next);
            next.reinterpret(PwLayouts.SPA_LIST.byteSize()).set(PwLayouts.POINTER_LAYOUT, LIST_PREV, prev);
            hook.set(PwLayouts.POINTER_LAYOUT, PREV, MemorySegment.NULL);
            hook.set(PwLayouts.POINTER_LAYOUT, NEXT, MemorySegment.NULL);
        }
        MemorySegment removed = hook.get(PwLayouts.POINTER_LAYOUT, REMOVED);
        if (removed.address() != 0) {
            hook.set(PwLayouts.POINTER_LAYOUT, REMOVED, MemorySegment.NULL);
            try {
                Linker.nativeLinker().downcallHandle(removed, FunctionDescriptor.ofVoid(ADDRESS)).invokeExact(hook);
            } catch (Throwable e) {
                throw new IllegalStateException("the hook's removed callback failed", e);
            }
        }
    }
}
