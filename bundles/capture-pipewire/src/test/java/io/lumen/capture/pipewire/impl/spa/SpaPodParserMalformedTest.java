package io.lumen.capture.pipewire.impl.spa;

import io.lumen.api.media.VideoMode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.lumen.capture.pipewire.impl.spa.SpaPodLayoutTest.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Pods come from another process: every way they can be broken is a SpaPodException, never anything else. */
class SpaPodParserMalformedTest {

    private static String rejection(byte[] pod) {
        return assertThrows(SpaPodException.class, () -> SpaPodParser.parse(pod)).getMessage();
    }

    @Test
    void aTruncatedHeaderIsRejected() {
        assertEquals("truncated pod header at offset 0: 5 of 8 bytes", rejection(new byte[5]));
        assertEquals("truncated pod header at offset 0: 0 of 8 bytes", rejection(new byte[0]));
    }

    @Test
    void aBodyLargerThanTheBufferIsRejectedBeforeAnythingIsAllocated() {
        assertEquals("Int pod at offset 0 declares a body of 4 bytes, only 2 are there",
                rejection(Arrays.copyOf(words(4, SpaType.INT, 7, 0), 10)));
        assertEquals("Bytes pod at offset 0 declares a body of 4294967295 bytes, only 0 are there",
                rejection(words(-1, SpaType.BYTES)));
        assertEquals("Bytes pod at offset 0 declares a body of 2147483648 bytes, only 8 are there",
                rejection(words(Integer.MIN_VALUE, SpaType.BYTES, 0, 0)));
    }

    @Test
    void aFixedSizeTypeMustHaveExactlyItsSize() {
        assertEquals("Int body at offset 8 is 8 bytes, must be 4", rejection(words(8, SpaType.INT, 1, 2)));
        assertEquals("Rectangle body at offset 8 is 4 bytes, must be 8", rejection(words(4, SpaType.RECTANGLE, 1, 0)));
        assertEquals("None body at offset 8 is 4 bytes, must be 0", rejection(words(4, SpaType.NONE, 0, 0)));
    }

    @Test
    void aStringMustEndWithANul() {
        assertEquals("String at offset 8 does not end with a NUL", rejection(words(4, SpaType.STRING, 0x41414141, 0)));
        assertEquals("String at offset 8 does not end with a NUL", rejection(words(0, SpaType.STRING)));
        assertEquals(new SpaPod.StringPod("A"), assertParses(words(4, SpaType.STRING, 0x00420041, 0)),
                "text ends at the first NUL as it does for C");
    }

    @Test
    void arrayAndChoiceChildrenMustMatchTheirTypeAndFillTheBody() {
        assertEquals("container at offset 8 gives its Int values 8 bytes each, must be 4",
                rejection(words(16, SpaType.ARRAY, 8, SpaType.INT, 1, 2)));
        assertEquals("container at offset 8 has 6 value bytes, not a whole number of 4-byte Int values",
                rejection(Arrays.copyOf(words(14, SpaType.ARRAY, 4, SpaType.INT, 1, 2), 24)));
        assertEquals("container at offset 8 holds String values; only fixed-size values can be stored bare",
                rejection(words(12, SpaType.ARRAY, 4, SpaType.STRING, 0)));
        assertEquals("container at offset 8 gives its Int values 0 bytes each, must be 4",
                rejection(words(16, SpaType.CHOICE, 0, 0, 0, SpaType.INT)));
        assertEquals("Array at offset 8 is 4 bytes, too short for its child header", rejection(words(4, SpaType.ARRAY, 0, 0)));
        assertEquals("Choice at offset 8 is 8 bytes, too short for its header", rejection(words(8, SpaType.CHOICE, 1, 0)));
    }

    @Test
    void aChoiceMustBeAKnownTypeWithEnoughValues() {
        assertEquals("unknown choice type 9", rejection(words(20, SpaType.CHOICE, 9, 0, 4, SpaType.INT, 1, 0)));
        assertEquals("pod at offset 8: Range choice needs at least 3 values, has 2",
                rejection(words(24, SpaType.CHOICE, 1, 0, 4, SpaType.INT, 1, 2)));
    }

