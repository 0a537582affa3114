package io.lumen.tools.soak;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrendTest {

    @Test
    void aSteadyLeakIsItsRatePerHundredCycles() {
        List<Double> values = IntStream.range(0, 180).mapToObj(i -> 40 + 0.05 * i).toList();
        Trend trend = Trend.of("threads", "", 21, values, 1.0);
        assertEquals(5.0, trend.slopePer100(), 1e-9);
        assertFalse(trend.flat());
        assertTrue(trend.line().contains("GROWING"), trend.line());
    }

    @Test
    void scatterAroundAFlatLineIsFlatWhateverItsEnds() {
        Random random = new Random(7);
        List<Double> values = IntStream.range(0, 180).mapToObj(i -> 100.0 + random.nextGaussian() * 3).toList();
        Trend trend = Trend.of("heap", "MiB", 21, values, 2.0);
        assertTrue(Math.abs(trend.slopePer100()) < 2.0, trend.line());
        assertTrue(trend.flat(), trend.line());
    }

    @Test
    void shrinkingIsFlatAndOneSampleIsNoTrend() {
        assertTrue(Trend.of("fds", "", 1, List.of(80.0, 70.0, 60.0), 1.0).flat());
        assertThrows(IllegalArgumentException.class, () -> Trend.of("fds", "", 1, List.of(1.0), 1.0));
    }
}
