package io.lumen.protocol.moonlight.impl;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.fec.FecSchemes;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The FEC codec services registered now, by scheme. More than one may serve a scheme (a faster build dropped into
 * deploy/): the highest {@code service.ranking} wins, the older registration on a tie, as OSGi ranks services.
 */
final class FecCodecs {

    private record Entry(FecCodec codec, String id, int ranking, long serviceId) {
    }

    private static final Comparator<Entry> BEST_FIRST = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);

    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();

    void add(FecCodec codec, Map<String, Object> properties) {
        Object id = properties.get(FecSchemes.ID_PROPERTY);
        entries.add(new Entry(codec, id == null ? codec.id() : String.valueOf(id),
                properties.get("service.ranking") instanceof Integer ranking ? ranking : 0,
                properties.get("service.id") instanceof Long serviceId ? serviceId : Long.MAX_VALUE));
    }

    void remove(FecCodec codec) {
        entries.removeIf(entry -> entry.codec() == codec);
    }

    /** The codec a frame of {@code scheme} is protected with now. */
    Optional<FecCodec> best(String scheme) {
        return entries.stream().filter(entry -> entry.id().equals(scheme)).min(BEST_FIRST).map(Entry::codec);
    }
}
