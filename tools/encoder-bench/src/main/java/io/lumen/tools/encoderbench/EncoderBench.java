package io.lumen.tools.encoderbench;

import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.Codec;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.encode.java.impl.JavaH264EncoderBackend;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/** java-h264 against x264 (ffmpeg CLI) on the same raw frames, one core each. See README.md. */
public final class EncoderBench {

    private EncoderBench() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        for (int[] size : List.of(new int[] {1280, 720}, new int[] {1920, 1080})) {
            Path raw = Files.createTempFile("lumen-bench-", ".bgrx");
            try {
                RawFrames.write(raw, size[0], size[1], frames);
                double java = javaFps(raw, size[0], size[1], frames);
                double x264 = x264Fps(raw, size[0], size[1], frames);
                System.out.printf(Locale.ROOT, "%dx%d, %d frames: java-h264 %.1f fps, x264 ultrafast/zerolatency %.1f fps, "
                        + "java-h264 / x264 = %.3f%n", size[0], size[1], frames, java, x264, java / x264);
            } finally {
                Files.deleteIfExists(raw);
            }
        }
    }

    /** Encodes every frame twice (the first pass warms the JIT up); times the second. Reading is not timed. */
    private static double javaFps(Path raw, int w, int h, int frames) throws Exception {
        long frameBytes = (long) w * h * 4;
        double fps = 0;
        for (int pass = 0; pass < 2; pass++) {
            long encodeNanos = 0;
            try (Arena arena = Arena.ofConfined();
                 FileChannel in = FileChannel.open(raw, StandardOpenOption.READ);
                 EncoderSession session = new JavaH264EncoderBackend().open(
                         new EncoderConfig(Codec.H264, new VideoMode(w, h, 60), 20_000, 1, false))) {
                MemorySegment frame = arena.allocate(frameBytes);
                long[] bytes = {0};
                for (int i = 0; i < frames; i++) {
                    var buffer = frame.asByteBuffer();
                    while (buffer.hasRemaining()) {
                        in.read(buffer);
                    }
                    long start = System.nanoTime();
                    session.encode(new Frame(frame, PixelFormat.BGRX, w, h, w * 4, i, start, null),
                            unit -> bytes[0] += unit.data().byteSize());
                    encodeNanos += System.nanoTime() - start;
                }
            }
            fps = frames / (encodeNanos / 1e9);
        }
        return fps;
    }

    private static double x264Fps(Path raw, int w, int h, int frames) throws Exception {
        double startup = ffmpegSeconds(raw, w, h, 1);
        double all = ffmpegSeconds(raw, w, h, frames);
        return frames / Math.max(1e-3, all - startup);
    }

    private static double ffmpegSeconds(Path raw, int w, int h, int frames) throws Exception {
        List<String> command = List.of("taskset", "-c", "0", "ffmpeg", "-v", "error", "-nostdin", "-threads", "1",
                "-f", "rawvideo", "-pix_fmt", "bgr0", "-s", w + "x" + h, "-r", "60", "-i", raw.toString(),
                "-frames:v", String.valueOf(frames), "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
                "-threads", "1", "-f", "h264", "-y", "/dev/null");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed: " + command);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
