package io.lumen.fec.leopard.impl.simd;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;

/** Splitting bytes into the 4-bit indexes of the nibble-table multiplies both fields use. */
public final class Nibbles {

    public static final byte LOW = 0x0F;

    private Nibbles() {
    }

    /**
     * Each byte's high nibble. A 16-bit shift and a mask, not a byte shift: x86 has no byte shift, and the
     * JIT's emulation of one (widen, shift, narrow) costs several times more.
     */
    public static ByteVector high(ByteVector v) {
        return v.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes().and(LOW);
    }
}
