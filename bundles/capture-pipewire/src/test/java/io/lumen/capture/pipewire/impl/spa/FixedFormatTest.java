package io.lumen.capture.pipewire.impl.spa;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The LUMEN_PW_FIXED_POD text and the pod it becomes. */
class FixedFormatTest {

    private static String refusal(String text) {
        return assertThrows(IllegalArgumentException.class, () -> FixedFormat.parse(text)).getMessage();
    }

    @Test
    void aFullTextBecomesAFixedEnumFormat() throws SpaPodException {
        FixedFormat fixed = FixedFormat.parse("format=BGRx,size=1920x1080,framerate=60/1");
        assertEquals(new FixedFormat(Optional.of(8), Optional.of(new SpaPod.RectanglePod(1920, 1080)),
                Optional.of(new SpaPod.FractionPod(60, 1)), OptionalLong.empty()), fixed);
        SpaPod.ObjectPod pod = fixed.toPod();
        assertEquals("EnumFormat{mediaType=video, mediaSubtype=raw, format=BGRx, size=1920x1080, framerate=60/1}",
                SpaPodDescriber.describe(pod));
        assertEquals(new NegotiatedVideoFormat(8, 1920, 1080, 60, 1, OptionalLong.empty()),
                VideoFormatParams.parseFormat(SpaPodParser.parse(SpaPodBuilder.encode(pod))), "no choice anywhere");
    }

    @Test
    void spacingCaseNumbersAndAModifierAreAccepted() {
        FixedFormat fixed = FixedFormat.parse(" format = rgba , modifier=0x00FFFFFFFFFFFFFF,size=640x480 ");
        assertEquals(Optional.of(SpaVideoFormat.RGBA.number()), fixed.spaFormat());
        assertEquals(OptionalLong.of(0x00ff_ffff_ffff_ffffL), fixed.modifier());
        assertEquals("format=RGBA,size=640x480,modifier=0xffffffffffffff", fixed.toString());
        assertEquals(fixed, FixedFormat.parse(fixed.toString()));
        assertEquals(SpaPropFlags.MANDATORY, fixed.toPod().property(SpaFormat.KEY_VIDEO_MODIFIER).orElseThrow().flags());
        assertEquals(Optional.of(77), FixedFormat.parse("format=77").spaFormat());
        assertEquals("format=77", FixedFormat.parse("format=77").toString());
        assertEquals(OptionalLong.of(-1), FixedFormat.parse("modifier=18446744073709551615").modifier());
    }

    @Test
    void leftOutPartsAreLeftOutOfThePod() {
        SpaPod.ObjectPod pod = FixedFormat.parse("size=1280x720").toPod();
        assertEquals("EnumFormat{mediaType=video, mediaSubtype=raw, size=1280x720}", SpaPodDescriber.describe(pod));
    }

    @Test
    void mistakesNameThePartTheyAreIn() {
        assertEquals("LUMEN_PW_FIXED_POD: part 'format=BGRz': 'BGRz' is not a video format name "
                + "(BGRx, RGBx, BGRA, RGBA, NV12, I420, ...) or a positive spa_video_format number", refusal("format=BGRz,size=1x1"));
        assertEquals("LUMEN_PW_FIXED_POD: part 'size=1920*1080': '1920*1080' is not two numbers joined by x",
                refusal("format=BGRx,size=1920*1080"));
        assertEquals("LUMEN_PW_FIXED_POD: part 'size=0x1080': '0' is out of range", refusal("size=0x1080"));
        assertEquals("LUMEN_PW_FIXED_POD: part 'framerate=60/0': '60/0' has a zero denominator", refusal("framerate=60/0"));
        assertEquals("LUMEN_PW_FIXED_POD: part 'framerate=sixty/1': 'sixty' is not a number", refusal("framerate=sixty/1"));
        assertEquals("LUMEN_PW_FIXED_POD: part 'colour=red': unknown key (want format, size, framerate or modifier)",
                refusal("format=BGRx,colour=red"));
        assertEquals("LUMEN_PW_FIXED_POD: part 'BGRx' is not key=value", refusal("BGRx"));
        assertEquals("LUMEN_PW_FIXED_POD: part '' is not key=value", refusal("format=BGRx,"));
        assertEquals("LUMEN_PW_FIXED_POD: part 'format=RGBx' repeats format", refusal("format=BGRx,format=RGBx"));
        assertEquals("LUMEN_PW_FIXED_POD: part 'modifier=0xg': For input string: \"g\" under radix 16", refusal("modifier=0xg"));
        assertEquals("LUMEN_PW_FIXED_POD is empty; want e.g. format=BGRx,size=1920x1080,framerate=60/1", refusal("  "));
    }
}
