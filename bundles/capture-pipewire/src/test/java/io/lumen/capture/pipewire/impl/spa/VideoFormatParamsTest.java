package io.lumen.capture.pipewire.impl.spa;

import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The EnumFormat lumen offers, and reading the Format PipeWire settles on. */
class VideoFormatParamsTest {

    /** A negotiated Format as PipeWire hands it to param_changed: every value in a None choice. */
    private static SpaPod.ObjectPod negotiated(int spaFormat, SpaPod.Property... extra) {
        List<SpaPod.Property> properties = new ArrayList<>(List.of(
                noneChoice(SpaFormat.KEY_MEDIA_TYPE, new SpaPod.IdPod(SpaFormat.MEDIA_TYPE_VIDEO)),
                noneChoice(SpaFormat.KEY_MEDIA_SUBTYPE, new SpaPod.IdPod(SpaFormat.MEDIA_SUBTYPE_RAW)),
                noneChoice(SpaFormat.KEY_VIDEO_FORMAT, new SpaPod.IdPod(spaFormat)),
                noneChoice(SpaFormat.KEY_VIDEO_SIZE, new SpaPod.RectanglePod(1920, 1080)),
                noneChoice(SpaFormat.KEY_VIDEO_FRAMERATE, new SpaPod.FractionPod(60, 1))));
        properties.addAll(List.of(extra));
        return new SpaPod.ObjectPod(SpaType.OBJECT_FORMAT, SpaParam.FORMAT, properties);
    }

    private static SpaPod.Property noneChoice(int key, SpaPod value) {
        return new SpaPod.Property(key, new SpaPod.ChoicePod(SpaChoiceType.NONE, List.of(value)));
    }

    private static SpaPod.ObjectPod without(SpaPod.ObjectPod object, int key) {
        return new SpaPod.ObjectPod(object.objectType(), object.objectId(),
                object.properties().stream().filter(p -> p.key() != key).toList());
    }

    @Test
    void theShmEnumFormatOffersTheEncoderFormatsInOrderAroundTheRequestedMode() {
        SpaPod.ObjectPod pod = VideoFormatParams.enumFormat(VideoFormatParams.ENCODER_FORMATS, new VideoMode(1920, 1080, 60));
        assertEquals("EnumFormat{mediaType=video, mediaSubtype=raw, "
                + "format=Enum{default=BGRx, alternatives=[BGRx, RGBx, BGRA, RGBA]}, "
                + "size=Range{default=1920x1080, min=1x1, max=16384x16384}, "
                + "framerate=Range{default=60/1, min=0/1, max=1000/1}}", SpaPodDescriber.describe(pod));
        assertEquals(Optional.empty(), pod.property(SpaFormat.KEY_VIDEO_MODIFIER));
    }

    /** For a producer that sizes itself to its consumer (Mutter's virtual monitor): no range its default could win. */
    @Test
    void anExactOfferFixesTheSizeAndOffersTheRateAsTheMaximum() {
        SpaPod.ObjectPod pod = VideoFormatParams.enumFormat(List.of(SpaVideoFormat.BGRx), new VideoMode(1024, 576, 120),
                true);
        assertEquals("EnumFormat{mediaType=video, mediaSubtype=raw, format=Enum{default=BGRx, alternatives=[BGRx]}, "
                + "size=1024x576, framerate=Range{default=120/1, min=0/1, max=1000/1}, maxFramerate=120/1}",
                SpaPodDescriber.describe(pod));
        assertEquals(SpaPodDescriber.describe(VideoFormatParams.enumFormat(List.of(SpaVideoFormat.BGRx),
                new VideoMode(1024, 576, 120))), SpaPodDescriber.describe(VideoFormatParams.enumFormat(
                List.of(SpaVideoFormat.BGRx), new VideoMode(1024, 576, 120), false)));
    }

    @Test
    void theDmaBufEnumFormatCarriesAMandatoryUnfixatedModifierEnum() {
        SpaPod.ObjectPod pod = VideoFormatParams.enumFormatDmaBuf(SpaVideoFormat.BGRx,
                List.of(VideoFormatParams.DRM_FORMAT_MOD_INVALID, 0L), new VideoMode(1280, 720, 30));
        SpaPod.Property modifier = pod.property(SpaFormat.KEY_VIDEO_MODIFIER).orElseThrow();
        assertEquals(SpaPropFlags.MANDATORY | SpaPropFlags.DONT_FIXATE, modifier.flags());
        assertEquals(0b11000, modifier.flags(), "bits 3 and 4 of spa/pod/pod.h");
        assertEquals("EnumFormat{mediaType=video, mediaSubtype=raw, format=BGRx, "
                + "modifier=Enum{default=0xffffffffffffff, alternatives=[0xffffffffffffff, 0x0]} (mandatory, dont-fixate), "
                + "size=Range{default=1280x720, min=1x1, max=16384x16384}, "
                + "framerate=Range{default=30/1, min=0/1, max=1000/1}}", SpaPodDescriber.describe(pod));
    }

