package io.lumen.api.fec;

import org.osgi.annotation.versioning.ConsumerType;

import java.lang.foreign.MemorySegment;

/**
 * An erasure code over equally sized shards ("rs8-moonlight", "leopard16"). Thread-safe; buffers are the
 * caller's. Bad counts or sizes, and more erasures than recovery shards, are an {@link IllegalArgumentException}.
 */
@ConsumerType
public interface FecCodec {

    String id();

    FecLimits limits();

    /** Computes {@code recovery.length} recovery shards from the originals, all of one size. */
    void encode(MemorySegment[] originals, MemorySegment[] recovery);

    /**
     * Rebuilds the originals whose {@code originalPresent} flag is false, in place, from the present originals
     * and the present recovery shards.
     */
    void decode(MemorySegment[] originals, boolean[] originalPresent, MemorySegment[] recovery, boolean[] recoveryPresent);
}
