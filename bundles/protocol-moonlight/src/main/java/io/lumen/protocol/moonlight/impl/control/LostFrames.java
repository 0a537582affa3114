package io.lumen.protocol.moonlight.impl.control;

/**
 * A client's reference frame invalidation request (0x0301): the frames it lost, LE64 first and LE64 last, then an
 * LE64 the client leaves 0.
 */
record LostFrames(long first, long last) {

    static final int LENGTH = 16;

    static LostFrames parse(byte[] p) throws ControlRejected {
        if (p.length < LENGTH) {
            throw new ControlRejected("runt", "reference invalidation of " + p.length + " bytes (" + LENGTH
                    + " expected)");
        }
        long first = le64(p, 0);
        long last = le64(p, 8);
        if (first < 0 || last < first || last > 0xFFFF_FFFFL) {
            throw new ControlRejected("range", "reference invalidation of frames " + first + " to " + last);
        }
        return new LostFrames(first, last);
    }

    private static long le64(byte[] p, int at) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | (p[at + i] & 0xff);
        }
        return value;
    }
}
