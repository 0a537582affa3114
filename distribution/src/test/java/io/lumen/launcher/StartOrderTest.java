package io.lumen.launcher;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class StartOrderTest {

    @Test
    void namedBundlesComeInTheirOrderAndTheStarStandsForTheRest() {
        StartOrder order = StartOrder.parse(" cm, scr ,*, fileinstall", null);
        assertEquals(List.of("cm", "scr", "*", "fileinstall"), order.names());
        assertTrue(order.rank("cm") < order.rank("scr"));
        assertTrue(order.rank("scr") < order.rank("io.lumen.capture.synthetic"));
        assertEquals(order.rank("io.lumen.capture.synthetic"), order.rank("io.lumen.encode.java"),
                "unnamed bundles share a rank, so the stable sort keeps their installed order");
        assertTrue(order.rank("io.lumen.encode.java") < order.rank("fileinstall"));
    }

    @Test
    void withoutASettingEveryBundleKeepsItsInstalledOrder() {
        StartOrder order = StartOrder.parse(null, "");
        assertEquals(List.of("*"), order.names());
        assertTrue(order.aside().isEmpty());
        assertEquals(order.rank("a"), order.rank("z"));
    }

    @Test
    void aListWithoutAStarPutsTheUnnamedLast() {
        StartOrder order = StartOrder.parse("scr", "io.lumen.protocol.moonlight, ");
        assertTrue(order.rank("scr") < order.rank("anything"));
        assertEquals(java.util.Set.of("io.lumen.protocol.moonlight"), order.aside());
    }
}
