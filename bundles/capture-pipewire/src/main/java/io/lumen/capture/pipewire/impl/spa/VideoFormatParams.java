package io.lumen.capture.pipewire.impl.spa;

import io.lumen.api.media.VideoMode;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The params a lumen video consumer hands PipeWire: what formats it takes (EnumFormat), how its buffers
 * should look (Buffers) and which metadata it wants (Meta); and {@link #parseFormat} for the answer.
 */
public final class VideoFormatParams {

    /** The packed 4-byte formats every lumen encoder path takes, best first: no conversion for BGRx. */
    public static final List<SpaVideoFormat> ENCODER_FORMATS =
            List.of(SpaVideoFormat.BGRx, SpaVideoFormat.RGBx, SpaVideoFormat.BGRA, SpaVideoFormat.RGBA);
    /** Matches VideoMode's bound; the Range only has to be wide enough not to exclude any producer. */
    public static final int MAX_SIZE = 16384;
    public static final int MAX_FRAMERATE = 1000;
    /** The DRM modifier for "layout known only to the driver", from drm_fourcc.h. */
    public static final long DRM_FORMAT_MOD_INVALID = 0x00ff_ffff_ffff_ffffL;
    public static final long DRM_FORMAT_MOD_LINEAR = 0;

    /**
     * The shared-memory EnumFormat: any of {@code formats} (first preferred), a size between 1x1 and
     * {@link #MAX_SIZE} defaulting to the client's, a frame rate up to {@link #MAX_FRAMERATE} defaulting to
     * the client's. A minimum frame rate of 0/1 admits producers that send frames only on damage.
     */
    public static SpaPod.ObjectPod enumFormat(List<SpaVideoFormat> formats, VideoMode requested) {
        return enumFormat(formats, requested, false);
    }

    /**
     * As {@link #enumFormat(List, VideoMode)}; {@code exact}: the requested size only, and the requested rate as
     * the maximum frame rate, for a producer that takes its size and rate from its consumer (Mutter's virtual
     * monitor), where a range would let the producer's own default win.
     */
    public static SpaPod.ObjectPod enumFormat(List<SpaVideoFormat> formats, VideoMode requested, boolean exact) {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("an EnumFormat needs at least one format");
        }
        List<SpaPod> values = new ArrayList<>();
        values.add(id(formats.getFirst()));
        formats.forEach(format -> values.add(id(format)));
        List<SpaPod.Property> video = new ArrayList<>();
        video.add(new SpaPod.Property(SpaFormat.KEY_VIDEO_FORMAT, new SpaPod.ChoicePod(SpaChoiceType.ENUM, values)));
        video.addAll(sizeAndFramerate(requested, exact));
        return formatObject(SpaParam.ENUM_FORMAT, video);
    }

    /**
     * The DMA-BUF EnumFormat for one format, to put before the shared-memory one: the modifiers (first
     * preferred) go in a mandatory, unfixated Enum so that the producer, which allocates, picks one and a
     * producer without DMA-BUF support does not match it at all.
     */
    public static SpaPod.ObjectPod enumFormatDmaBuf(SpaVideoFormat format, List<Long> modifiers, VideoMode requested) {
        return enumFormatDmaBuf(format, modifiers, requested, false);
    }

    /** As {@link #enumFormatDmaBuf(SpaVideoFormat, List, VideoMode)}, exact as in {@link #enumFormat(List, VideoMode, boolean)}. */
    public static SpaPod.ObjectPod enumFormatDmaBuf(SpaVideoFormat format, List<Long> modifiers, VideoMode requested,
                                                    boolean exact) {
        if (modifiers.isEmpty()) {
            throw new IllegalArgumentException("a DMA-BUF EnumFormat needs at least one modifier");
        }
        List<SpaPod> values = new ArrayList<>();
        values.add(new SpaPod.LongPod(modifiers.getFirst()));
        modifiers.forEach(modifier -> values.add(new SpaPod.LongPod(modifier)));
        List<SpaPod.Property> video = new ArrayList<>();
        video.add(new SpaPod.Property(SpaFormat.KEY_VIDEO_FORMAT, id(format)));
        video.add(new SpaPod.Property(SpaFormat.KEY_VIDEO_MODIFIER, SpaPropFlags.MANDATORY | SpaPropFlags.DONT_FIXATE,
                new SpaPod.ChoicePod(SpaChoiceType.ENUM, values)));
        video.addAll(sizeAndFramerate(requested, exact));
        return formatObject(SpaParam.ENUM_FORMAT, video);
    }

    /** The Buffers param: how many, and which memory kinds lumen can read (dataType as a Flags choice). */
    public static SpaPod.ObjectPod buffers(BufferRequest request) {
        List<SpaPod.Property> properties = new ArrayList<>();
        properties.add(new SpaPod.Property(SpaParam.BUFFERS_BUFFERS, intRange(request.defaultBuffers(),
                request.minBuffers(), request.maxBuffers())));
        if (request.blocks() > 0) {
            properties.add(new SpaPod.Property(SpaParam.BUFFERS_BLOCKS, new SpaPod.IntPod(request.blocks())));
        }
        if (request.size() > 0) {
            properties.add(new SpaPod.Property(SpaParam.BUFFERS_SIZE, new SpaPod.IntPod(request.size())));
        }
        if (request.stride() > 0) {
            properties.add(new SpaPod.Property(SpaParam.BUFFERS_STRIDE, new SpaPod.IntPod(request.stride())));
        }
        properties.add(new SpaPod.Property(SpaParam.BUFFERS_DATA_TYPE,
                new SpaPod.ChoicePod(SpaChoiceType.FLAGS, List.of(new SpaPod.IntPod(request.dataTypeMask())))));
        return new SpaPod.ObjectPod(SpaType.OBJECT_PARAM_BUFFERS, SpaParam.BUFFERS, properties);
    }

    /** A Meta param asking for {@code size} bytes of {@link SpaMeta} {@code metaType} per buffer. */
    public static SpaPod.ObjectPod meta(int metaType, int size) {
        return meta(metaType, new SpaPod.IntPod(size));
    }

    /** A Meta param whose size the producer may pick between {@code minSize} and {@code maxSize}. */
    public static SpaPod.ObjectPod meta(int metaType, int defaultSize, int minSize, int maxSize) {
        return meta(metaType, intRange(defaultSize, minSize, maxSize));
    }

    /** Per-buffer flags and timestamps (struct spa_meta_header). */
    public static SpaPod.ObjectPod headerMeta() {
        return meta(SpaMeta.HEADER, SpaMeta.HEADER_SIZE);
    }

    /** Room for up to {@code maxRegions} damaged rectangles; the producer ends a shorter list with an empty one. */
    public static SpaPod.ObjectPod damageMeta(int maxRegions) {
        return meta(SpaMeta.VIDEO_DAMAGE, SpaMeta.REGION_SIZE * maxRegions, SpaMeta.REGION_SIZE,
                SpaMeta.REGION_SIZE * maxRegions);
    }

    /**
     * The cursor position and, behind it, a bitmap of up to {@code maxEdge} x {@code maxEdge} 4-byte pixels:
     * a spa_meta_cursor followed by a spa_meta_bitmap and its pixels.
     */
    public static SpaPod.ObjectPod cursorMeta(int maxEdge) {
        return meta(SpaMeta.CURSOR, cursorMetaSize(Math.min(64, maxEdge)), cursorMetaSize(1), cursorMetaSize(maxEdge));
    }

    public static int cursorMetaSize(int edge) {
        return Math.toIntExact(SpaMeta.CURSOR_SIZE + SpaMeta.BITMAP_SIZE + 4L * edge * edge);
    }

    /**
     * The negotiated format of a param_changed(Format) callback. Values wrapped in a None choice are taken
     * as they are; a choice with several values means the format is not fixed, which is an error here.
     * The frame rate may be absent (spa treats every field as optional): it then reads as 0/1, spa's
     * "variable".
     */
    public static NegotiatedVideoFormat parseFormat(SpaPod pod) throws SpaPodException {
        if (!(pod instanceof SpaPod.ObjectPod format) || format.objectType() != SpaType.OBJECT_FORMAT) {
            throw new SpaPodException("not a Format object: " + SpaPodDescriber.describe(pod));
        }
        FixedValues values = new FixedValues(format);
        int mediaType = values.required(SpaFormat.KEY_MEDIA_TYPE, "mediaType", SpaPod.IdPod.class).value();
        int mediaSubtype = values.required(SpaFormat.KEY_MEDIA_SUBTYPE, "mediaSubtype", SpaPod.IdPod.class).value();
        if (mediaType != SpaFormat.MEDIA_TYPE_VIDEO || mediaSubtype != SpaFormat.MEDIA_SUBTYPE_RAW) {
            throw new SpaPodException("format is " + SpaFormat.mediaTypeName(mediaType) + "/"
                    + SpaFormat.mediaSubtypeName(mediaSubtype) + ", not video/raw");
        }
        int videoFormat = values.required(SpaFormat.KEY_VIDEO_FORMAT, "format", SpaPod.IdPod.class).value();
        SpaPod.RectanglePod size = values.required(SpaFormat.KEY_VIDEO_SIZE, "size", SpaPod.RectanglePod.class);
        SpaPod.FractionPod framerate = values.optional(SpaFormat.KEY_VIDEO_FRAMERATE, "framerate", SpaPod.FractionPod.class)
                .orElse(new SpaPod.FractionPod(0, 1));
        OptionalLong modifier = values.optional(SpaFormat.KEY_VIDEO_MODIFIER, "modifier", SpaPod.LongPod.class)
                .map(m -> OptionalLong.of(m.value())).orElse(OptionalLong.empty());
        if (size.width() <= 0 || size.height() <= 0) {
            throw new SpaPodException("format size " + Integer.toUnsignedString(size.width()) + "x"
                    + Integer.toUnsignedString(size.height()) + " is not a picture size");
        }
        return new NegotiatedVideoFormat(videoFormat, size.width(), size.height(), framerate.num(), framerate.denom(),
                modifier);
    }

    /** A Format-type object for {@code paramId} with mediaType video, mediaSubtype raw, then {@code video}. */
    static SpaPod.ObjectPod formatObject(int paramId, List<SpaPod.Property> video) {
        List<SpaPod.Property> properties = new ArrayList<>();
        properties.add(new SpaPod.Property(SpaFormat.KEY_MEDIA_TYPE, new SpaPod.IdPod(SpaFormat.MEDIA_TYPE_VIDEO)));
        properties.add(new SpaPod.Property(SpaFormat.KEY_MEDIA_SUBTYPE, new SpaPod.IdPod(SpaFormat.MEDIA_SUBTYPE_RAW)));
        properties.addAll(video);
        return new SpaPod.ObjectPod(SpaType.OBJECT_FORMAT, paramId, properties);
    }

    static SpaPod.IdPod id(SpaVideoFormat format) {
        return new SpaPod.IdPod(format.number());
    }

    private static List<SpaPod.Property> sizeAndFramerate(VideoMode requested, boolean exact) {
        if (exact) {
            return List.of(
                    new SpaPod.Property(SpaFormat.KEY_VIDEO_SIZE,
                            new SpaPod.RectanglePod(requested.width(), requested.height())),
                    new SpaPod.Property(SpaFormat.KEY_VIDEO_FRAMERATE, new SpaPod.ChoicePod(SpaChoiceType.RANGE,
                            List.of(new SpaPod.FractionPod(requested.fps(), 1), new SpaPod.FractionPod(0, 1),
                                    new SpaPod.FractionPod(MAX_FRAMERATE, 1)))),
                    new SpaPod.Property(SpaFormat.KEY_VIDEO_MAX_FRAMERATE,
                            new SpaPod.FractionPod(requested.fps(), 1)));
        }
        return List.of(
                new SpaPod.Property(SpaFormat.KEY_VIDEO_SIZE, new SpaPod.ChoicePod(SpaChoiceType.RANGE, List.of(
                        new SpaPod.RectanglePod(requested.width(), requested.height()),
                        new SpaPod.RectanglePod(1, 1),
                        new SpaPod.RectanglePod(MAX_SIZE, MAX_SIZE)))),
                new SpaPod.Property(SpaFormat.KEY_VIDEO_FRAMERATE, new SpaPod.ChoicePod(SpaChoiceType.RANGE, List.of(
                        new SpaPod.FractionPod(requested.fps(), 1),
                        new SpaPod.FractionPod(0, 1),
                        new SpaPod.FractionPod(MAX_FRAMERATE, 1)))));
    }

    private static SpaPod.ChoicePod intRange(int defaultValue, int min, int max) {
        if (min > defaultValue || defaultValue > max) {
            throw new IllegalArgumentException("range " + min + ".." + max + " does not hold its default " + defaultValue);
        }
        return new SpaPod.ChoicePod(SpaChoiceType.RANGE, List.of(
                new SpaPod.IntPod(defaultValue), new SpaPod.IntPod(min), new SpaPod.IntPod(max)));
    }

    private static SpaPod.ObjectPod meta(int metaType, SpaPod size) {
        return new SpaPod.ObjectPod(SpaType.OBJECT_PARAM_META, SpaParam.META, List.of(
                new SpaPod.Property(SpaParam.META_TYPE, new SpaPod.IdPod(metaType)),
                new SpaPod.Property(SpaParam.META_SIZE, size)));
    }

    private VideoFormatParams() {
    }
}
