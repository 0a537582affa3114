package io.lumen.session.impl.command;

import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.Codec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class AnnexBFileSinkTest {

    private static AccessUnit unit(long n, boolean keyframe, int... payload) {
        byte[] bytes = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            bytes[i] = (byte) payload[i];
        }
        return new AccessUnit(n, 0, keyframe, Codec.H264, MemorySegment.ofArray(bytes));
    }

    @Test
    void unitsLandBackToBackAndTheFileAppearsOnlyWhenFinished(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("out/rec.h264");
        AnnexBFileSink sink = new AnnexBFileSink(target);
        sink.accept(unit(0, true, 0, 0, 0, 1, 0x65, 1));
        sink.accept(unit(1, false, 0, 0, 0, 1, 0x41, 2));
        assertFalse(Files.exists(target), "readers never see half a recording under the final name");
        sink.close();
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0x65, 1, 0, 0, 0, 1, 0x41, 2}, Files.readAllBytes(target));
        assertEquals(2, sink.pictures());
        assertEquals(1, sink.keyframes());
        assertEquals(12, sink.bytes());
        assertFalse(Files.exists(dir.resolve("out/rec.h264.part")));
    }

    @Test
    void aFinishedRecordingReplacesAnOlderOne(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("rec.h264");
        Files.write(target, new byte[] {9, 9, 9});
        try (AnnexBFileSink sink = new AnnexBFileSink(target)) {
            sink.accept(unit(0, true, 0, 0, 1, 0x65));
        }
        assertArrayEquals(new byte[] {0, 0, 1, 0x65}, Files.readAllBytes(target));
    }

    @Test
    void aTargetInAnUnwritablePlaceIsAClearError(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "not a directory");
        assertThrows(java.io.IOException.class, () -> new AnnexBFileSink(blocker.resolve("rec.h264")));
    }
}
