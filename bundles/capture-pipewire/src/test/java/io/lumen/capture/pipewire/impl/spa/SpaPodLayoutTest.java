package io.lumen.capture.pipewire.impl.spa;

import io.lumen.api.media.VideoMode;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Byte-exact layouts. The small pods are worked out from the structs of spa/pod/pod.h (a {size, type}
 * header, the body, zero padding to 8 that the size leaves out). The params were dumped once from
 * spa_pod_builder of libspa 0.3.65 on the same inputs, so a wrong key, type number, flag or padding rule
 * shows up as a byte difference against what PipeWire itself writes.
 */
class SpaPodLayoutTest {

    /** Little-endian 32-bit words, the unit every spa header and most bodies are made of. */
    static byte[] words(int... words) {
        ByteBuffer buffer = ByteBuffer.allocate(words.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int word : words) {
            buffer.putInt(word);
        }
        return buffer.array();
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void anIntIsSizeFourTypeFourTheValueAndFourBytesOfPadding() {
        assertArrayEquals(words(4, 4, 0x12345678, 0), new SpaPodBuilder().writeInt(0x12345678).toByteArray());
    }

    @Test
    void fixedSizeValuesHaveTheirTypeNumbersAndBodySizes() {
        assertArrayEquals(words(0, 1), new SpaPodBuilder().writeNone().toByteArray());
        assertArrayEquals(words(4, 2, 1, 0), new SpaPodBuilder().writeBool(true).toByteArray());
        assertArrayEquals(words(4, 3, 0x40003, 0), new SpaPodBuilder().writeId(0x40003).toByteArray());
        assertArrayEquals(words(8, 5, 0x89abcdef, 0x01234567), new SpaPodBuilder().writeLong(0x0123456789abcdefL).toByteArray());
        assertArrayEquals(words(4, 6, Float.floatToIntBits(1.5f), 0), new SpaPodBuilder().writeFloat(1.5f).toByteArray());
        long two = Double.doubleToLongBits(2.0);
        assertArrayEquals(words(8, 7, (int) two, (int) (two >>> 32)), new SpaPodBuilder().writeDouble(2.0).toByteArray());
        assertArrayEquals(words(8, 10, 1920, 1080), new SpaPodBuilder().writeRectangle(1920, 1080).toByteArray());
        assertArrayEquals(words(8, 11, 60, 1), new SpaPodBuilder().writeFraction(60, 1).toByteArray());
        assertArrayEquals(words(8, 18, 3, 0), new SpaPodBuilder().writeFd(3).toByteArray());
        assertArrayEquals(words(16, 17, 0x10002, 0, 0x1000, 0), new SpaPodBuilder().writePointer(0x10002, 0x1000).toByteArray());
    }

    @Test
    void aStringCountsItsNulButNotItsPadding() {
        byte[] expected = hex("06000000" + "08000000" + "6c756d656e00" + "0000");
        assertArrayEquals(expected, new SpaPodBuilder().writeString("lumen").toByteArray());
        assertArrayEquals(words(1, 8, 0, 0), new SpaPodBuilder().writeString("").toByteArray());
    }

    @Test
    void bytesArePaddedLikeStringsWithoutATerminator() {
        assertArrayEquals(hex("03000000" + "09000000" + "0102030000000000"),
                new SpaPodBuilder().writeBytes(new byte[] {1, 2, 3}).toByteArray());
        assertArrayEquals(words(0, 9), new SpaPodBuilder().writeBytes(new byte[0]).toByteArray());
    }

    @Test
    void anArrayHasOneChildHeaderThenBareValuesAndPadsOnlyAtTheEnd() {
        // body: child {4, Int} + 3 x 4 bytes = 20, padded to 24
        byte[] expected = words(20, 13, 4, 4, 1, 2, 3, 0);
        byte[] built = new SpaPodBuilder().pushArray(SpaType.INT).writeInt(1).writeInt(2).writeInt(3).pop().toByteArray();
        assertArrayEquals(expected, built);
        assertArrayEquals(expected, SpaPodBuilder.encode(new SpaPod.ArrayPod(SpaType.INT,
                List.of(new SpaPod.IntPod(1), new SpaPod.IntPod(2), new SpaPod.IntPod(3)))));
    }

    @Test
    void aChoiceHasTypeFlagsAChildHeaderAndBareValues() {
        // Range of Int: type 1, flags 0, child {4, Int}, default, min, max = 28 bytes, padded to 32
        byte[] expected = words(28, 19, 1, 0, 4, 4, 8, 2, 16, 0);
        assertArrayEquals(expected, new SpaPodBuilder().pushChoice(SpaChoiceType.RANGE, SpaType.INT)
                .writeInt(8).writeInt(2).writeInt(16).pop().toByteArray());
    }

    @Test
    void aStructCountsThePaddingOfItsFieldsAsSpaDoes() {
        byte[] expected = hex("300000000e0000000400000002000000010000000000000003000000080000006162000000000000"
                + "080000000b0000003c00000001000000");
        assertArrayEquals(expected, new SpaPodBuilder().pushStruct().writeBool(true).writeString("ab").writeFraction(60, 1)
                .pop().toByteArray());
    }

    @Test
    void theShmEnumFormatIsWhatLibspaBuilds() {
        String libspa = "d80000000f000000030004000300000001000000000000000400000003000000020000000000000002000000000000000400000003000000010000000000000001000200000000001c000000130000000300000000000000040000000300000008000000080000000700000000000000030002000000000028000000130000000100000000000000080000000a00000000050000d002000001000000010000000040000000400000040002000000000028000000130000000100000000000000080000000b0000003c000000010000000000000001000000e803000001000000";
        SpaPod pod = VideoFormatParams.enumFormat(List.of(SpaVideoFormat.BGRx, SpaVideoFormat.RGBx), new VideoMode(1280, 720, 60));
        assertEquals(libspa, HexFormat.of().formatHex(SpaPodBuilder.encode(pod)));
    }

    @Test
    void theDmaBufEnumFormatIsWhatLibspaBuilds() {
        String libspa = "f80000000f0000000300040003000000010000000000000004000000030000000200000000000000020000000000000004000000030000000100000000000000010002000000000004000000030000000800000000000000020002001800000028000000130000000300000000000000080000000500000000000000000000000000000000000000ffffffffffffff00030002000000000028000000130000000100000000000000080000000a00000000050000d002000001000000010000000040000000400000040002000000000028000000130000000100000000000000080000000b0000003c000000010000000000000001000000e803000001000000";
        SpaPod pod = VideoFormatParams.enumFormatDmaBuf(SpaVideoFormat.BGRx,
                List.of(VideoFormatParams.DRM_FORMAT_MOD_LINEAR, VideoFormatParams.DRM_FORMAT_MOD_INVALID),
                new VideoMode(1280, 720, 60));
        assertEquals(libspa, HexFormat.of().formatHex(SpaPodBuilder.encode(pod)));
    }

    @Test
    void theBuffersAndHeaderMetaParamsAreWhatLibspaBuilds() {
        String buffers = "600000000f000000040004000500000001000000000000001c00000013000000010000000000000004000000040000000800000002000000100000000000000006000000000000001400000013000000040000000000000004000000040000000e00000000000000";
        int memory = SpaData.mask(SpaData.MEM_PTR, SpaData.MEM_FD, SpaData.DMA_BUF);
        assertEquals(0b1110, memory);
        assertEquals(buffers, HexFormat.of().formatHex(SpaPodBuilder.encode(
                VideoFormatParams.buffers(BufferRequest.of(8, 2, 16, memory)))));
        String meta = "380000000f0000000500040006000000010000000000000004000000030000000100000000000000020000000000000004000000040000002000000000000000";
        assertEquals(meta, HexFormat.of().formatHex(SpaPodBuilder.encode(VideoFormatParams.headerMeta())));
    }
}
