package io.lumen.capture.pipewire.impl.ffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

/**
 * What the header-only {@code spa_interface_call_res} does, for the proxy methods libpipewire exports no symbol
 * for ({@code pw_core_get_registry}, {@code pw_core_sync}, {@code pw_registry_add_listener}): a proxy starts with a
 * {@code struct spa_interface} whose {@code cb.funcs} is the methods table and whose {@code cb.data} is the first
 * argument of every method. Callers hold the loop lock.
 */
@SuppressWarnings("restricted") // following the proxy's own method table is the point
final class SpaInterfaceCall {

    private final MemorySegment function;
    private final MemorySegment data;

    private SpaInterfaceCall(MemorySegment function, MemorySegment data) {
        this.function = function;
        this.data = data;
    }

    /**
     * The method {@code slot} of {@code methodsLayout} on the interface at {@code object}; a clear exception when
     * the table is older than the method or leaves it empty (what the C macro turns into -ENOTSUP).
     */
    static SpaInterfaceCall method(MemorySegment object, StructLayout methodsLayout, String slot)
            throws PipeWireException {
        MemorySegment iface = object.reinterpret(PwLayouts.SPA_INTERFACE.byteSize());
        MemorySegment funcs = iface.get(PwLayouts.POINTER_LAYOUT, PwLayouts.INTERFACE_FUNCS)
                .reinterpret(methodsLayout.byteSize());
        MemorySegment data = iface.get(PwLayouts.POINTER_LAYOUT, PwLayouts.INTERFACE_DATA);
        if (funcs.address() == 0) {
            throw new PipeWireException("the interface at " + object + " has no methods table");
        }
        MemorySegment function = funcs.get(PwLayouts.POINTER_LAYOUT, PwLayouts.offset(methodsLayout, slot));
        if (function.address() == 0) {
            throw new PipeWireException("the interface at " + object + " does not implement " + slot);
        }
        return new SpaInterfaceCall(function, data);
    }

    /**
     * A handle for the method taking the interface's data and then {@code argsAfterData} as {@code descriptor}
     * describes them (the data pointer is its first parameter).
     */
    MethodHandle handle(FunctionDescriptor descriptor) {
        return Linker.nativeLinker().downcallHandle(function, descriptor).bindTo(data);
    }
}
