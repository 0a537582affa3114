package io.lumen.client;

import io.lumen.fec.leopard.impl.Leopard16Service;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class FecWarmUpTest {

    /** Both codecs rebuild the made-up blocks: the warm-up runs the paths a damaged frame takes. */
    @Test
    void bothCodecsRebuildTheWarmUpBlocks() {
        assertTrue(FecWarmUp.warm(new Leopard16Service()) > 0);
        assertTrue(FecWarmUp.warm(new Rs8MoonlightService()) > 0);
    }
}
