package io.lumen.encode.libav.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.media.Codec;
import io.lumen.api.media.VideoMode;
import io.lumen.nativeaccess.NativeLibrary;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What lumen:backends shows for each libav encoder, and that an unavailable one refuses to open. */
class ProbeTest {

    @Test
    void withoutAnNvidiaDriverNvencSaysSoAndOffersNothing() {
        Assumptions.assumeFalse(NativeLibrary.load(Arena.ofAuto(), "libnvidia-encode.so.1").isAvailable(),
                "this machine has the NVIDIA driver: LibavEncoderTest runs the NVENC encoders instead");
        for (NvencBackend nvenc : new NvencBackend[] {new NvencH264Backend(), new NvencHevcBackend()}) {
            assertEquals("unavailable: no NVIDIA driver (libnvidia-encode.so.1 not found)", nvenc.probe().toString());
            assertEquals(Set.of(), nvenc.codecs());
            BackendException refused = assertThrows(BackendException.class, () -> nvenc.open(
                    new EncoderConfig(nvenc instanceof NvencH264Backend ? Codec.H264 : Codec.HEVC,
                            new VideoMode(1280, 720, 60), 10_000, 1, false)));
            assertTrue(refused.getMessage().contains("no NVIDIA driver"), refused.getMessage());
        }
        // what could not be exercised here: opening h264_nvenc/hevc_nvenc, encoding, keyframes, rate (no GPU)
    }

    @Test
    void svtAv1SaysWhyItCannotStreamAndRefusesToOpen() {
        SvtAv1Backend svt = new SvtAv1Backend();
        Assumptions.assumeTrue(io.lumen.encode.libav.impl.ffm.Libav.system().hasEncoder("libsvtav1"),
                "this libavcodec has no libsvtav1");
        assertEquals("unavailable: " + SvtAv1Backend.NOT_LOW_LATENCY, svt.probe().toString());
        assertEquals(Set.of(), svt.codecs());
        BackendException refused = assertThrows(BackendException.class, () -> svt.open(
                new EncoderConfig(Codec.AV1, new VideoMode(1280, 720, 60), 10_000, 1, false)));
        assertTrue(refused.getMessage().startsWith("libav-svtav1 is unavailable: libavcodec 59's libsvtav1"),
                refused.getMessage());
        SvtAv1Backend withoutLibav = new SvtAv1Backend(io.lumen.encode.libav.impl.ffm.Libav.load(
                java.lang.foreign.Arena.ofAuto(), "libavcodec.so.999", "libavutil.so.57", "libswscale.so.6"));
        assertEquals("unavailable: libavcodec.so.999 not found", withoutLibav.probe().toString());
    }

    @Test
    void withoutARenderNodeVaapiSaysSoAndItsDeviceCannotBeOpened() {
        Assumptions.assumeTrue(VaapiBackend.renderNode().isEmpty(),
                "this machine has a render node: LibavEncoderTest runs the VAAPI encoders instead");
        for (VaapiBackend vaapi : new VaapiBackend[] {new VaapiH264Backend(), new VaapiHevcBackend()}) {
            assertEquals("unavailable: no VAAPI render node (/dev/dri has no renderD* this user may open)",
                    vaapi.probe().toString());
            assertEquals(Set.of(), vaapi.codecs());
        }
        // the real device call, as far as it goes here: libav's VAAPI device creation refuses the absent node
        io.lumen.encode.libav.impl.ffm.AvException refused = assertThrows(
                io.lumen.encode.libav.impl.ffm.AvException.class,
                () -> io.lumen.encode.libav.impl.ffm.HwUpload.create(io.lumen.encode.libav.impl.ffm.Libav.system(),
                        io.lumen.encode.libav.impl.ffm.AvLayouts.HWDEVICE_TYPE_VAAPI, "/dev/dri/renderD128",
                        io.lumen.encode.libav.impl.ffm.AvLayouts.PIX_FMT_VAAPI,
                        io.lumen.encode.libav.impl.ffm.AvLayouts.PIX_FMT_NV12, 1280, 720));
        assertTrue(refused.getMessage().startsWith("av_hwdevice_ctx_create /dev/dri/renderD128 failed"),
                refused.getMessage());
        // what could not be exercised here: the surface pool, the upload and encoding on a GPU
    }

    @Test
    void theSoftwareEncodersNameTheirCodecAndRefuseAnother() throws Exception {
        X264Backend x264 = new X264Backend();
        Assumptions.assumeTrue(x264.probe().available(), "libx264 unavailable: " + x264.probe());
        assertEquals("libav-x264", x264.id());
        assertEquals(Set.of(Codec.H264), x264.codecs());
        assertEquals(Set.of(Codec.HEVC), new X265Backend().codecs());
        assertEquals(Set.of(Codec.H264), x264.tenBitCodecs(), "10-bit is offered where it is tested");
        assertEquals(Set.of(), new NvencH264Backend().tenBitCodecs(), "nothing from a backend that cannot run");
        BackendException wrong = assertThrows(BackendException.class, () -> x264.open(
                new EncoderConfig(Codec.HEVC, new VideoMode(1280, 720, 60), 10_000, 1, false)));
        assertEquals("libav-x264 encodes H264, not HEVC", wrong.getMessage());
    }
}
