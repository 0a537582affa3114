package io.lumen.encode.x264.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.capture.synthetic.pattern.TestPattern;
import io.lumen.testkit.DecodedVideo;
import io.lumen.testkit.FfmpegDecoder;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a session made of synthetic stamped frames: each access unit as it came out, in order. */
record X264Clip(List<Unit> units) {

    record Unit(long number, boolean keyframe, AccessUnit.Recovery recovery, byte[] bytes) {
    }

    /** Called before frame {@code frame} is encoded, on the encode thread, as the session's heal calls are. */
    @FunctionalInterface
    interface BeforeFrame {
        void accept(int frame, EncoderSession session);
    }

    static X264Clip encode(X264Backend backend, EncoderConfig config, PixelFormat format, int width, int height,
                           int frames, BeforeFrame beforeFrame) throws BackendException {
        return encode(backend, config, format, width, height, frames, beforeFrame, null);
    }

    /**
     * Pictures of random noise from {@code noise} when given (content that needs more than the target rate, so the
     * rate control is what limits the stream), else the stamped test pattern.
     */
    static X264Clip encode(X264Backend backend, EncoderConfig config, int frames, BeforeFrame beforeFrame,
                           java.util.Random noise) throws BackendException {
        return encode(backend, config, PixelFormat.BGRX, config.mode().width(), config.mode().height(), frames,
                beforeFrame, noise);
    }

    private static X264Clip encode(X264Backend backend, EncoderConfig config, PixelFormat format, int width,
                                   int height, int frames, BeforeFrame beforeFrame, java.util.Random noise)
            throws BackendException {
        byte[] random = noise == null ? null : new byte[(int) format.frameBytes(TestPattern.minimumStride(width,
                format), height)];
        TestPattern pattern = new TestPattern(width, height, format);
        int stride = TestPattern.minimumStride(width, format);
        List<Unit> units = new ArrayList<>();
        try (Arena arena = Arena.ofConfined(); EncoderSession session = backend.open(config)) {
            MemorySegment pixels = arena.allocate(format.frameBytes(stride, height));
            for (int i = 0; i < frames; i++) {
                beforeFrame.accept(i, session);
                pattern.paint(pixels, stride, i, FrameStamp.now(i));
                if (random != null) {
                    noise.nextBytes(random);
                    MemorySegment.copy(random, 0, pixels, ValueLayout.JAVA_BYTE, 0, random.length);
                }
                int before = units.size();
                session.encode(new Frame(pixels, format, width, height, stride, 1000 + i, System.nanoTime(), null),
                        unit -> units.add(new Unit(unit.frameNumber(), unit.keyframe(), unit.recovery(),
                                unit.data().toArray(ValueLayout.JAVA_BYTE))));
                assertEquals(before + 1, units.size(), "zero latency: one access unit per frame, at once");
            }
        }
        return new X264Clip(List.copyOf(units));
    }

    static X264Clip encode(X264Backend backend, EncoderConfig config, int frames, BeforeFrame beforeFrame)
            throws BackendException {
        return encode(backend, config, PixelFormat.BGRX, config.mode().width(), config.mode().height(), frames,
                beforeFrame);
    }

    /** The access units whose numbers {@code keep} accepts, as one Annex-B stream. */
    byte[] stream(LongPredicate keep) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        units.stream().filter(u -> keep.test(u.number())).forEach(u -> out.writeBytes(u.bytes()));
        return out.toByteArray();
    }

    /** The stream without the access units of {@code lost}, as a client that lost them received it. */
    byte[] streamWithout(Set<Long> lost) {
        return stream(n -> !lost.contains(n));
    }

    Unit unit(long number) {
        return units.get((int) number);
    }

    static DecodedVideo decode(byte[] stream, Path dir, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, stream);
        return FfmpegDecoder.decode(file, "h264");
    }
}
