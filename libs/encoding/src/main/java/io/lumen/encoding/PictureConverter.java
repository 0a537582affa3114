package io.lumen.encoding;

import io.lumen.api.encode.Letterbox;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;

import java.lang.foreign.MemorySegment;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Converts a captured frame into the encoder's input frame with libswscale: the only copy between the capture's
 * frame and the encoder, also for a frame of another size than the encoder's, which is scaled in the same pass into
 * the {@link Letterbox} rectangle (black bars around it, where the session's FrameFitter puts it for encoders that
 * cannot scale). The picture is cut into two bands of rows converted at once, one on the encode thread and one on a
 * helper thread, because libswscale's own call is single-threaded and at 1080p takes about a third of x264
 * ultrafast's time.
 */
public final class PictureConverter implements AutoCloseable {

    /** The capture formats it converts from. */
    public static final Set<PixelFormat> SOURCES = Set.of(PixelFormat.BGRX, PixelFormat.RGBX, PixelFormat.BGRA,
            PixelFormat.RGBA, PixelFormat.I420, PixelFormat.NV12);

    private final PixelFormat source;
    private final int sourceWidth;
    private final int sourceHeight;
    private final boolean semiPlanarTarget;
    private final int sampleBytes;
    private final Letterbox box;
    /** Null when the picture covers the whole frame. */
    private final BlackBars bars;
    private final Scaler[] scalers;
    /** Band boundaries: rows of the source, and the matching rows of the picture in the target. */
    private final int[] sourceRows;
    private final int[] targetRows;
    private final ExecutorService helper;

    public PictureConverter(Swscale av, int width, int height, PixelFormat source, int targetFormat)
            throws EncodingException {
        this(av, width, height, source, width, height, targetFormat);
    }

    /** Converts {@code sourceWidth}x{@code sourceHeight} pictures for an encoder of {@code width}x{@code height}. */
    public PictureConverter(Swscale av, int sourceWidth, int sourceHeight, PixelFormat source, int width,
                            int height, int targetFormat) throws EncodingException {
        this.source = source;
        this.sourceWidth = sourceWidth;
        this.sourceHeight = sourceHeight;
        this.semiPlanarTarget = targetFormat == AvPixelFormat.NV12;
        this.sampleBytes = targetFormat == AvPixelFormat.YUV420P10LE ? 2 : 1;
        this.box = Letterbox.of(sourceWidth, sourceHeight, width, height);
        this.bars = box.fills(width, height) ? null : new BlackBars(width, height, box, targetFormat);
        int middle = (box.height() / 2) & ~1; // an even row: 4:2:0 chroma rows stay whole
        long sourceMiddle = (long) middle * sourceHeight;
        // each band scales alone, so the split must fall on a row boundary in both pictures
        boolean split = box.height() >= 128 && Runtime.getRuntime().availableProcessors() > 1
                && sourceMiddle % box.height() == 0 && (sourceMiddle / box.height()) % 2 == 0;
        this.targetRows = split ? new int[] {0, middle, box.height()} : new int[] {0, box.height()};
        this.sourceRows = split ? new int[] {0, (int) (sourceMiddle / box.height()), sourceHeight}
                : new int[] {0, sourceHeight};
        this.scalers = new Scaler[targetRows.length - 1];
        try {
            for (int band = 0; band < scalers.length; band++) {
                scalers[band] = Scaler.open(av, sourceWidth, sourceRows[band + 1] - sourceRows[band],
                        AvPixelFormat.of(source), box.width(), targetRows[band + 1] - targetRows[band], targetFormat);
            }
        } catch (EncodingException e) {
            close();
            throw e;
        }
        this.helper = split ? Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
                .name("lumen-convert").factory()) : null;
    }

    /** Whether this converts {@code frame}'s format and size. */
    public boolean converts(Frame frame) {
        return frame.format() == source && frame.width() == sourceWidth && frame.height() == sourceHeight;
    }

    /** Where the picture lands in the encoder's frame. */
    public Letterbox box() {
        return box;
    }

    public void convert(Frame frame, EncoderPicture encoder) throws EncodingException {
        encoder.makeWritable();
        if (bars != null) {
            bars.paint(encoder);
        }
        if (helper == null) {
            convertBand(0, frame, encoder);
            return;
        }
        Future<?> lower = helper.submit(() -> {
            convertBand(1, frame, encoder);
            return null;
        });
        convertBand(0, frame, encoder);
        try {
            lower.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncodingException("interrupted while converting");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof EncodingException failed ? failed
                    : new EncodingException(String.valueOf(e.getCause()));
        }
    }

    private void convertBand(int band, Frame frame, EncoderPicture encoder) throws EncodingException {
        int row = sourceRows[band];
        MemorySegment pixels = frame.data();
        int stride = frame.stride();
        long luma = (long) stride * frame.height();
        MemorySegment[] planes;
        int[] strides;
        switch (source) {
            case I420 -> {
                int chromaStride = (stride + 1) / 2;
                long chroma = (long) chromaStride * ((frame.height() + 1) / 2);
                long chromaRow = (long) chromaStride * (row / 2);
                planes = new MemorySegment[] {pixels.asSlice((long) stride * row), pixels.asSlice(luma + chromaRow),
                        pixels.asSlice(luma + chroma + chromaRow)};
                strides = new int[] {stride, chromaStride, chromaStride};
            }
            case NV12 -> {
                planes = new MemorySegment[] {pixels.asSlice((long) stride * row),
                        pixels.asSlice(luma + (long) stride * (row / 2))};
                strides = new int[] {stride, stride};
            }
            default -> {
                planes = new MemorySegment[] {pixels.asSlice((long) stride * row)};
                strides = new int[] {stride};
            }
        }
        int lumaRow = box.top() + targetRows[band];
        int chromaRow = box.top() / 2 + targetRows[band] / 2;
        long lumaColumn = (long) box.left() * sampleBytes;
        long chromaColumn = (long) (box.left() / 2) * sampleBytes * (semiPlanarTarget ? 2 : 1);
        if (semiPlanarTarget) {
            scalers[band].scale(planes, strides, new MemorySegment[] {encoder.plane(0, lumaRow).asSlice(lumaColumn),
                    encoder.plane(1, chromaRow).asSlice(chromaColumn)},
                    new int[] {encoder.linesize(0), encoder.linesize(1)});
        } else {
            scalers[band].scale(planes, strides, new MemorySegment[] {encoder.plane(0, lumaRow).asSlice(lumaColumn),
                    encoder.plane(1, chromaRow).asSlice(chromaColumn), encoder.plane(2, chromaRow).asSlice(chromaColumn)},
                    new int[] {encoder.linesize(0), encoder.linesize(1), encoder.linesize(2)});
        }
    }

    @Override
    public void close() {
        if (helper != null) {
            helper.shutdownNow();
        }
        for (Scaler scaler : scalers) {
            if (scaler != null) {
                scaler.close();
            }
        }
        if (bars != null) {
            bars.close();
        }
    }
}
