package io.lumen.tools.encoderbench;

import io.lumen.api.media.PixelFormat;
import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.capture.synthetic.pattern.TestPattern;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The test pattern as a raw BGRX file: the pictures every encoder of a benchmark is given. */
final class RawFrames {

    private RawFrames() {
    }

    static void write(Path raw, int w, int h, int frames) throws IOException {
        TestPattern pattern = new TestPattern(w, h, PixelFormat.BGRX);
        try (Arena arena = Arena.ofConfined();
             FileChannel out = FileChannel.open(raw, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            MemorySegment frame = arena.allocate((long) w * h * 4);
            for (int i = 0; i < frames; i++) {
                pattern.paint(frame, w * 4, i, FrameStamp.now(i));
                var buffer = frame.asByteBuffer();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        }
    }
}
