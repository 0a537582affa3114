package io.lumen.testkit.audio;

import io.lumen.api.audio.AudioEncoderConfig;
import io.lumen.api.audio.AudioFormat;
import io.lumen.nativeaccess.NativeLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The system's libopus multistream decoder through FFM, doing what a Moonlight client does with the host's packets
 * (the host never decodes), so tests can check what comes out. The multistream decoder serves stereo too, as one
 * coupled stream. Used by one thread at a time.
 */
public final class OpusDecoder implements AutoCloseable {

    private static final String LIBRARY = "libopus.so.0";
    private static final NativeLibrary OPUS = NativeLibrary.load(Arena.ofAuto(), LIBRARY);
    private static final MethodHandle CREATE = bind("opus_multistream_decoder_create",
            FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle DECODE = bind("opus_multistream_decode",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle DESTROY = bind("opus_multistream_decoder_destroy",
            FunctionDescriptor.ofVoid(ADDRESS));
    /** The longest Opus packet, 120 ms at 48 kHz. */
    private static final int MAX_FRAME_SAMPLES = 5_760;
    /** The longest multistream packet for 8 streams of the longest Opus frame, self-delimited. */
    private static final int MAX_PACKET_BYTES = 8 * 1_277;

    private final Arena arena = Arena.ofShared();
    private final int channels;
    private final MemorySegment decoder;
    private final MemorySegment input = arena.allocate(MAX_PACKET_BYTES);
    private final MemorySegment output;
    private boolean closed;

    /** A decoder for {@code channels} coded in {@code streams}, {@code coupledStreams} of them stereo. */
    public OpusDecoder(int channels, int streams, int coupledStreams, byte[] mapping) {
        if (!available()) {
            throw new IllegalStateException("cannot decode Opus: " + unavailableReason().orElseThrow());
        }
        this.channels = channels;
        MemorySegment map = arena.allocateFrom(ValueLayout.JAVA_BYTE, mapping);
        MemorySegment error = arena.allocate(JAVA_INT);
        try {
            decoder = (MemorySegment) CREATE.invokeExact(AudioFormat.SAMPLE_RATE, channels, streams, coupledStreams,
                    map, error);
        } catch (Throwable e) {
            arena.close();
            throw new IllegalStateException("opus_multistream_decoder_create: " + e, e);
        }
        if (error.get(JAVA_INT, 0) != 0 || decoder.equals(MemorySegment.NULL)) {
            arena.close();
            throw new IllegalStateException("opus_multistream_decoder_create " + channels + " channels in " + streams
                    + " streams (" + coupledStreams + " coupled): error " + error.get(JAVA_INT, 0));
        }
        output = arena.allocate((long) MAX_FRAME_SAMPLES * channels * Short.BYTES, Short.BYTES);
    }

    /** The decoder a client sets up for what the host's encoder was configured with. */
    public OpusDecoder(AudioEncoderConfig config) {
        this(config.format().channels(), config.streams(), config.coupledStreams(), config.mapping());
    }

    public static boolean available() {
        return CREATE != null && DECODE != null && DESTROY != null;
    }

    /** "libopus.so.0 not found" when the tests cannot decode; empty when they can. */
    public static Optional<String> unavailableReason() {
        return available() ? Optional.empty()
                : Optional.of(OPUS.unavailableReason().orElse(LIBRARY + " has no multistream decoder"));
    }

    /** Decodes one packet into its interleaved samples. */
    public short[] decode(MemorySegment packet) {
        if (packet.byteSize() > MAX_PACKET_BYTES) {
            throw new IllegalArgumentException("a packet of " + packet.byteSize() + " bytes: no Opus packet is longer "
                    + "than " + MAX_PACKET_BYTES);
        }
        MemorySegment.copy(packet, 0, input, 0, packet.byteSize());
        int samples;
        try {
            samples = (int) DECODE.invokeExact(decoder, input, (int) packet.byteSize(), output, MAX_FRAME_SAMPLES, 0);
        } catch (Throwable e) {
            throw new IllegalStateException("opus_multistream_decode: " + e, e);
        }
        if (samples < 0) {
            throw new IllegalStateException("opus_multistream_decode: error " + samples);
        }
        return output.asSlice(0, (long) samples * channels * Short.BYTES).toArray(ValueLayout.JAVA_SHORT);
    }

    public short[] decode(byte[] packet) {
        return decode(MemorySegment.ofArray(packet));
    }

    public int channels() {
        return channels;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            DESTROY.invokeExact(decoder);
        } catch (Throwable e) {
            throw new IllegalStateException("opus_multistream_decoder_destroy: " + e, e);
        } finally {
            arena.close();
        }
    }

    private static MethodHandle bind(String symbol, FunctionDescriptor descriptor) {
        return OPUS.hasSymbol(symbol) ? OPUS.downcall(symbol, descriptor) : null;
    }
}
