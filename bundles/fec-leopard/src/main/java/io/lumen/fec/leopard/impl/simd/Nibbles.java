package io.lumen.fec.leopard.impl.simd;

/**
 * How both fields' vector kernels split bytes into the 4-bit indexes of their nibble-table multiplies, and the
 * two rules those kernels keep so that C2 compiles them the same way on every start.
 *
 * <ul>
 *   <li>Low nibble: {@code v.and(LOW)}. High nibble: {@code v.reinterpretAsShorts().lanewise(LSHR, 4)
 *       .reinterpretAsBytes().and(LOW)}, a 16-bit shift and a mask: x86 has no byte shift, and the JIT's
 *       emulation of one (widen, shift, narrow) costs several times more.</li>
 *   <li>No vector value crosses a method of ours (as an argument or a result): both expressions are written
 *       out in each loop. Past its node budget ({@code NodeCountInliningCutoff}) C2 still inlines the Vector
 *       API's own force-inlined methods but refuses ordinary ones, and a refused helper taking or returning a
 *       vector makes C2 allocate a vector object per call: measured 1.8 to 3 times slower overall when a
 *       {@code high(v)} or {@code lookup(...)} helper was refused inside the encoder.</li>
 * </ul>
 */
public final class Nibbles {

    public static final byte LOW = 0x0F;

    private Nibbles() {
    }
}
