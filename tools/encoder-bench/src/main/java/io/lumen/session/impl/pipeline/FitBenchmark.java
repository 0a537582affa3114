package io.lumen.session.impl.pipeline;

import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.encode.libav.impl.ffm.AvLayouts;
import io.lumen.encode.libav.impl.ffm.Libav;
import io.lumen.encode.libav.impl.ffm.Scaler;
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
 * What fitting a capture of another size to a 1920x1080 client costs on the encode thread ({@link FrameFitter}, in
 * this package for its package-private access), beside the peer every libav encode pays for each frame anyway:
 * libswscale's BGRX to I420 conversion of a 1920x1080 picture, as encode-libav's converter does it (one band).
 * Sources: a 2560x1440 and a 3840x2160 output (shrunk), a 1280x720 window (grown, with bars).
 */
@State(Scope.Thread)
public class FitBenchmark {

    private static final VideoMode CLIENT = new VideoMode(1920, 1080, 60);

    @Param({"2560x1440", "3840x2160", "1280x720"})
    public String source;

    private final Arena arena = Arena.ofShared();
    private FrameFitter fitter;
    private Frame frame;
    private Scaler scaler;
    private MemorySegment clientFrame;
    private MemorySegment[] i420;

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
        scaler = Scaler.open(Libav.system(), 1920, 1080, AvLayouts.PIX_FMT_BGR0, AvLayouts.PIX_FMT_YUV420P);
    }

    @TearDown
    public void tearDown() {
        scaler.close();
        fitter.close();
        arena.close();
    }

    @Benchmark
    public long fitToClient() {
        Frame fitted = fitter.fit(frame);
        long address = fitted.data().address();
        fitted.release();
        return address;
    }

    @Benchmark
    public MemorySegment libswscaleBgrxToI420At1080() throws Exception {
        scaler.scale(new MemorySegment[] {clientFrame}, new int[] {1920 * 4}, i420, new int[] {1920, 960, 960});
        return i420[0];
    }
}
