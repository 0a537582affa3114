package io.lumen.capture.pipewire.impl.capture;

import io.lumen.capture.pipewire.impl.spa.BufferRequest;
import io.lumen.capture.pipewire.impl.spa.SpaData;

/**
 * What lumen asks of the producer's buffers once the format is known: a few of them (lumen queues each back right
 * after copying it), in memory a CPU consumer can read or map.
 */
final class BufferParams {

    static final int BUFFERS = 4;
    static final int MIN_BUFFERS = 2;
    static final int MAX_BUFFERS = 16;

    private BufferParams() {
    }

    /**
     * For a DMA-BUF format, DmaBuf buffers only (the producer allocates them for its modifier); otherwise shared
     * memory, mapped by PipeWire.
     */
    static BufferRequest request(int stride, int size, boolean dmaBuf) {
        return new BufferRequest(BUFFERS, MIN_BUFFERS, MAX_BUFFERS, 1, size, stride, dmaBuf
                ? SpaData.mask(SpaData.DMA_BUF) : SpaData.mask(SpaData.MEM_PTR, SpaData.MEM_FD));
    }

    /** The spa_data type as PipeWire names it. */
    static String typeName(int type) {
        return switch (type) {
            case SpaData.MEM_PTR -> "MemPtr";
            case SpaData.MEM_FD -> "MemFd";
            case SpaData.DMA_BUF -> "DmaBuf";
            default -> "type " + type;
        };
    }
}
