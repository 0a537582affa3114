package io.lumen.protocol.moonlight.impl.video;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HostTimesTest {

    @Test
    void percentilesOverTheSamplesKept() {
        HostTimes times = new HostTimes(100);
        assertEquals(new HostTimes.Summary(0, 0, 0, 0), times.summary());
        for (int i = 1; i <= 100; i++) {
            times.record(i * 1000L);
        }
        assertEquals(new HostTimes.Summary(100, 50_000, 99_000, 100_000), times.summary());
    }

    @Test
    void theOldestSamplesMakeRoom() {
        HostTimes times = new HostTimes(10);
        for (int i = 1; i <= 1000; i++) {
            times.record(i);
        }
        HostTimes.Summary summary = times.summary();
        assertEquals(1000, summary.samples());
        assertEquals(995, summary.p50Nanos(), "over 991..1000 only");
        assertEquals(1000, summary.maxNanos());
    }
}
