package io.lumen.capture.pipewire.impl.spa;

/** Buffer memory kinds, {@code enum spa_data_type} in {@code spa/buffer/buffer.h} (PipeWire 0.3.65). */
public final class SpaData {

    public static final int INVALID = 0;
    /** Memory the data pointer of spa_data already points at. */
    public static final int MEM_PTR = 1;
    /** A memfd to mmap. */
    public static final int MEM_FD = 2;
    public static final int DMA_BUF = 3;
    public static final int MEM_ID = 4;

    /** The Int mask a Buffers param's dataType takes: one bit per accepted type. */
    public static int mask(int... types) {
        int mask = 0;
        for (int type : types) {
            if (type < 0 || type > 30) {
                throw new IllegalArgumentException("not a spa_data_type: " + type);
            }
            mask |= 1 << type;
        }
        return mask;
    }

    private SpaData() {
    }
}
