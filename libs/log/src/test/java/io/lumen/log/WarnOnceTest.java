package io.lumen.log;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Through the JDK's System.Logger to java.util.logging, as the bundles log on the host. */
class WarnOnceTest {

    @Test
    void warnOnceLogsTheFirstOccurrenceAndCountsAll() {
        Logger jul = Logger.getLogger("lumen.test.warnonce");
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        try {
            WarnOnce warnings = new WarnOnce(System.getLogger("lumen.test.warnonce"));
            for (int i = 0; i < 5; i++) {
                assertEquals(i + 1, warnings.warn("chunk.size 0", "dropping a frame: empty chunk"));
            }
            warnings.warn("no buffer", "dropping a frame: no buffer");
            assertEquals(2, records.size(), "one line per drop path");
            assertTrue(records.getFirst().getMessage().startsWith("dropping a frame: empty chunk"));
            assertEquals(5, warnings.count("chunk.size 0"));
            assertEquals(0, warnings.count("never"));
            assertEquals(Map.of("chunk.size 0", 5L, "no buffer", 1L), warnings.counts());
        } finally {
            jul.removeHandler(handler);
        }
    }
}
