package io.lumen.protocol.moonlight.impl.audio.opus;

import io.lumen.nativeaccess.NativeLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The real libopus multistream decoder, bound for the tests only (the host never decodes): what a client does with
 * the packets, so the tests can check what comes out.
 */
public final class OpusTestDecoder implements AutoCloseable {

    private static final NativeLibrary OPUS = NativeLibrary.load(Arena.ofAuto(), Opus.LIBRARY);
    private static final MethodHandle CREATE = OPUS.downcall("opus_multistream_decoder_create",
            FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle DECODE = OPUS.downcall("opus_multistream_decode",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle DESTROY = OPUS.downcall("opus_multistream_decoder_destroy",
            FunctionDescriptor.ofVoid(ADDRESS));
    private static final int MAX_FRAME_SAMPLES = 5760; // 120 ms at 48 kHz

    private final Arena arena = Arena.ofConfined();
    private final int channels;
    private final MemorySegment decoder;
    private final MemorySegment input = arena.allocate(4096);
    private final MemorySegment output;

    /** A decoder for {@code channels} in {@code streams}/{@code coupledStreams} read through {@code mapping}. */
    public OpusTestDecoder(int channels, int streams, int coupledStreams, byte[] mapping) {
        this.channels = channels;
        MemorySegment map = arena.allocateFrom(ValueLayout.JAVA_BYTE, mapping);
        MemorySegment error = arena.allocate(JAVA_INT);
        try {
            decoder = (MemorySegment) CREATE.invokeExact(OpusMultistreamEncoder.SAMPLE_RATE, channels, streams,
                    coupledStreams, map, error);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        if (error.get(JAVA_INT, 0) != 0) {
            throw new IllegalStateException("opus_multistream_decoder_create: " + error.get(JAVA_INT, 0));
        }
        output = arena.allocate((long) MAX_FRAME_SAMPLES * channels * Short.BYTES, Short.BYTES);
    }

    public OpusTestDecoder(OpusLayout layout) {
        this(layout.channels(), layout.streams(), layout.coupledStreams(), layout.mapping());
    }

    /** Decodes one packet; returns its interleaved samples. */
    public short[] decode(byte[] packet) {
        MemorySegment.copy(packet, 0, input, ValueLayout.JAVA_BYTE, 0, packet.length);
        int samples;
        try {
            samples = (int) DECODE.invokeExact(decoder, input, packet.length, output, MAX_FRAME_SAMPLES, 0);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        if (samples < 0) {
            throw new IllegalStateException("opus_multistream_decode: " + samples);
        }
        return output.asSlice(0, (long) samples * channels * Short.BYTES).toArray(ValueLayout.JAVA_SHORT);
    }

    public int channels() {
        return channels;
    }

    @Override
    public void close() {
        try {
            DESTROY.invokeExact(decoder);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            arena.close();
        }
    }
}
