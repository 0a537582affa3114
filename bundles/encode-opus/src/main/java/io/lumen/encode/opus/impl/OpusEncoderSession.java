package io.lumen.encode.opus.impl;

import io.lumen.api.audio.AudioEncoderConfig;
import io.lumen.api.audio.AudioEncoderSession;
import io.lumen.api.audio.AudioFormat;
import io.lumen.api.backend.BackendException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One libopus multistream encoder at 48 kHz: RESTRICTED_LOWDELAY (CELT only, what every GameStream client expects),
 * constant bitrate and no in-band FEC, both read back, so every packet is bitrate × duration / 8 bytes (the
 * protocol's audio FEC works on packets of one size; Opus's own FEC would only spend bits on what it cannot use).
 * Used by one thread at a time; {@link #close()} frees the native encoder and is safe to repeat.
 */
final class OpusEncoderSession implements AudioEncoderSession {

    /** The longest packet of one stream (1275 bytes) with the two-byte length that self-delimits all but the last. */
    private static final int MAX_STREAM_PACKET_BYTES = 1_277;

    private final Opus opus;
    private final AudioEncoderConfig config;
    private final Arena arena;
    private final MemorySegment encoder;
    private final MemorySegment pcm;
    private final MemorySegment packet;
    private final MemorySegment slot;
    private final String description;
    private final int maxPacketBytes;
    private boolean closed;

    private OpusEncoderSession(Opus opus, AudioEncoderConfig config, Arena arena, MemorySegment encoder) {
        this.opus = opus;
        this.config = config;
        this.arena = arena;
        this.encoder = encoder;
        this.pcm = arena.allocate((long) config.packetSamples() * config.format().frameBytes(), Short.BYTES);
        this.packet = arena.allocate((long) config.streams() * MAX_STREAM_PACKET_BYTES);
        this.maxPacketBytes = config.maxPacketBytes() == 0 ? (int) packet.byteSize()
                : Math.min(config.maxPacketBytes(), (int) packet.byteSize());
        this.slot = arena.allocate(ValueLayout.JAVA_INT);
        this.description = "opus " + opus.version().orElseThrow() + ", " + config.streams()
                + (config.streams() == 1 ? " stream (" : " streams (") + config.coupledStreams() + " coupled), CBR "
                + config.bitrateBps() / 1000 + " kbps";
    }

    /**
     * Opens an encoder for {@code config}. The bitrate is set but not read back: a multistream encoder splits it
     * among its streams only when it encodes, and reports the streams' defaults until then.
     */
    static OpusEncoderSession open(Opus opus, AudioEncoderConfig config) throws BackendException {
        if (!opus.isAvailable()) {
            throw new BackendException("libopus is unavailable: " + opus.unavailableReason().orElseThrow());
        }
        Arena arena = Arena.ofShared();
        MemorySegment created;
        try {
            int channels = config.format().channels();
            MemorySegment mapping = arena.allocate(channels);
            MemorySegment.copy(config.mapping(), 0, mapping, ValueLayout.JAVA_BYTE, 0, channels);
            MemorySegment error = arena.allocate(ValueLayout.JAVA_INT);
            created = (MemorySegment) opus.encoderCreate.invokeExact(AudioFormat.SAMPLE_RATE, channels,
                    config.streams(), config.coupledStreams(), mapping, Opus.APPLICATION_RESTRICTED_LOWDELAY, error);
            int result = error.get(ValueLayout.JAVA_INT, 0);
            if (result != Opus.OK || created.equals(MemorySegment.NULL)) {
                throw new BackendException("opus_multistream_encoder_create " + config + ": " + opus.describe(result));
            }
        } catch (BackendException e) {
            arena.close();
            throw e;
        } catch (Throwable e) {
            arena.close();
            throw new BackendException("opus_multistream_encoder_create: " + e, e);
        }
        OpusEncoderSession session = new OpusEncoderSession(opus, config, arena, created);
        try {
            session.set(Opus.SET_BITRATE_REQUEST, config.bitrateBps(), "OPUS_SET_BITRATE");
            session.set(Opus.SET_VBR_REQUEST, 0, "OPUS_SET_VBR");
            session.set(Opus.SET_INBAND_FEC_REQUEST, 0, "OPUS_SET_INBAND_FEC");
            if (session.get(Opus.GET_VBR_REQUEST, "OPUS_GET_VBR") != 0) {
                throw new BackendException("libopus stayed in VBR mode after OPUS_SET_VBR(0)");
            }
            if (session.inbandFec()) {
                throw new BackendException("libopus kept in-band FEC after OPUS_SET_INBAND_FEC(0)");
            }
            return session;
        } catch (BackendException e) {
            session.close();
            throw e;
        }
    }

    /**
     * Encodes one packet's PCM, {@link AudioEncoderConfig#packetSamples()} × channels interleaved samples. Native
     * memory goes to libopus as it is; a heap array is copied first, as native code cannot read the Java heap.
     */
    @Override
    public MemorySegment encode(MemorySegment samples) throws BackendException {
        if (closed) {
            throw new BackendException("the opus encoder is closed");
        }
        if (samples.byteSize() != pcm.byteSize()) {
            throw new IllegalArgumentException("a packet's PCM is " + pcm.byteSize() + " bytes ("
                    + config.packetSamples() + " samples of " + config.format().channels() + " channels), not "
                    + samples.byteSize());
        }
        MemorySegment input = samples;
        if (!samples.isNative()) {
            pcm.copyFrom(samples);
            input = pcm;
        }
        int bytes;
        try {
            bytes = (int) opus.encode.invokeExact(encoder, input, config.packetSamples(), packet, maxPacketBytes);
        } catch (Throwable e) {
            throw new BackendException("opus_multistream_encode: " + e, e);
        }
        if (bytes < 0) {
            throw new BackendException("opus_multistream_encode: " + opus.describe(bytes));
        }
        return packet.asSlice(0, bytes);
    }

    /** "opus 1.3.1, 4 streams (2 coupled), CBR 256 kbps". */
    @Override
    public String description() {
        return description;
    }

    /** Whether libopus would spend bits on its own FEC (never, once open). */
    boolean inbandFec() throws BackendException {
        return get(Opus.GET_INBAND_FEC_REQUEST, "OPUS_GET_INBAND_FEC") != 0;
    }

    private void set(int request, int value, String name) throws BackendException {
        int result;
        try {
            result = (int) opus.encoderCtlInt.invokeExact(encoder, request, value);
        } catch (Throwable e) {
            throw new BackendException(name + ": " + e, e);
        }
        if (result != Opus.OK) {
            throw new BackendException(name + "(" + value + "): " + opus.describe(result));
        }
    }

    private int get(int request, String name) throws BackendException {
        int result;
        try {
            result = (int) opus.encoderCtlPointer.invokeExact(encoder, request, slot);
        } catch (Throwable e) {
            throw new BackendException(name + ": " + e, e);
        }
        if (result != Opus.OK) {
            throw new BackendException(name + ": " + opus.describe(result));
        }
        return slot.get(ValueLayout.JAVA_INT, 0);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            opus.encoderDestroy.invokeExact(encoder);
        } catch (Throwable e) {
            throw new IllegalStateException("opus_multistream_encoder_destroy: " + e, e);
        } finally {
            arena.close();
        }
    }
}
