package io.lumen.capture.pipewire.impl.spa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.MemorySegment;

/**
 * Coverage-guided, the SPA pods PipeWire hands the capture (a param_changed Format, what another process
 * offers): any bytes parse to a pod or are refused with a {@link SpaPodException}; a pod describes itself, encodes
 * and parses back to itself, and reads as a negotiated video format or a refusal. The audio capture's direct
 * reader of a negotiated Format ({@link AudioFormatParams#parseFormat}) keeps to the same contract. Any other
 * throwable (an out-of-bounds read included) is a finding.
 */
class SpaPodFuzzTest {

    @FuzzTest
    void pods(byte[] bytes) {
        SpaPod pod;
        try {
            pod = SpaPodParser.parse(bytes);
        } catch (SpaPodException refused) {
            return;
        }
        assertNotNull(SpaPodDescriber.describe(pod));
        try {
            assertEquals(pod, SpaPodParser.parse(SpaPodBuilder.encode(pod)));
        } catch (SpaPodException e) {
            throw new AssertionError("a parsed pod does not parse once encoded: " + SpaPodDescriber.describe(pod), e);
        }
        try {
            NegotiatedVideoFormat format = VideoFormatParams.parseFormat(pod);
            assertTrue(format.width() > 0 && format.height() > 0, format::toString);
        } catch (SpaPodException refused) {
            assertNotNull(refused.getMessage());
        }
    }

    @FuzzTest
    void negotiatedAudioFormats(byte[] bytes) {
        try {
            assertNotNull(AudioFormatParams.parseFormat(MemorySegment.ofArray(bytes)));
        } catch (SpaPodException refused) {
            assertNotNull(refused.getMessage());
        }
    }
}
