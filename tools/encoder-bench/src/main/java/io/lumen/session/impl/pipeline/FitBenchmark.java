package io.lumen.session.impl.pipeline;

import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.encode.libav.impl.ffm.AvLayouts;
import io.lumen.encoding.Scaler;
import io.lumen.encoding.Swscale;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

/**
 * What a capture of another size than a 1920x1080 client's costs per frame before the encoder, by the two paths
 * the session has, beside the conversion every libav encode pays anyway (libswscale's BGRX to I420 at 1920x1080,
 * one band, as {@code convertAlone}):
 * <ul>
 *   <li>{@code fitThenConvert}, the fallback for an encoder that cannot scale: {@link FrameFitter} (in this package
 *       for its package-private access) copies the picture to 1920x1080, then libswscale converts that;</li>
 *   <li>{@code scaleAndConvert}, an encoder that scales (encode-libav): libswscale scales and converts in one pass
 *       (area filter when shrinking, bilinear when growing, as libs/encoding's Scaler opens it).</li>
 * </ul>
 * {@code fitOnly} is the Java copy alone. Sources: a 2560x1440 and a 3840x2160 output (shrunk), a 1280x720 window
 * (grown). Each path's figure over {@code convertAlone}'s, same run, is the ratio to report.
 */
@State(Scope.Thread)
public class FitBenchmark {

    private static final VideoMode CLIENT = new VideoMode(1920, 1080, 60);

    @Param({"2560x1440", "3840x2160", "1280x720"})
    public String source;

    private final Arena arena = Arena.ofShared();
    private FrameFitter fitter;
    private Frame frame;
    private Scaler convert;
    private Scaler scaleAndConvert;
    private MemorySegment clientFrame;
    private MemorySegment[] i420;
    private int[] i420Strides;

    @Setup
    public void setUp() throws Exception {
        String[] size = source.split("x");
        int width = Integer.parseInt(size[0]);
        int height = Integer.parseInt(size[1]);
        MemorySegment pixels = arena.allocate((long) width * height * 4, 64);
        Random random = new Random(42);
        for (long i = 0; i < pixels.byteSize(); i += 4) {
            pixels.set(ValueLayout.JAVA_INT_UNALIGNED, i, random.nextInt());
        }
        frame = new Frame(pixels, PixelFormat.BGRX, width, height, width * 4, 0, 0, null);
        fitter = new FrameFitter(CLIENT, info -> { });
        clientFrame = arena.allocate(1920L * 1080 * 4, 64);
        i420 = new MemorySegment[] {arena.allocate(1920L * 1080, 64), arena.allocate(960L * 540, 64),
                arena.allocate(960L * 540, 64)};
        i420Strides = new int[] {1920, 960, 960};
        Swscale av = Swscale.system();
        convert = Scaler.open(av, 1920, 1080, AvLayouts.PIX_FMT_BGR0, AvLayouts.PIX_FMT_YUV420P);
        scaleAndConvert = Scaler.open(av, width, height, AvLayouts.PIX_FMT_BGR0, 1920, 1080,
                AvLayouts.PIX_FMT_YUV420P);
    }

    @TearDown
    public void tearDown() {
        convert.close();
        scaleAndConvert.close();
        fitter.close();
        arena.close();
    }

    @Benchmark
    public long fitOnly() {
        Frame fitted = fitter.fit(frame);
        long address = fitted.data().address();
        fitted.release();
        return address;
    }

    @Benchmark
    public MemorySegment convertAlone() throws Exception {
        convert.scale(new MemorySegment[] {clientFrame}, new int[] {1920 * 4}, i420, i420Strides);
        return i420[0];
    }

    @Benchmark
    public MemorySegment fitThenConvert() throws Exception {
        Frame fitted = fitter.fit(frame);
        try {
            convert.scale(new MemorySegment[] {fitted.data()}, new int[] {fitted.stride()}, i420, i420Strides);
        } finally {
            fitted.release();
        }
        return i420[0];
    }

    @Benchmark
    public MemorySegment scaleAndConvert() throws Exception {
        scaleAndConvert.scale(new MemorySegment[] {frame.data()}, new int[] {frame.stride()}, i420, i420Strides);
        return i420[0];
    }
}
