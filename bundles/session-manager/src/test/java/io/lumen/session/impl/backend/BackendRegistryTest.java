package io.lumen.session.impl.backend;

import io.lumen.api.backend.BackendRole;
import io.lumen.api.backend.Probe;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class BackendRegistryTest {

    private final BackendRegistry<String> registry = new BackendRegistry<>(BackendRole.ENCODER);

    private Registration<String> reg(String id, int ranking, long serviceId, Probe probe) {
        return new Registration<>(id + "-service", id, ranking, serviceId, "bundle." + id, () -> probe, List::of);
    }

    @Test
    void highestRankingAvailableWinsAndTiesGoToTheOlderService() {
        registry.put(reg("low", 0, 1, Probe.ok()));
        registry.put(reg("high", 50, 2, Probe.ok()));
        registry.put(reg("high-twin", 50, 3, Probe.ok()));
        registry.put(reg("best-but-absent", 100, 4, Probe.unavailable("no GPU")));
        var selection = registry.select(List.of(), Set.of(), r -> true);
        assertEquals("high", selection.chosen().orElseThrow().id());
        assertTrue(selection.skipped().contains("best-but-absent unavailable: no GPU"), selection.skipped().toString());
    }

    @Test
    void aPinWinsOverRankingOnlyWhileItIsAvailable() {
        registry.put(reg("low", 0, 1, Probe.ok()));
        registry.put(reg("high", 50, 2, Probe.ok()));
        assertEquals("low", registry.select(List.of("low"), Set.of(), r -> true).chosen().orElseThrow().id());
        var missing = registry.select(List.of("gone"), Set.of(), r -> true);
        assertEquals("high", missing.chosen().orElseThrow().id());
        assertTrue(missing.skipped().contains("gone not registered"));
    }

    @Test
    void failedServicesAndFilteredOnesAreNeverChosen() {
        registry.put(reg("low", 0, 1, Probe.ok()));
        registry.put(reg("high", 50, 2, Probe.ok()));
        assertEquals("low", registry.select(List.of("high"), Set.of(2L), r -> true).chosen().orElseThrow().id());
        assertTrue(registry.select(List.of(), Set.of(), r -> r.id().equals("none")).chosen().isEmpty());
    }

    @Test
    void removeTakesOutExactlyThatServiceAndAProbeThatThrowsIsUnavailable() {
        Registration<String> low = reg("low", 0, 1, Probe.ok());
        registry.put(low);
        registry.put(new Registration<>("bad-service", "bad", 90, 5, "b", () -> {
            throw new IllegalStateException("driver exploded");
        }, List::of));
        var selection = registry.select(List.of(), Set.of(), r -> true);
        assertEquals("low", selection.chosen().orElseThrow().id());
        assertTrue(selection.skipped().getFirst().startsWith("bad unavailable: probe failed"));
        assertEquals(low, registry.remove(low.service()).orElseThrow());
        assertTrue(registry.remove(low.service()).isEmpty());
        assertFalse(registry.contains("low"));
    }
}
