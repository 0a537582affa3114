package io.lumen.fec.leopard.impl;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.fec.FecLimits;

import java.lang.foreign.MemorySegment;

/** What each registered codec component shares: it hands every call to the codec it built, and logs once. */
abstract class FecCodecService implements FecCodec {

    private static final System.Logger LOG = System.getLogger("io.lumen.fec.leopard");

    private final FecCodec codec;

    FecCodecService(FecCodec codec, String kernel) {
        this.codec = codec;
        String reason = Kernels.vectorUnavailableReason();
        LOG.log(System.Logger.Level.INFO, "fec codec " + codec.id() + " ready: " + kernel + " kernels"
                + (reason == null ? "" : " (scalar because " + reason + ")"));
    }

    @Override
    public final String id() {
        return codec.id();
    }

    @Override
    public final FecLimits limits() {
        return codec.limits();
    }

    @Override
    public final void encode(MemorySegment[] originals, MemorySegment[] recovery) {
        codec.encode(originals, recovery);
    }

    @Override
    public final void decode(MemorySegment[] originals, boolean[] originalPresent, MemorySegment[] recovery,
                             boolean[] recoveryPresent) {
        codec.decode(originals, originalPresent, recovery, recoveryPresent);
    }

    @Override
    public final String toString() {
        return codec.toString();
    }
}
