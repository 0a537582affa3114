package io.lumen.protocol.moonlight.impl.fec;

import io.lumen.api.fec.FecCodec;

/**
 * Where a stream takes the FEC codec of each frame (or audio block) from. Codecs are services of another bundle,
 * which can be updated or stopped at any moment: a stream holds a lease on the codec while it codes with it, and
 * the codec's departure waits for the lease, so the bundle's classes are never called after it has gone, and the
 * next frame takes whatever codec is registered then.
 */
@FunctionalInterface
public interface FecCodecSource {

    /** A codec in use; {@link #codec()} is null while none is registered. Release on the thread that acquired it. */
    interface Lease extends AutoCloseable {

        FecCodec codec();

        @Override
        void close();
    }

    /** Takes the codec registered now, holding it until the lease is closed. */
    Lease acquire();

    /** Always the same codec, which nothing takes away (tests, tools). */
    static FecCodecSource of(FecCodec codec) {
        Lease lease = new Lease() {
            @Override
            public FecCodec codec() {
                return codec;
            }

            @Override
            public void close() {
            }
        };
        return () -> lease;
    }
}
