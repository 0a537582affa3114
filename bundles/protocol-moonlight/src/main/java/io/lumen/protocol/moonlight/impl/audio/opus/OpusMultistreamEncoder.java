package io.lumen.protocol.moonlight.impl.audio.opus;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One libopus multistream encoder at 48 kHz, RESTRICTED_LOWDELAY, constant bitrate, with its input and output
 * buffers off-heap. Used by one thread at a time; {@link #close()} frees the native encoder and is safe to repeat.
 */
public final class OpusMultistreamEncoder implements AutoCloseable {

    public static final int SAMPLE_RATE = 48_000;

    private final Opus opus;
    private final OpusLayout layout;
    private final int frameSamples;
    private final Arena arena;
    private final MemorySegment encoder;
    private final MemorySegment pcm;
    private final MemorySegment packet;
    private final MemorySegment slot;
    private boolean closed;

    private OpusMultistreamEncoder(Opus opus, OpusLayout layout, int frameSamples, Arena arena, MemorySegment encoder,
                                   int maxPacketBytes) {
        this.opus = opus;
        this.layout = layout;
        this.frameSamples = frameSamples;
        this.arena = arena;
        this.encoder = encoder;
        this.pcm = arena.allocate((long) frameSamples * layout.channels() * Short.BYTES, Short.BYTES);
        this.packet = arena.allocate(maxPacketBytes);
        this.slot = arena.allocate(ValueLayout.JAVA_INT);
    }

    /**
     * Opens an encoder for {@code layout} taking {@code frameSamples} samples per channel per call (240 for 5 ms)
     * and never making a packet longer than {@code maxPacketBytes}. CBR is read back, so an encoder that opens
     * makes packets of one size (bitrate × duration / 8 bytes). The bitrate is not: a multistream encoder splits it
     * among its streams only when it encodes, and reports the streams' defaults until then.
     */
    public static OpusMultistreamEncoder open(Opus opus, OpusLayout layout, int frameSamples, int maxPacketBytes)
            throws OpusException {
        if (!opus.isAvailable()) {
            throw new OpusException("libopus is unavailable: " + opus.unavailableReason().orElseThrow());
        }
        Arena arena = Arena.ofShared();
        MemorySegment created;
        try {
            MemorySegment mapping = arena.allocate(layout.channels());
            MemorySegment.copy(layout.mapping(), 0, mapping, ValueLayout.JAVA_BYTE, 0, layout.channels());
            MemorySegment error = arena.allocate(ValueLayout.JAVA_INT);
            created = (MemorySegment) opus.encoderCreate.invokeExact(SAMPLE_RATE, layout.channels(), layout.streams(),
                    layout.coupledStreams(), mapping, Opus.APPLICATION_RESTRICTED_LOWDELAY, error);
            int result = error.get(ValueLayout.JAVA_INT, 0);
            if (result != Opus.OK || created.equals(MemorySegment.NULL)) {
                throw new OpusException("opus_multistream_encoder_create " + layout + ": " + opus.describe(result));
            }
        } catch (OpusException e) {
            arena.close();
            throw e;
        } catch (Throwable e) {
            arena.close();
            throw new OpusException("opus_multistream_encoder_create: " + e);
        }
        OpusMultistreamEncoder encoder = new OpusMultistreamEncoder(opus, layout, frameSamples, arena, created,
                maxPacketBytes);
        try {
            encoder.set(Opus.SET_BITRATE_REQUEST, layout.bitrate(), "OPUS_SET_BITRATE");
            encoder.set(Opus.SET_VBR_REQUEST, 0, "OPUS_SET_VBR");
            if (!encoder.constantBitrate()) {
                throw new OpusException("libopus stayed in VBR mode after OPUS_SET_VBR(0)");
            }
            return encoder;
        } catch (OpusException e) {
            encoder.close();
            throw e;
        }
    }

    /** The next frame's input: frameSamples × channels interleaved signed 16-bit samples in native byte order. */
    public MemorySegment pcm() {
        return pcm;
    }

    /** Encodes {@link #pcm()}; the packet returned is valid until the next call. */
    public MemorySegment encode() throws OpusException {
        int bytes;
        try {
            bytes = (int) opus.encode.invokeExact(encoder, pcm, frameSamples, packet, (int) packet.byteSize());
        } catch (Throwable e) {
            throw new OpusException("opus_multistream_encode: " + e);
        }
        if (bytes < 0) {
            throw new OpusException("opus_multistream_encode: " + opus.describe(bytes));
        }
        return packet.asSlice(0, bytes);
    }

    public boolean constantBitrate() throws OpusException {
        return get(Opus.GET_VBR_REQUEST, "OPUS_GET_VBR") == 0;
    }

    public OpusLayout layout() {
        return layout;
    }

    public int frameSamples() {
        return frameSamples;
    }

    private void set(int request, int value, String name) throws OpusException {
        try {
            int result = (int) opus.encoderCtlInt.invokeExact(encoder, request, value);
            if (result != Opus.OK) {
                throw new OpusException(name + "(" + value + "): " + opus.describe(result));
            }
        } catch (OpusException e) {
            throw e;
        } catch (Throwable e) {
            throw new OpusException(name + ": " + e);
        }
    }

    private int get(int request, String name) throws OpusException {
        try {
            int result = (int) opus.encoderCtlPointer.invokeExact(encoder, request, slot);
            if (result != Opus.OK) {
                throw new OpusException(name + ": " + opus.describe(result));
            }
            return slot.get(ValueLayout.JAVA_INT, 0);
        } catch (OpusException e) {
            throw e;
        } catch (Throwable e) {
            throw new OpusException(name + ": " + e);
        }
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
