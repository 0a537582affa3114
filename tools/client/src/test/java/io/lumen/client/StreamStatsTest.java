package io.lumen.client;

import io.lumen.testkit.moonlight.AudioReceiverStats;
import io.lumen.testkit.moonlight.ReceivedFrame;
import io.lumen.testkit.moonlight.VideoReceiverStats;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The figures the client prints: percentiles, the live line, the result line. */
class StreamStatsTest {

    private static final VideoReceiverStats VIDEO = new VideoReceiverStats(3, 1, 2, 5, 7, 40, 0, 1, 0);
    private static final AudioReceiverStats AUDIO = new AudioReceiverStats(1, 10, 8, 2, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            false, 1, 8);

    @Test
    void percentilesAreNearestRank() {
        long[] values = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6};
        assertEquals(5, StreamStats.percentile(values.clone(), 50));
        assertEquals(10, StreamStats.percentile(values.clone(), 99));
        assertEquals(42, StreamStats.percentile(new long[] {42}, 99));
    }

    @Test
    void theResultLineCarriesTheSchemeTheCountsAndTheLatency() {
        StreamStats stats = new StreamStats("leopard16", "1280x720x60", "h264", "libav", 0);
        stats.begin();
        for (int i = 1; i <= 3; i++) {
            stats.frameReceived(new ReceivedFrame(i, i == 1 ? 2 : 1, 0, 0, false, new byte[1000], 0));
            stats.pictureDecoded();
            stats.latency(i * 1000L);
        }
        String line = stats.resultLine(VIDEO, 0, AUDIO, 2);
        assertTrue(line.startsWith("LUMEN_CLIENT_RESULT {\"fec\":\"leopard16\",\"mode\":\"1280x720x60\""), line);
        assertTrue(line.contains("\"frames_received\":3,\"frames_lost\":2,\"frames_repaired\":1,"
                + "\"shards_repaired\":7,"), line);
        assertTrue(line.contains("\"stamped_pictures\":3,\"latency_after_s\":0.0,\"latency_p50_ms\":2.0,"
                + "\"latency_p99_ms\":3.0"), line);
        assertTrue(line.contains("\"idr_requests\":2"), line);
        assertEquals(1, line.lines().count(), "one line");
        String live = stats.liveLine(VIDEO, AUDIO);
        assertTrue(live.contains("frames 3 (+3)  lost 2  repaired 7 shards") && live.endsWith("fec leopard16"), live);
        assertTrue(stats.liveLine(VIDEO, AUDIO).contains("frames 3 (+0)"), "the next second counts anew");
    }

    @Test
    void picturesWhileTheStreamSettlesAreCountedNotTimed() {
        StreamStats stats = new StreamStats("leopard16", "1280x720x60", "h264", "libav", 3_600_000_000_000L);
        stats.begin();
        stats.latency(200_000);
        String line = stats.resultLine(VIDEO, 0, AUDIO, 0);
        assertTrue(line.contains("\"stamped_pictures\":1,\"latency_after_s\":3600.0,\"latency_p50_ms\":null"), line);
    }

    @Test
    void withoutStampsTheLatencyIsNull() {
        String line = new StreamStats("rs8-moonlight", "640x360x30", "h264", "none").resultLine(VIDEO, 0, AUDIO, 0);
        assertTrue(line.contains("\"latency_p50_ms\":null,\"latency_p99_ms\":null"), line);
    }

    @Test
    void jsonEscapesQuotes() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("a", "say \"hi\"\\");
        fields.put("b", 1.5);
        assertEquals("{\"a\":\"say \\\"hi\\\"\\\\\",\"b\":1.5}", StreamStats.json(fields));
    }
}
