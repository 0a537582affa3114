package io.lumen.protocol.moonlight.impl.audio.opus;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the audio stream reports on a machine without libopus. */
class OpusLoadingTest {

    @Test
    void aMissingLibraryIsAReasonNotACrash() {
        Opus missing = Opus.load(Arena.ofAuto(), "libopus.so.999");
        assertFalse(missing.isAvailable());
        assertEquals("libopus.so.999 not found", missing.unavailableReason().orElseThrow());
        assertTrue(missing.version().isEmpty());
        OpusException refused = assertThrows(OpusException.class,
                () -> OpusMultistreamEncoder.open(missing, OpusLayout.identity(2, 1, 1, 96_000), 240, 1400));
        assertTrue(refused.getMessage().contains("libopus.so.999 not found"), refused.getMessage());
    }

    @Test
    void aLibraryWithoutTheEncoderIsRefusedByName() {
        Opus notOpus = Opus.load(Arena.ofAuto(), "libm.so.6");
        assertEquals("libm.so.6 has no opus_get_version_string", notOpus.unavailableReason().orElseThrow());
    }

    @Test
    void libopusErrorsAreDescribedInItsOwnWords() {
        Opus opus = Opus.system();
        org.junit.jupiter.api.Assumptions.assumeTrue(opus.isAvailable(), "libopus not installed");
        assertEquals("invalid argument (-1)", opus.describe(-1));
        try (OpusMultistreamEncoder oddFrames = OpusMultistreamEncoder.open(opus, OpusLayout.identity(2, 1, 1, 96_000),
                241, 1400)) {
            OpusException refused = assertThrows(OpusException.class, oddFrames::encode);
            assertEquals("opus_multistream_encode: invalid argument (-1)", refused.getMessage());
        } catch (OpusException e) {
            throw new AssertionError(e);
        }
    }
}
