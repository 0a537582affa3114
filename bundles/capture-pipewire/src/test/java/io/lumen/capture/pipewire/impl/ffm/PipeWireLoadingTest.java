package io.lumen.capture.pipewire.impl.ffm;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the capture backend reports when libpipewire is missing or of a series whose layouts lumen has not checked. */
class PipeWireLoadingTest {

    @Test
    void theSystemLibraryLoadsHere() {
        PipeWire system = PipeWire.system();
        assertTrue(system.isAvailable(), () -> "libpipewire-0.3 must be installed (bash .ci/run does): "
                + system.unavailableReason().orElse(""));
        assertTrue(system.version().orElseThrow().startsWith("0.3."), system.version().orElseThrow());
    }

    @Test
    void aMissingLibraryIsAReasonNotACrash() {
        PipeWire missing = PipeWire.load(Arena.ofAuto(), "libpipewire-0.3.so.999", PipeWire.SERIES);
        assertFalse(missing.isAvailable());
        assertEquals("libpipewire-0.3.so.999 not found", missing.unavailableReason().orElseThrow());
        PipeWireException refused = assertThrows(PipeWireException.class,
                () -> PwConnection.open(missing, PwRemote.sessionDefault()));
        assertEquals("libpipewire is unavailable: libpipewire-0.3.so.999 not found", refused.getMessage());
    }

    @Test
    void anotherSeriesIsRefusedWithItsVersion() {
        // the real library, judged as if lumen's layouts were for 1.2
        PipeWire judged = PipeWire.load(Arena.ofAuto(), PipeWire.LIBRARY, "1.2");
        assertFalse(judged.isAvailable());
        String version = PipeWire.system().version().orElseThrow();
        assertEquals("unsupported libpipewire " + version + " (lumen's layouts are checked against 1.2.x)",
                judged.unavailableReason().orElseThrow());
    }
}
