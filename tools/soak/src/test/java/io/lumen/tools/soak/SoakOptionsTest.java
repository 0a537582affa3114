package io.lumen.tools.soak;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoakOptionsTest {

    private static final Path DIST = Path.of("/opt/lumen");
    private static final Path OUT = Path.of("/tmp/out");

    @Test
    void aCountAfterTheScenarioIsThatScenariosCount() {
        assertEquals(50, SoakOptions.parse(DIST, OUT, "cycles", "50", "--warmup", "5").cycles());
        assertEquals(7, SoakOptions.parse(DIST, OUT, "kills", "7").kills());
        SoakOptions all = SoakOptions.parse(DIST, OUT, "all", "--swaps", "10", "--mode", "1280x720x60");
        assertEquals(10, all.swaps());
        assertEquals(200, all.cycles());
        assertEquals(1280, all.width());
        assertEquals(60, all.fps());
        assertTrue(all.out().startsWith(OUT), all.out().toString());
    }

    @Test
    void wrongCommandLinesSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SoakOptions.parse(DIST, OUT, "soak"))
                .getMessage().contains("unknown scenario 'soak'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SoakOptions.parse(DIST, OUT, "fulldisk", "3"))
                .getMessage().contains("takes no count"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SoakOptions.parse(DIST, OUT, "cycles", "-3"))
                .getMessage().contains("whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SoakOptions.parse(DIST, OUT, "swaps",
                "--mode", "720p")).getMessage().contains("WxHxFPS"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SoakOptions.parse(DIST, OUT, "cycles", "10",
                "--warmup", "9")).getMessage().contains("fewer than 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SoakOptions.parse(DIST, OUT, "cycles",
                "--seconds")).getMessage().contains("needs a value"));
    }
}
