package io.lumen.encode.nvenc.impl.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A Windows-style GUID as NVENC names codecs, presets and profiles: Data1 (32 bits), Data2, Data3 (16 bits each,
 * all little-endian in memory on x86-64), then 8 bytes as written. The values are the ones of nvEncodeAPI.h 11.1.
 */
public record NvencGuid(String name, int data1, short data2, short data3, byte[] data4) {

    /** The C struct, also how a GUID is passed by value to nvEncGetEncodePresetConfigEx. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(JAVA_INT.withName("Data1"),
            JAVA_SHORT.withName("Data2"), JAVA_SHORT.withName("Data3"),
            MemoryLayout.sequenceLayout(8, JAVA_BYTE).withName("Data4"));

    public static final NvencGuid CODEC_H264 = of("H.264", 0x6bc82762, 0x4e63, 0x4ca4, 0xaa, 0x85, 0x1e, 0x50, 0xf3, 0x21, 0xf6, 0xbf);
    public static final NvencGuid CODEC_HEVC = of("HEVC", 0x790cdc88, 0x4522, 0x4d7b, 0x94, 0x25, 0xbd, 0xa9, 0x97, 0x5f, 0x76, 0x03);
    /** The fastest preset; with ULTRA_LOW_LATENCY tuning the one game streaming wants. */
    public static final NvencGuid PRESET_P1 = of("P1", 0xfc0a8d3e, 0x45f8, 0x4cf8, 0x80, 0xc7, 0x29, 0x88, 0x71, 0x59, 0x0e, 0xbf);
    public static final NvencGuid H264_PROFILE_HIGH = of("H.264 High", 0xe7cbc309, 0x4f7a, 0x4b89, 0xaf, 0x2a, 0xd5, 0x37, 0xc9, 0x2b, 0xe3, 0x10);
    public static final NvencGuid HEVC_PROFILE_MAIN = of("HEVC Main", 0xb514c39a, 0xb55b, 0x40fa, 0x87, 0x8f, 0xf1, 0x25, 0x3b, 0x4d, 0xfd, 0xec);
    public static final NvencGuid HEVC_PROFILE_MAIN10 = of("HEVC Main 10", 0xfa4d2b6c, 0x3a5b, 0x411a, 0x80, 0x18, 0x0a, 0x3f, 0x5e, 0x3c, 0x9b, 0xe5);

    private static NvencGuid of(String name, int data1, int data2, int data3, int... data4) {
        byte[] tail = new byte[8];
        for (int i = 0; i < 8; i++) {
            tail[i] = (byte) data4[i];
        }
        return new NvencGuid(name, data1, (short) data2, (short) data3, tail);
    }

    /** The 16 bytes as they lie in memory. */
    public byte[] bytes() {
        byte[] out = new byte[16];
        MemorySegment view = MemorySegment.ofArray(out);
        writeTo(view, 0);
        return out;
    }

    /** Writes the GUID at {@code offset} of {@code target} (a struct field or an argument). */
    public void writeTo(MemorySegment target, long offset) {
        target.set(JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withByteAlignment(1), offset, data1);
        target.set(JAVA_SHORT.withOrder(ByteOrder.LITTLE_ENDIAN).withByteAlignment(1), offset + 4, data2);
        target.set(JAVA_SHORT.withOrder(ByteOrder.LITTLE_ENDIAN).withByteAlignment(1), offset + 6, data3);
        MemorySegment.copy(data4, 0, target, JAVA_BYTE, offset + 8, 8);
    }

    /** A GUID by value, for a downcall. */
    public MemorySegment allocate(Arena arena) {
        MemorySegment guid = arena.allocate(LAYOUT);
        writeTo(guid, 0);
        return guid;
    }

    /** Whether the 16 bytes at {@code offset} of {@code source} are this GUID (reading the driver's GUID list). */
    public boolean matches(MemorySegment source, long offset) {
        return Arrays.equals(bytes(), source.asSlice(offset, 16).toArray(JAVA_BYTE));
    }

    @Override
    public String toString() {
        return name;
    }
}
