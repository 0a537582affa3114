package io.lumen.tools.encoderbench;

import io.lumen.api.backend.BackendException;
import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.AccessUnitSink;
import io.lumen.api.media.Codec;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.capture.synthetic.pattern.TestPattern;
import io.lumen.encode.java.impl.JavaH264EncoderBackend;
import io.lumen.encode.libav.impl.X264Backend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * What an idle source's repeat costs: the encoder's own repeat ({@code repeatLast}: java-h264's all-skip picture,
 * libav's re-send of the converted picture) against encoding the same unchanged frame again (what the session does
 * for an encoder without one), in the same session, taking turns. CPU is the process's (x264 runs threads of its
 * own), bytes are what goes to the client. See README.md.
 */
public final class RepeatBench {

    private static final int KBPS = 20_000;
    private static final long MIN_RUN_NANOS = 500_000_000L;

    private RepeatBench() {
    }

    public static void main(String[] args) throws Exception {
        int pictures = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf(Locale.ROOT, "%d repeats a run, %d rounds; the encoder's own repeat and the same frame"
                + " encoded again take turns in one session%n", pictures, rounds);
        measure(new JavaH264EncoderBackend(), new VideoMode(1280, 720, 60), pictures / 8, rounds);
        measure(new X264Backend(), new VideoMode(1280, 720, 60), pictures, rounds);
        measure(new X264Backend(), new VideoMode(1920, 1080, 60), pictures, rounds);
    }

    /** CPU microseconds and bytes per picture of one run. */
    private record Cost(double cpuMicros, double bytes) {
    }

    private static void measure(EncoderBackend backend, VideoMode mode, int pictures, int rounds) throws Exception {
        if (!backend.probe().available()) {
            System.out.println(backend.id() + ": not measured, " + backend.probe());
            return;
        }
        int stride = mode.width() * 4;
        TestPattern pattern = new TestPattern(mode.width(), mode.height(), PixelFormat.BGRX);
        try (Arena arena = Arena.ofConfined();
             EncoderSession session = backend.open(new EncoderConfig(Codec.H264, mode, KBPS, 1, false))) {
            MemorySegment pixels = arena.allocate((long) stride * mode.height());
            Frame frame = new Frame(pixels, PixelFormat.BGRX, mode.width(), mode.height(), stride, 0, 0, null);
            for (int i = 0; i < 10; i++) { // warms the JIT and the encoder's rate control on a moving picture
                pattern.paint(pixels, stride, i, FrameStamp.now(i));
                session.encode(frame, unit -> { });
            }
            run(session, frame, pictures, false); // the encoder's analysis settles on the unchanged picture
            double[] cpuRatios = new double[rounds];
            double[] byteRatios = new double[rounds];
            Cost own = null;
            Cost again = null;
            for (int round = 0; round < rounds; round++) {
                own = run(session, frame, pictures, true);
                again = run(session, frame, pictures, false);
                cpuRatios[round] = again.cpuMicros / own.cpuMicros;
                byteRatios[round] = again.bytes / own.bytes;
                System.out.printf(Locale.ROOT, "  %s %s round %d: own repeat %.1f us CPU, %.0f bytes | encoded again"
                                + " %.0f us CPU, %.0f bytes | encoding again costs %.1f x the CPU, %.1f x the bytes%n",
                        backend.id(), mode, round + 1, own.cpuMicros, own.bytes, again.cpuMicros, again.bytes,
                        cpuRatios[round], byteRatios[round]);
            }
            Arrays.sort(cpuRatios);
            Arrays.sort(byteRatios);
            System.out.printf(Locale.ROOT, "%s %s median: encoding the unchanged frame again costs %.1f x the CPU and"
                    + " %.1f x the bytes of the encoder's own repeat%n", backend.id(), mode, cpuRatios[rounds / 2],
                    byteRatios[rounds / 2]);
        }
    }

    private static Cost run(EncoderSession session, Frame frame, int pictures, boolean ownRepeat)
            throws BackendException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] bytes = new long[1];
        AccessUnitSink sink = unit -> bytes[0] += unit.data().byteSize();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        int i = 0;
        // the process CPU clock ticks in 10 ms: a run lasts long enough for a skip of microseconds to show
        for (; i < pictures || System.nanoTime() - start < MIN_RUN_NANOS; i++) {
            if (!ownRepeat) {
                session.encode(frame, sink);
            } else if (!session.repeatLast(i, sink)) {
                throw new IllegalStateException(session + " has no repeat of its own");
            }
        }
        return new Cost((os.getProcessCpuTime() - cpuBefore) / 1e3 / i, bytes[0] / (double) i);
    }
}
