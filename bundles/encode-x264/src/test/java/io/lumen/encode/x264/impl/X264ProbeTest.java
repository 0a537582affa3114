package io.lumen.encode.x264.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.media.Codec;
import io.lumen.api.media.VideoMode;
import io.lumen.encode.x264.impl.ffm.X264Library;
import io.lumen.encoding.Swscale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the backend says when it cannot run, with the real libraries and names that are wrong on purpose. */
class X264ProbeTest {

    private static final EncoderConfig CONFIG = new EncoderConfig(Codec.H264, new VideoMode(640, 360, 60), 3000, 1,
            false);

    @Test
    void anAbsentLibraryIsNamedAndNothingIsOffered() {
        X264Backend backend = new X264Backend(X264Library.load(Arena.ofAuto(), "libx264.so.999"), Swscale.system());
        assertFalse(backend.probe().available());
        assertEquals("unavailable: libx264.so.999 not found", backend.probe().toString());
        assertTrue(backend.codecs().isEmpty());
        assertTrue(backend.profiles().isEmpty());
        BackendException refused = assertThrows(BackendException.class, () -> backend.open(CONFIG));
        assertTrue(refused.getMessage().contains("libx264.so.999 not found"), refused.getMessage());
    }

    @Test
    void aLibraryWithoutBuild164sOpenSymbolIsRefused() {
        X264Library other = X264Library.load(Arena.ofAuto(), "libswscale.so.6");
        Assumptions.assumeTrue(Swscale.system().isAvailable(), "libswscale.so.6 is absent here");
        X264Backend backend = new X264Backend(other, Swscale.system());
        assertEquals("unavailable: libswscale.so.6 is not x264 build 164 (no x264_encoder_open_164; lumen's layouts"
                + " are checked against that build)", backend.probe().toString());
    }

    @Test
    void anAbsentLibswscaleIsNamed() {
        X264Backend backend = new X264Backend(X264Library.system(), Swscale.load(Arena.ofAuto(), "libswscale.so.99"));
        Assumptions.assumeTrue(X264Library.system().isAvailable(), "libx264 is absent here");
        assertEquals("unavailable: libswscale.so.99 not found", backend.probe().toString());
    }

    @Test
    void theMachinesLibraryIsAvailableOrSaysWhy() {
        X264Backend backend = new X264Backend();
        assertEquals(X264Library.system().isAvailable() && Swscale.system().isAvailable(),
                backend.probe().available(), backend.probe().toString());
    }
}