    @Test
    void buffersAndMetaParamsDescribeTheirKeys() {
        assertEquals("Buffers{buffers=Range{default=8, min=2, max=16}, blocks=1, size=8294400, stride=7680, "
                + "dataType=Flags{default=MemPtr|MemFd|DmaBuf, flags=[]}}",
                SpaPodDescriber.describe(VideoFormatParams.buffers(new BufferRequest(8, 2, 16, 1, 1920 * 1080 * 4, 1920 * 4,
                        SpaData.mask(SpaData.MEM_PTR, SpaData.MEM_FD, SpaData.DMA_BUF)))));
        assertEquals("Meta{type=Header, size=32}", SpaPodDescriber.describe(VideoFormatParams.headerMeta()));
        assertEquals("Meta{type=VideoDamage, size=Range{default=256, min=16, max=256}}",
                SpaPodDescriber.describe(VideoFormatParams.damageMeta(16)));
        assertEquals("Meta{type=Cursor, size=Range{default=16432, min=52, max=65584}}",
                SpaPodDescriber.describe(VideoFormatParams.cursorMeta(128)));
        assertThrows(IllegalArgumentException.class, () -> BufferRequest.of(2, 4, 16, 0b10));
    }

    @Test
    void aNegotiatedFormatIsReadThroughItsNoneChoices() throws SpaPodException {
        NegotiatedVideoFormat format = VideoFormatParams.parseFormat(negotiated(SpaVideoFormat.BGRx.number()));
        assertEquals(new NegotiatedVideoFormat(8, 1920, 1080, 60, 1, OptionalLong.empty()), format);
        assertEquals(Optional.of(PixelFormat.BGRX), format.pixelFormat());
        assertEquals("BGRx 1920x1080 @60/1", format.toString());
    }

    @Test
    void plainValuesAndAModifierAreReadToo() throws SpaPodException {
        SpaPod.ObjectPod plain = VideoFormatParams.formatObject(SpaParam.FORMAT, List.of(
                new SpaPod.Property(SpaFormat.KEY_VIDEO_FORMAT, new SpaPod.IdPod(SpaVideoFormat.NV12.number())),
                new SpaPod.Property(SpaFormat.KEY_VIDEO_MODIFIER, SpaPropFlags.MANDATORY, new SpaPod.LongPod(0x0100_0000_0000_0002L)),
                new SpaPod.Property(SpaFormat.KEY_VIDEO_SIZE, new SpaPod.RectanglePod(3840, 2160))));
        NegotiatedVideoFormat format = VideoFormatParams.parseFormat(SpaPodParser.parse(SpaPodBuilder.encode(plain)));
        assertEquals(new NegotiatedVideoFormat(23, 3840, 2160, 0, 1, OptionalLong.of(0x0100_0000_0000_0002L)), format);
        assertEquals(Optional.of(PixelFormat.NV12), format.pixelFormat());
        assertEquals("NV12 3840x2160 @0/1 modifier 0x100000000000002", format.toString());
    }

    @Test
    void aFormatLumenCannotEncodeIsReportedByNumber() throws SpaPodException {
        NegotiatedVideoFormat yuy2 = VideoFormatParams.parseFormat(negotiated(SpaVideoFormat.YUY2.number()));
        assertEquals(Optional.empty(), yuy2.pixelFormat());
        NegotiatedVideoFormat unnamed = VideoFormatParams.parseFormat(negotiated(77));
        assertEquals(77, unnamed.spaFormat());
        assertEquals(Optional.empty(), unnamed.pixelFormat());
        assertEquals("format#77 1920x1080 @60/1", unnamed.toString());
    }

    @Test
    void aMissingFieldIsNamed() {
        SpaPodException noSize = assertThrows(SpaPodException.class,
                () -> VideoFormatParams.parseFormat(without(negotiated(8), SpaFormat.KEY_VIDEO_SIZE)));
        assertEquals("Format has no size: Format{mediaType=video, mediaSubtype=raw, format=BGRx, framerate=60/1}",
                noSize.getMessage());
        SpaPodException noFormat = assertThrows(SpaPodException.class,
                () -> VideoFormatParams.parseFormat(without(negotiated(8), SpaFormat.KEY_VIDEO_FORMAT)));
        assertEquals("Format has no format: Format{mediaType=video, mediaSubtype=raw, size=1920x1080, framerate=60/1}",
                noFormat.getMessage());
    }

    @Test
    void anUnfixedOrMistypedOrForeignFormatIsRefused() {
        SpaPod.ObjectPod offered = VideoFormatParams.enumFormat(VideoFormatParams.ENCODER_FORMATS, new VideoMode(1920, 1080, 60));
        assertEquals("format is not fixed: " + SpaPodDescriber.describe(offered),
                assertThrows(SpaPodException.class, () -> VideoFormatParams.parseFormat(offered)).getMessage());
        SpaPod.ObjectPod mistyped = negotiated(8, new SpaPod.Property(SpaFormat.KEY_VIDEO_MODIFIER, new SpaPod.IntPod(0)));
        assertEquals("modifier is a Int pod, expected Long",
                assertThrows(SpaPodException.class, () -> VideoFormatParams.parseFormat(mistyped)).getMessage());
        SpaPod.ObjectPod audio = new SpaPod.ObjectPod(SpaType.OBJECT_FORMAT, SpaParam.FORMAT, List.of(
                new SpaPod.Property(SpaFormat.KEY_MEDIA_TYPE, new SpaPod.IdPod(SpaFormat.MEDIA_TYPE_AUDIO)),
                new SpaPod.Property(SpaFormat.KEY_MEDIA_SUBTYPE, new SpaPod.IdPod(SpaFormat.MEDIA_SUBTYPE_RAW))));
        assertEquals("format is audio/raw, not video/raw",
                assertThrows(SpaPodException.class, () -> VideoFormatParams.parseFormat(audio)).getMessage());
        assertEquals("not a Format object: 7",
                assertThrows(SpaPodException.class, () -> VideoFormatParams.parseFormat(new SpaPod.IntPod(7))).getMessage());
    }
}
