package io.lumen.capture.pipewire.impl.spa;

import io.lumen.api.media.PixelFormat;

import java.util.Optional;

/**
 * The raw video formats lumen names, numbered as {@code enum spa_video_format} in {@code spa/param/video/raw.h}
 * (PipeWire 0.3.65). A producer may offer others; those stay plain numbers (see {@link #ofNumber}).
 */
public enum SpaVideoFormat {
    I420(2, PixelFormat.I420),
    YV12(3, null),
    YUY2(4, null),
    UYVY(5, null),
    AYUV(6, null),
    RGBx(7, PixelFormat.RGBX),
    BGRx(8, PixelFormat.BGRX),
    xRGB(9, null),
    xBGR(10, null),
    RGBA(11, PixelFormat.RGBA),
    BGRA(12, PixelFormat.BGRA),
    ARGB(13, null),
    ABGR(14, null),
    RGB(15, null),
    BGR(16, null),
    NV12(23, PixelFormat.NV12),
    NV21(24, null);

    private final int number;
    private final PixelFormat pixelFormat;

    SpaVideoFormat(int number, PixelFormat pixelFormat) {
        this.number = number;
        this.pixelFormat = pixelFormat;
    }

    public int number() {
        return number;
    }

    /** The lumen layout with the same bytes in memory, if the encoders take this format. */
    public Optional<PixelFormat> pixelFormat() {
        return Optional.ofNullable(pixelFormat);
    }

    public static Optional<SpaVideoFormat> ofNumber(int number) {
        for (SpaVideoFormat format : values()) {
            if (format.number == number) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** Looks a format up by its spa spelling ("BGRx"), ignoring case since operators type it in env vars. */
    public static Optional<SpaVideoFormat> ofName(String name) {
        for (SpaVideoFormat format : values()) {
            if (format.name().equalsIgnoreCase(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The spa spelling for a known number, else "format#N" so a log still shows what the producer sent. */
    public static String describe(int number) {
        return ofNumber(number).map(Enum::name).orElse("format#" + number);
    }
}
