package io.lumen.protocol.moonlight.impl.input;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads the fields of an input packet in place. GameStream mixes byte orders inside one packet (the header's
 * size and the mouse fields big-endian, the rest little-endian), so each read names its order. Callers have
 * checked the bounds.
 */
final class WireBytes {

    private static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_FLOAT =
            MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

    private WireBytes() {
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    /** Signed. */
    static int be16(byte[] b, int at) {
        return (short) BE16.get(b, at);
    }

    /** Signed. */
    static int le16(byte[] b, int at) {
        return (short) LE16.get(b, at);
    }

    static int le16u(byte[] b, int at) {
        return le16(b, at) & 0xFFFF;
    }

    static int be32(byte[] b, int at) {
        return (int) BE32.get(b, at);
    }

    static int le32(byte[] b, int at) {
        return (int) LE32.get(b, at);
    }

    static long le32u(byte[] b, int at) {
        return Integer.toUnsignedLong(le32(b, at));
    }

    /** The client's "netfloat": IEEE-754 single precision, little-endian. */
    static float leFloat(byte[] b, int at) {
        return (float) LE_FLOAT.get(b, at);
    }
}
