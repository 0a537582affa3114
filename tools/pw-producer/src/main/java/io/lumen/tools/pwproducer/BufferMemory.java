package io.lumen.tools.pwproducer;

import io.lumen.capture.pipewire.impl.ffm.PwStream;
import io.lumen.capture.pipewire.impl.spa.SpaData;

import java.util.Locale;

/**
 * Which buffers the producer offers, and so which a consumer receives. In PipeWire 0.3.65 a stream gets MemPtr
 * buffers by letting PipeWire allocate (one shared memfd for all of them, each spa_data a pointer into it, which
 * the consumer maps too); it gets MemFd buffers by allocating them itself (ALLOC_BUFFERS, a memfd per buffer handed
 * over in add_buffer), as gamescope and the compositors' screen casts do.
 */
public enum BufferMemory {
    MEMFD("MemFd", SpaData.MEM_FD, PwStream.BufferAllocation.STREAM),
    MEMPTR("MemPtr", SpaData.MEM_PTR, PwStream.BufferAllocation.PIPEWIRE);

    private final String spaName;
    private final int dataType;
    private final PwStream.BufferAllocation allocation;

    BufferMemory(String spaName, int dataType, PwStream.BufferAllocation allocation) {
        this.spaName = spaName;
        this.dataType = dataType;
        this.allocation = allocation;
    }

    /** "memfd" or "memptr", as the command line writes it. */
    public static BufferMemory parse(String text) {
        for (BufferMemory memory : values()) {
            if (memory.name().equalsIgnoreCase(text.strip())) {
                return memory;
            }
        }
        throw new IllegalArgumentException("buffers are memfd or memptr, not " + text);
    }

    /** What PipeWire calls the spa_data type: what the capture session's stats report as its buffer type. */
    public String spaName() {
        return spaName;
    }

    int dataType() {
        return dataType;
    }

    PwStream.BufferAllocation allocation() {
        return allocation;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
