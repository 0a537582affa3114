package io.lumen.capture.pipewire.impl.spa;

import io.lumen.api.media.VideoMode;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Build, parse, compare: every pod kind alone and nested the way params nest them. */
class SpaPodRoundTripTest {

    static final SpaPod.ObjectPod NESTED = new SpaPod.ObjectPod(SpaType.OBJECT_PROPS, SpaParam.PROPS, List.of(
            new SpaPod.Property(1, new SpaPod.StructPod(List.of(
                    new SpaPod.StringPod("émoji ✓"),
                    new SpaPod.ArrayPod(SpaType.LONG, List.of(new SpaPod.LongPod(-1), new SpaPod.LongPod(Long.MAX_VALUE))),
                    new SpaPod.StructPod(List.of(new SpaPod.NonePod(), new SpaPod.BytesPod(new byte[] {9, 8, 7, 6, 5}))),
                    new SpaPod.ObjectPod(SpaType.OBJECT_FORMAT, SpaParam.FORMAT, List.of(
                            new SpaPod.Property(SpaFormat.KEY_VIDEO_SIZE, new SpaPod.ChoicePod(SpaChoiceType.NONE,
                                    List.of(new SpaPod.RectanglePod(640, 480))))))))),
            new SpaPod.Property(2, SpaPropFlags.READONLY, new SpaPod.ChoicePod(SpaChoiceType.STEP, List.of(
                    new SpaPod.DoublePod(0.5), new SpaPod.DoublePod(0), new SpaPod.DoublePod(1), new SpaPod.DoublePod(0.25)))),
            new SpaPod.Property(3, new SpaPod.ChoicePod(SpaChoiceType.ENUM, 7, SpaType.FLOAT, List.of(
                    new SpaPod.FloatPod(Float.NaN), new SpaPod.FloatPod(-0f)))),
            new SpaPod.Property(4, new SpaPod.ArrayPod(SpaType.INT, List.of())),
            new SpaPod.Property(5, new SpaPod.ArrayPod(SpaType.NONE, List.of())),
            new SpaPod.Property(6, new SpaPod.OpaquePod(SpaType.SEQUENCE, new byte[] {0, 0, 0, 0, 0, 0, 0, 0})),
            new SpaPod.Property(7, new SpaPod.StructPod(List.of()))));

    private static SpaPod roundTrip(SpaPod pod) throws SpaPodException {
        return SpaPodParser.parse(SpaPodBuilder.encode(pod));
    }

    @Test
    void everyLeafKindComesBackEqual() throws SpaPodException {
        List<SpaPod> leaves = List.of(new SpaPod.NonePod(), new SpaPod.BoolPod(true), new SpaPod.BoolPod(false),
                new SpaPod.IdPod(-1), new SpaPod.IntPod(Integer.MIN_VALUE), new SpaPod.LongPod(Long.MIN_VALUE),
                new SpaPod.FloatPod(3.25f), new SpaPod.DoublePod(-1e300), new SpaPod.StringPod(""),
                new SpaPod.StringPod("seven!!"), new SpaPod.StringPod("eight!!!"), new SpaPod.BytesPod(new byte[13]),
                new SpaPod.RectanglePod(16384, 1), new SpaPod.FractionPod(30000, 1001), new SpaPod.FdPod(2),
                new SpaPod.PointerPod(0x10001, 0x7fff_0000_1000L),
                new SpaPod.OpaquePod(SpaType.BITMAP, new byte[] {1, 2, 3}));
        for (SpaPod leaf : leaves) {
            assertEquals(leaf, roundTrip(leaf), () -> SpaPodDescriber.describe(leaf));
        }
    }

    @Test
    void nestedObjectsStructsChoicesAndArraysComeBackEqual() throws SpaPodException {
        assertEquals(NESTED, roundTrip(NESTED));
    }

    @Test
    void theVideoParamsComeBackEqual() throws SpaPodException {
        VideoMode mode = new VideoMode(2560, 1440, 144);
        for (SpaPod param : List.of(VideoFormatParams.enumFormat(VideoFormatParams.ENCODER_FORMATS, mode),
                VideoFormatParams.enumFormatDmaBuf(SpaVideoFormat.BGRA, List.of(0L, 0x0100_0000_0000_0001L), mode),
                VideoFormatParams.buffers(new BufferRequest(8, 2, 16, 1, 2560 * 1440 * 4, 2560 * 4,
                        SpaData.mask(SpaData.MEM_PTR, SpaData.MEM_FD))),
                VideoFormatParams.headerMeta(), VideoFormatParams.damageMeta(16), VideoFormatParams.cursorMeta(256))) {
            assertEquals(param, roundTrip(param), () -> SpaPodDescriber.describe(param));
        }
    }

    @Test
    void theStreamingBuilderAndTheTreeWriterAgree() {
        byte[] streamed = new SpaPodBuilder()
                .pushObject(SpaType.OBJECT_PARAM_META, SpaParam.META)
                .property(SpaParam.META_TYPE, 0).writeId(SpaMeta.VIDEO_DAMAGE)
                .property(SpaParam.META_SIZE, 0).pushChoice(SpaChoiceType.RANGE, SpaType.INT)
                .writeInt(256).writeInt(16).writeInt(256).pop()
                .pop().toByteArray();
        assertArrayEquals(SpaPodBuilder.encode(VideoFormatParams.damageMeta(16)), streamed);
    }

    @Test
    void aParamArrayPointsAtNativeCopiesThatParseBack() throws SpaPodException {
        List<SpaPod.ObjectPod> params = List.of(VideoFormatParams.headerMeta(), NESTED);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pointers = SpaParamArray.allocate(arena, params);
            for (int i = 0; i < params.size(); i++) {
                MemorySegment pod = pointers.getAtIndex(ValueLayout.ADDRESS, i);
                assertEquals(0, pod.address() % 8, "spa reads pods 8-aligned");
                assertEquals(params.get(i), SpaPodParser.parseNative(pod, 1 << 20));
            }
            MemorySegment first = pointers.getAtIndex(ValueLayout.ADDRESS, 0);
            SpaPodException tooBig = assertThrows(SpaPodException.class, () -> SpaPodParser.parseNative(first, 32));
            assertEquals("pod declares a body of 56 bytes, more than the 24 allowed", tooBig.getMessage());
        }
    }

    @Test
    void aSegmentCopyHoldsTheSameBytes() {
        SpaPodBuilder builder = new SpaPodBuilder().writeString("x");
        try (Arena arena = Arena.ofConfined()) {
            assertArrayEquals(builder.toByteArray(), builder.toSegment(arena).toArray(ValueLayout.JAVA_BYTE));
        }
    }
}
