package io.lumen.protocol.moonlight.impl.fec;

import io.lumen.api.fec.FecCodec;
import io.lumen.fec.leopard.impl.Leopard16Service;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.testkit.Poll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FecCodecsTest {

    private final FecCodecs codecs = new FecCodecs();

    @Test
    void theHighestRankingServesAScheme() {
        FecCodec low = new Leopard16Service();
        FecCodec high = new Leopard16Service();
        codecs.add(low, Map.of("fec.id", "leopard16", "service.ranking", 0, "service.id", 10L));
        codecs.add(high, Map.of("fec.id", "leopard16", "service.ranking", 5, "service.id", 11L));
        codecs.add(new Rs8MoonlightService(), Map.of("fec.id", "rs8-moonlight", "service.id", 12L));
        assertSame(high, codecs.best("leopard16").orElseThrow());
        try (FecCodecSource.Lease lease = codecs.source("leopard16").acquire()) {
            assertSame(high, lease.codec());
        }
        codecs.remove(high);
        assertSame(low, codecs.best("leopard16").orElseThrow());
        assertTrue(codecs.best("rs9").isEmpty());
    }

    /** A departing codec's bundle must not go while a frame is still being coded with it. */
    @Test
    void aDepartingCodecWaitsForTheFrameThatCodesWithIt() throws Exception {
        FecCodec codec = new Leopard16Service();
        codecs.add(codec, Map.of("fec.id", "leopard16"));
        FecCodecSource.Lease lease = codecs.source("leopard16").acquire();
        Thread remover = Thread.ofPlatform().start(() -> codecs.remove(codec));
        assertTrue(Poll.until(Duration.ofSeconds(10), () -> remover.getState() == Thread.State.WAITING),
                "the departure waits for the lease: " + remover.getState());
        assertSame(codec, codecs.best("leopard16").orElseThrow(), "still registered while in use");
        lease.close();
        remover.join(10_000);
        assertFalse(remover.isAlive());
        try (FecCodecSource.Lease next = codecs.source("leopard16").acquire()) {
            assertNull(next.codec(), "the next frame goes without parity");
        }
    }

    @Test
    void leasesOfManyStreamsDoNotWaitForEachOther() throws Exception {
        codecs.add(new Leopard16Service(), Map.of("fec.id", "leopard16"));
        try (FecCodecSource.Lease one = codecs.source("leopard16").acquire()) {
            CompletableFuture<FecCodec> other = CompletableFuture.supplyAsync(() -> {
                try (FecCodecSource.Lease two = codecs.source("leopard16").acquire()) {
                    return two.codec();
                }
            });
            assertSame(one.codec(), other.get(10, TimeUnit.SECONDS));
        }
    }
}
