package io.lumen.protocol.moonlight.impl.fec;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.fec.FecSchemes;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The FEC codec services registered now, by scheme. More than one may serve a scheme (a faster build dropped into
 * deploy/): the highest {@code service.ranking} wins, the older registration on a tie, as OSGi ranks services.
 * A departing codec is removed only once no stream codes with it (its leases, {@link #source}), so its bundle's
 * classes stay loadable while they run; that wait is at most one frame's coding and sending.
 */
public final class FecCodecs {

    private record Entry(FecCodec codec, String id, int ranking, long serviceId) {
    }

    private static final Comparator<Entry> BEST_FIRST = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);

    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();
    private final ReentrantReadWriteLock inUse = new ReentrantReadWriteLock();

    public void add(FecCodec codec, Map<String, Object> properties) {
        Object id = properties.get(FecSchemes.ID_PROPERTY);
        entries.add(new Entry(codec, id == null ? codec.id() : String.valueOf(id),
                properties.get("service.ranking") instanceof Integer ranking ? ranking : 0,
                properties.get("service.id") instanceof Long serviceId ? serviceId : Long.MAX_VALUE));
    }

    /** Waits until no stream codes with a codec, then forgets {@code codec}. */
    public void remove(FecCodec codec) {
        Lock exclusive = inUse.writeLock();
        exclusive.lock();
        try {
            entries.removeIf(entry -> entry.codec() == codec);
        } finally {
            exclusive.unlock();
        }
    }

    /** The codec registered now for {@code scheme}, for a look that codes nothing with it. */
    public Optional<FecCodec> best(String scheme) {
        return entries.stream().filter(entry -> entry.id().equals(scheme)).min(BEST_FIRST).map(Entry::codec);
    }

    /** Leases of the best codec of {@code scheme} at each moment. */
    public FecCodecSource source(String scheme) {
        return () -> {
            Lock shared = inUse.readLock();
            shared.lock();
            FecCodec codec = best(scheme).orElse(null);
            return new FecCodecSource.Lease() {
                @Override
                public FecCodec codec() {
                    return codec;
                }

                @Override
                public void close() {
                    shared.unlock();
                }
            };
        };
    }
}