    @Test
    void nestingBeyondTheLimitIsRejectedWithoutOverflowingTheStack() {
        SpaPodBuilder deep = new SpaPodBuilder();
        for (int i = 0; i < SpaPodParser.MAX_DEPTH + 1; i++) {
            deep.pushStruct();
        }
        for (int i = 0; i < SpaPodParser.MAX_DEPTH + 1; i++) {
            deep.pop();
        }
        assertEquals("pods nested deeper than 32 at offset 264", rejection(deep.toByteArray()));
        SpaPodBuilder allowed = new SpaPodBuilder();
        for (int i = 0; i < SpaPodParser.MAX_DEPTH; i++) {
            allowed.pushStruct();
        }
        for (int i = 0; i < SpaPodParser.MAX_DEPTH; i++) {
            allowed.pop();
        }
        assertParses(allowed.toByteArray());
    }

    @Test
    void aPropertyCutShortIsRejected() {
        // an object whose body ends 4 bytes into a property
        assertEquals("truncated property at offset 16: 4 bytes, a key and flags take 8",
                rejection(words(12, SpaType.OBJECT, SpaType.OBJECT_FORMAT, SpaParam.FORMAT, 1)));
        assertEquals("truncated pod header at offset 24: 0 of 8 bytes",
                rejection(words(16, SpaType.OBJECT, SpaType.OBJECT_FORMAT, SpaParam.FORMAT, 1, 0)));
    }

    @Test
    void theLastPodInAContainerNeedsNoTrailingPadding() {
        // spa checks only that a child's unpadded size fits, so a struct may end right after a 4-byte body
        assertEquals(new SpaPod.StructPod(List.of(new SpaPod.IntPod(5))),
                assertParses(words(12, SpaType.STRUCT, 4, SpaType.INT, 5)));
    }

    /**
     * Seeded so that a failure reproduces: truncations, flipped bytes and overwritten size words of real
     * params. Each input is parsed once, so the loop is bounded; a parse that looped forever would hang the
     * build rather than pass.
     */
    @Test
    void randomDamageToRealParamsOnlyEverYieldsAPodOrASpaPodException() {
        VideoMode mode = new VideoMode(1920, 1080, 60);
        List<byte[]> seeds = List.of(
                SpaPodBuilder.encode(VideoFormatParams.enumFormat(VideoFormatParams.ENCODER_FORMATS, mode)),
                SpaPodBuilder.encode(VideoFormatParams.enumFormatDmaBuf(SpaVideoFormat.BGRx, List.of(0L, 1L, 2L), mode)),
                SpaPodBuilder.encode(VideoFormatParams.buffers(BufferRequest.of(8, 2, 16, 0b1110))),
                SpaPodBuilder.encode(VideoFormatParams.cursorMeta(64)),
                SpaPodBuilder.encode(SpaPodRoundTripTest.NESTED));
        Random random = new Random(0x5A_9F0D);
        int parsed = 0;
        int rejected = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            byte[] input = switch (round % 4) {
                case 0 -> Arrays.copyOf(seed, random.nextInt(seed.length + 1));
                case 1 -> flipBytes(seed, random, 1 + random.nextInt(4));
                case 2 -> overwriteWord(seed, random, random.nextInt());
                default -> overwriteWord(seed, random, random.nextInt(64) - 8);
            };
            try {
                SpaPodParser.parse(input);
                parsed++;
            } catch (SpaPodException expected) {
                rejected++;
            } catch (RuntimeException | Error e) {
                fail("round " + round + " escaped with " + e, e);
            }
        }
        assertEquals(20_000, parsed + rejected);
        assertTrue(rejected > 5_000, "most damage is detected, rejected " + rejected);
        assertTrue(parsed > 1_000, "damage to values alone still parses, parsed " + parsed);
    }

    private static byte[] flipBytes(byte[] seed, Random random, int count) {
        byte[] copy = seed.clone();
        for (int i = 0; i < count; i++) {
            copy[random.nextInt(copy.length)] ^= (byte) (1 + random.nextInt(255));
        }
        return copy;
    }

    /** Replaces one aligned 32-bit word, which is where sizes, types and keys live. */
    private static byte[] overwriteWord(byte[] seed, Random random, int word) {
        byte[] copy = seed.clone();
        int at = 4 * random.nextInt(copy.length / 4);
        System.arraycopy(words(word), 0, copy, at, 4);
        return copy;
    }

    private static SpaPod assertParses(byte[] pod) {
        try {
            return SpaPodParser.parse(pod);
        } catch (SpaPodException e) {
            throw new AssertionError("should parse: " + e.getMessage(), e);
        }
    }
}
