package io.lumen.encoding;

import io.lumen.api.media.Frame;

/**
 * An encoder session's conversion of captured frames into its picture of {@code width}x{@code height}: one
 * {@link PictureConverter} for the capture's present size and format, replaced when a frame of another size or format
 * comes (a capture may change either mid-session), with one log line per new size saying where the picture lands.
 * Used on the encode thread only.
 */
public final class CaptureConversion implements AutoCloseable {

    private final Swscale swscale;
    private final System.Logger log;
    private final String encoder;
    private final int width;
    private final int height;
    private final int targetFormat;
    private PictureConverter converter;

    /** Logs to {@code log} as {@code encoder}, the encoder's id. */
    public CaptureConversion(Swscale swscale, System.Logger log, String encoder, int width, int height,
                             int targetFormat) {
        this.swscale = swscale;
        this.log = log;
        this.encoder = encoder;
        this.width = width;
        this.height = height;
        this.targetFormat = targetFormat;
    }

    /** Whether a frame has been converted into the picture since this was opened. */
    public boolean hasConverted() {
        return converter != null;
    }

    /** Converts {@code frame} into {@code picture}, first replacing the converter if the frame's shape changed. */
    public void convert(Frame frame, EncoderPicture picture) throws EncodingException {
        if (converter == null || !converter.converts(frame)) {
            if (converter != null) {
                converter.close();
                converter = null;
            }
            converter = new PictureConverter(swscale, frame.width(), frame.height(), frame.format(), width, height,
                    targetFormat);
            if (frame.width() != width || frame.height() != height) {
                var box = converter.box();
                log.log(System.Logger.Level.INFO, encoder + " scales " + frame.width() + "x" + frame.height() + " "
                        + frame.format() + " pictures to " + box.width() + "x" + box.height() + " at (" + box.left()
                        + "," + box.top() + ") of its " + width + "x" + height + " in the conversion pass"
                        + (box.fills(width, height) ? "" : ", black bars around"));
            }
        }
        converter.convert(frame, picture);
    }

    @Override
    public void close() {
        if (converter != null) {
            converter.close();
            converter = null;
        }
    }
}
