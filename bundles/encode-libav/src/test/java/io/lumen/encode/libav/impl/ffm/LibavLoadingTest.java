package io.lumen.encode.libav.impl.ffm;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the encoders report when the libraries are missing or of a version whose layouts lumen has not checked. */
class LibavLoadingTest {

    @Test
    void aMissingLibraryIsAReasonNotACrash() {
        Libav missing = Libav.load(Arena.ofAuto(), "libavcodec.so.999", "libavutil.so.57", "libswscale.so.6");
        assertFalse(missing.isAvailable());
        assertEquals("libavcodec.so.999 not found", missing.unavailableReason().orElseThrow());
        assertFalse(missing.hasEncoder("libx264"));
        AvException refused = assertThrows(AvException.class,
                () -> AvEncoder.open(missing, "libx264", 64, 64, AvLayouts.PIX_FMT_YUV420P, java.util.Map.of()));
        assertTrue(refused.getMessage().contains("not found"), refused.getMessage());
    }

    @Test
    void anotherMajorVersionIsRefusedWithItsNumber() {
        Libav system = Libav.system();
        org.junit.jupiter.api.Assumptions.assumeTrue(system.isAvailable(),
                "libavcodec 59 is not installed here: " + system.unavailableReason().orElse(""));
        // the real libavcodec 59, judged as if lumen's layouts were for 60
        Libav judged = Libav.load(Arena.ofAuto(), "libavcodec.so.59", "libavutil.so.57", "libswscale.so.6", 60);
        assertEquals("unsupported libavcodec 59 (lumen's layouts are checked against 60)",
                judged.unavailableReason().orElseThrow());
    }

    @Test
    void libavErrorsAreDescribedInItsOwnWords() {
        Libav system = Libav.system();
        org.junit.jupiter.api.Assumptions.assumeTrue(system.isAvailable(), "libav not installed");
        assertEquals("Resource temporarily unavailable (-11)", system.describe(AvLayouts.ERROR_EAGAIN));
        AvException unknown = assertThrows(AvException.class,
                () -> AvEncoder.open(system, "libnosuchcodec", 64, 64, AvLayouts.PIX_FMT_YUV420P, java.util.Map.of()));
        assertTrue(unknown.getMessage().contains("no encoder libnosuchcodec"), unknown.getMessage());
        AvException badOption = assertThrows(AvException.class, () -> AvEncoder.open(system, "libx264", 64, 64,
                AvLayouts.PIX_FMT_YUV420P, java.util.Map.of("nosuchoption", "1")));
        assertTrue(badOption.getMessage().contains("option nosuchoption=1"), badOption.getMessage());
    }
}
