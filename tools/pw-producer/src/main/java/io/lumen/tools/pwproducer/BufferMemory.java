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
    MEMPTR("MemPtr", SpaData.MEM_PTR, PwStream.BufferAllocation.PIPEWIRE),
    /**
     * DMA-BUF with the LINEAR modifier, the layout a CPU can read: memfds handed over as DmaBuf, which PipeWire
     * passes on as it would a GPU's buffer (unmapped unless flagged mappable), so the consumer's import runs as it
     * would for a real DMA-BUF; no GPU here makes one.
     */
    DMABUF("DmaBuf", SpaData.DMA_BUF, PwStream.BufferAllocation.STREAM);

    private final String spaName;
    private final int dataType;
    private final PwStream.BufferAllocation allocation;

    BufferMemory(String spaName, int dataType, PwStream.BufferAllocation allocation) {
        this.spaName = spaName;
        this.dataType = dataType;
        this.allocation = allocation;
    }

    /** "memfd", "memptr" or "dmabuf", as the command line writes it. */
    public static BufferMemory parse(String text) {
        for (BufferMemory memory : values()) {
            if (memory.name().equalsIgnoreCase(text.strip())) {
                return memory;
            }
        }
        throw new IllegalArgumentException("buffers are memfd, memptr or dmabuf, not " + text);
    }

    /** What PipeWire calls the spa_data type: what the capture session's stats report as its buffer type. */
    public String spaName() {
        return spaName;
    }

    /** Whether the format carries a DRM modifier (LINEAR), as a DMA-BUF format must. */
    boolean hasModifier() {
        return this == DMABUF;
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
