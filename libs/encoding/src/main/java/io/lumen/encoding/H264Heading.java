package io.lumen.encoding;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * What the NAL units before the first slice of an H.264 access unit say about where a decoder may start: an IDR
 * slice, or a recovery point SEI (payload type 6), which x264 writes on the first picture of each wave of intra
 * refresh. Only the units up to the first slice are read (SEI must precede the picture's slices), so a large picture
 * costs no more than a small one. An encoder that hands its NAL units out one by one (libx264) asks
 * {@link #seiCarriesRecoveryPoint} of each SEI unit instead. Damaged or truncated input reads as neither, and never
 * throws.
 *
 * @param idr           the picture is an IDR
 * @param recoveryPoint the access unit carries a recovery point SEI
 */
public record H264Heading(boolean idr, boolean recoveryPoint) {

    private static final int SLICE = 1;
    private static final int IDR_SLICE = 5;
    private static final int SEI = 6;
    private static final int RECOVERY_POINT = 6;

    /** What the Annex-B access unit {@code unit} says before its first slice. */
    public static H264Heading of(MemorySegment unit) {
        long size = unit.byteSize();
        boolean recoveryPoint = false;
        long nal = afterStartCode(unit, 0);
        while (nal >= 0 && nal < size) {
            int type = unit.get(ValueLayout.JAVA_BYTE, nal) & 0x1F;
            if (type == SLICE || type == IDR_SLICE) {
                return new H264Heading(type == IDR_SLICE, recoveryPoint);
            }
            long next = afterStartCode(unit, nal + 1);
            if (type == SEI && !recoveryPoint) {
                recoveryPoint = carriesRecoveryPoint(unit, nal + 1, next < 0 ? size : next - 3);
            }
            nal = next;
        }
        return new H264Heading(false, recoveryPoint);
    }

    /**
     * Whether the one NAL unit {@code nal} (Annex-B, start code included) is an SEI carrying a recovery point
     * message; false for any other unit.
     */
    public static boolean seiCarriesRecoveryPoint(MemorySegment nal) {
        long header = afterStartCode(nal, 0);
        if (header < 0 || header >= nal.byteSize() || (nal.get(ValueLayout.JAVA_BYTE, header) & 0x1F) != SEI) {
            return false;
        }
        long next = afterStartCode(nal, header + 1);
        return carriesRecoveryPoint(nal, header + 1, next < 0 ? nal.byteSize() : next - 3);
    }

    /** Where the NAL header after the next start code (00 00 01) from {@code from} sits, or -1. */
    private static long afterStartCode(MemorySegment unit, long from) {
        long size = unit.byteSize();
        for (long i = from; i + 2 < size; i++) {
            if (unit.get(ValueLayout.JAVA_BYTE, i + 2) > 1) {
                i += 2; // no start code can end at i + 2 or begin before it
            } else if (unit.get(ValueLayout.JAVA_BYTE, i) == 0 && unit.get(ValueLayout.JAVA_BYTE, i + 1) == 0
                    && unit.get(ValueLayout.JAVA_BYTE, i + 2) == 1) {
                return i + 3;
            }
        }
        return -1;
    }

    /** Walks the SEI messages of the payload between {@code from} and {@code to}, looking for a recovery point. */
    private static boolean carriesRecoveryPoint(MemorySegment unit, long from, long to) {
        Rbsp payload = new Rbsp(unit, from, to);
        while (true) {
            int type = payload.escapedNumber();
            int length = payload.escapedNumber();
            if (type < 0 || length < 0) {
                return false;
            }
            if (type == RECOVERY_POINT) {
                return true;
            }
            if (!payload.skip(length)) {
                return false;
            }
        }
    }

    /** A NAL unit's payload with its emulation prevention bytes (the 03 of 00 00 03) left out. */
    private static final class Rbsp {
        private final MemorySegment unit;
        private final long end;
        private long at;
        private int zeros;

        Rbsp(MemorySegment unit, long from, long to) {
            this.unit = unit;
            this.at = from;
            this.end = Math.min(to, unit.byteSize());
        }

        /** The next payload byte, or -1 past the end. */
        int next() {
            if (at >= end) {
                return -1;
            }
            int b = unit.get(ValueLayout.JAVA_BYTE, at++) & 0xFF;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                return next();
            }
            zeros = b == 0 ? zeros + 1 : 0;
            return b;
        }

        /** An SEI type or size: FF bytes each adding 255, then the last byte; -1 past the end. */
        int escapedNumber() {
            int value = 0;
            int b;
            while ((b = next()) == 0xFF) {
                value += 255;
            }
            return b < 0 ? -1 : value + b;
        }

        boolean skip(int count) {
            for (int i = 0; i < count; i++) {
                if (next() < 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
