package io.lumen.encode.libav.impl;

import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.encode.libav.impl.ffm.AvEncoder;
import io.lumen.encode.libav.impl.ffm.AvException;
import io.lumen.encode.libav.impl.ffm.AvLayouts;
import io.lumen.encode.libav.impl.ffm.Libav;
import io.lumen.encode.libav.impl.ffm.Scaler;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Converts a captured frame into the encoder's input frame with libswscale, at the same size. When the capture
 * delivers the session's size this is the only copy between the capture's frame and the encoder; a packed frame of
 * another size arrives already copied once, scaled by the session manager's FrameFitter (until the encoder's
 * conversion scales as well, issue 21). The picture is cut into two bands of rows converted at once, one on the encode thread and
 * one on a helper thread, because libswscale's own call is single-threaded and at 1080p takes about a third of
 * x264 ultrafast's time.
 */
final class PictureConverter implements AutoCloseable {

    private final PixelFormat source;
    private final boolean semiPlanarTarget;
    private final Scaler[] scalers;
    private final int[] firstRows;
    private final ExecutorService helper;

    PictureConverter(Libav av, int width, int height, PixelFormat source, int targetFormat) throws AvException {
        this.source = source;
        this.semiPlanarTarget = targetFormat == AvLayouts.PIX_FMT_NV12;
        boolean split = height >= 128 && Runtime.getRuntime().availableProcessors() > 1;
        int middle = (height / 2) & ~1; // an even row: 4:2:0 chroma rows stay whole
        this.firstRows = split ? new int[] {0, middle, height} : new int[] {0, height};
        this.scalers = new Scaler[firstRows.length - 1];
        try {
            for (int band = 0; band < scalers.length; band++) {
                scalers[band] = Scaler.open(av, width, firstRows[band + 1] - firstRows[band],
                        sourceFormat(source), targetFormat);
            }
        } catch (AvException e) {
            close();
            throw e;
        }
        this.helper = split ? Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
                .name("lumen-libav-convert").factory()) : null;
    }

    PixelFormat source() {
        return source;
    }

    void convert(Frame frame, AvEncoder encoder) throws AvException {
        encoder.makeFrameWritable();
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
            throw new AvException("interrupted while converting");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AvException av ? av : new AvException(String.valueOf(e.getCause()));
        }
    }

    private void convertBand(int band, Frame frame, AvEncoder encoder) throws AvException {
        int row = firstRows[band];
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
        if (semiPlanarTarget) {
            scalers[band].scale(planes, strides, new MemorySegment[] {encoder.plane(0, row), encoder.plane(1, row / 2)},
                    new int[] {encoder.linesize(0), encoder.linesize(1)});
        } else {
            scalers[band].scale(planes, strides,
                    new MemorySegment[] {encoder.plane(0, row), encoder.plane(1, row / 2), encoder.plane(2, row / 2)},
                    new int[] {encoder.linesize(0), encoder.linesize(1), encoder.linesize(2)});
        }
    }

    static int sourceFormat(PixelFormat format) {
        return switch (format) {
            case BGRX -> AvLayouts.PIX_FMT_BGR0;
            case RGBX -> AvLayouts.PIX_FMT_RGB0;
            case BGRA -> AvLayouts.PIX_FMT_BGRA;
            case RGBA -> AvLayouts.PIX_FMT_RGBA;
            case I420 -> AvLayouts.PIX_FMT_YUV420P;
            case NV12 -> AvLayouts.PIX_FMT_NV12;
        };
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
    }
}
