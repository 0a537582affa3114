package io.lumen.encode.nvenc.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.Codec;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.encode.nvenc.impl.ffm.NvencDriver;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What lumen:backends shows for the direct NVENC backend, and a real encode where a GPU is present. */
class NvencEncoderBackendTest {

    private static final EncoderConfig H264_720P = new EncoderConfig(Codec.H264, new VideoMode(1280, 720, 60), 10_000, 1, false);

    @Test
    void withoutTheDriverItSaysWhyOffersNothingAndRefusesToOpen() {
        NvencEncoderBackend nvenc = new NvencEncoderBackend(
                NvencDriver.load(Arena.ofAuto(), "libnvidia-encode.so.999", "libcuda.so.999"));
        assertEquals("nvenc", nvenc.id());
        assertEquals("unavailable: no NVIDIA driver (libnvidia-encode.so.999 not found)", nvenc.probe().toString());
        assertEquals(Set.of(), nvenc.codecs());
        assertEquals(Set.of(), nvenc.tenBitCodecs());
        assertEquals(List.of(), nvenc.profiles());
        BackendException refused = assertThrows(BackendException.class, () -> nvenc.open(H264_720P));
        assertEquals("nvenc is unavailable: no NVIDIA driver (libnvidia-encode.so.999 not found)", refused.getMessage());
    }

    @Test
    void onThisMachineTheSystemDriverIsProbedWithoutAnException() {
        Assumptions.assumeFalse(NvencDriver.system().isAvailable(), "this machine has the NVIDIA driver");
        NvencEncoderBackend nvenc = new NvencEncoderBackend();
        assertFalse(nvenc.probe().available());
        assertEquals("unavailable: no NVIDIA driver (libnvidia-encode.so.1 not found)", nvenc.probe().toString());
        assertEquals(Set.of(), nvenc.codecs());
    }

    @Test
    void theCaptureIsAskedForPackedRgbFirst() {
        assertEquals(List.of(PixelFormat.BGRX, PixelFormat.BGRA, PixelFormat.RGBX, PixelFormat.RGBA, PixelFormat.NV12),
                List.copyOf(new NvencEncoderBackend().inputFormats()));
    }

    /** Needs an NVIDIA GPU; skipped with the probe's reason elsewhere (here: no driver). */
    @Test
    void encodesAKeyframeFirstAndAnotherOnRequestAndChangesRateWithoutReopening() throws Exception {
        NvencEncoderBackend nvenc = new NvencEncoderBackend();
        Assumptions.assumeTrue(nvenc.probe().available(), "direct NVENC " + nvenc.probe());
        List<Boolean> keyframes = new ArrayList<>();
        try (Arena arena = Arena.ofConfined(); EncoderSession session = nvenc.open(H264_720P)) {
            Frame frame = new Frame(arena.allocate(1280L * 720 * 4), PixelFormat.BGRX, 1280, 720, 1280 * 4, 0,
                    System.nanoTime(), null);
            for (int i = 0; i < 5; i++) {
                if (i == 3) {
                    session.requestKeyframe();
                    session.setBitrate(5_000);
                }
                session.encode(frame, (AccessUnit unit) -> {
                    keyframes.add(unit.keyframe());
                    assertEquals(0, unit.data().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0), "Annex-B start code");
                });
            }
        }
        assertEquals(List.of(true, false, false, true, false), keyframes);
        assertTrue(nvenc.codecs().contains(Codec.H264));
    }

    /**
     * Needs an NVIDIA GPU; skipped with the probe's reason elsewhere. Checks the marks and the numbering only: that
     * a decoder missing the lost picture really decodes the healed stream is not checked here even with a GPU (the
     * x264 backend's X264HealingTest does that with ffmpeg for x264).
     */
    @Test
    void invalidatesALostPictureAndStartsAnIntraRefreshWaveOnRequest() throws Exception {
        NvencEncoderBackend nvenc = new NvencEncoderBackend();
        Assumptions.assumeTrue(nvenc.probe().available(), "direct NVENC " + nvenc.probe());
        List<AccessUnit.Recovery> marks = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            Frame frame = new Frame(arena.allocate(1280L * 720 * 4), PixelFormat.BGRX, 1280, 720, 1280 * 4, 0,
                    System.nanoTime(), null);
            try (EncoderSession session = nvenc.open(H264_720P)) {
                for (int i = 0; i < 6; i++) {
                    if (i == 5) {
                        assertFalse(session.invalidateReferences(0, 1), "the IDR is among them");
                        assertTrue(session.invalidateReferences(4, 4));
                    }
                    session.encode(frame, unit -> {
                        marks.add(unit.recovery());
                        numbers.add(unit.frameNumber());
                    });
                }
                assertFalse(session.refreshIntra(), "opened without intra refresh");
            }
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), numbers);
            assertEquals(AccessUnit.Recovery.REFERENCES_INVALIDATED, marks.get(5));
            marks.clear();
            try (EncoderSession session = nvenc.open(H264_720P.withIntraRefresh(30))) {
                for (int i = 0; i < 4; i++) {
                    if (i == 2) {
                        assertFalse(session.invalidateReferences(1, 1), "one reference with intra refresh");
                        assertTrue(session.refreshIntra());
                    }
                    session.encode(frame, unit -> marks.add(unit.recovery()));
                }
            }
            assertEquals(List.of(AccessUnit.Recovery.NONE, AccessUnit.Recovery.NONE, AccessUnit.Recovery.INTRA_REFRESH,
                    AccessUnit.Recovery.NONE), marks);
        }
    }
}
