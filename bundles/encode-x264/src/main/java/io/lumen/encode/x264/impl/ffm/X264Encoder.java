package io.lumen.encode.x264.impl.ffm;

import io.lumen.encoding.EncoderPicture;
import io.lumen.encoding.H264Heading;
import io.lumen.encoding.PlaneTable;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;

/**
 * One open x264 encoder with its input picture (x264's own planes, which a converter fills: x264 copies them in
 * x264_encoder_encode, so they may be overwritten as soon as it returns). Single-threaded; closing frees every
 * native object and is safe to repeat.
 */
@SuppressWarnings("restricted") // sizing x264's NAL array and payloads is what this class is for
public final class X264Encoder implements EncoderPicture, AutoCloseable {

    /** Receives each encoded picture; the bytes are valid only during the call. */
    @FunctionalInterface
    public interface PictureSink {
        void accept(MemorySegment annexB, long pts, boolean idr, boolean recoveryPoint);
    }

    private final X264Library x264;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment handle;
    private final MemorySegment input;
    private final PlaneTable planes;
    private final MemorySegment output;
    private final MemorySegment nalsSlot;
    private final MemorySegment nalCount;
    /** x264_encoder_parameters copies the running settings here before a reconfiguration. */
    private final MemorySegment running;
    private boolean closed;

    private X264Encoder(X264Library x264, MemorySegment handle) {
        this.x264 = x264;
        this.handle = handle;
        this.input = arena.allocate(X264Layouts.PICTURE_BYTES, 16);
        this.planes = new PlaneTable(input, X264Layouts.PICTURE_IMG_PLANE, X264Layouts.PICTURE_IMG_STRIDE);
        this.output = arena.allocate(X264Layouts.PICTURE_BYTES, 16);
        this.nalsSlot = arena.allocate(ValueLayout.ADDRESS);
        this.nalCount = arena.allocate(ValueLayout.JAVA_INT);
        this.running = arena.allocate(X264Layouts.PARAM_BYTES, 16);
    }

    /**
     * Opens x264 for {@code width}x{@code height} 4:2:0 pictures (10-bit when {@code tenBit}) with {@code preset},
     * {@code tune}, the {@code settings} by x264 name and {@code profile}.
     */
    public static X264Encoder open(X264Library x264, int width, int height, boolean tenBit, String preset,
                                   String tune, Map<String, String> settings, String profile) throws X264Exception {
        if (!x264.isAvailable()) {
            throw new X264Exception("libx264 is unavailable: " + x264.unavailableReason().orElseThrow());
        }
        MemorySegment handle;
        try (Arena setup = Arena.ofConfined()) {
            MemorySegment param = X264Params.build(x264, setup, preset, tune, width, height, tenBit ? 10 : 8,
                    settings, profile);
            try {
                handle = (MemorySegment) x264.encoderOpen.invokeExact(param);
            } catch (Throwable e) {
                throw new X264Exception(X264Layouts.OPEN_SYMBOL + ": " + e);
            } finally {
                X264Params.cleanup(x264, param);
            }
        }
        if (handle.equals(MemorySegment.NULL)) {
            throw new X264Exception("x264 refused to open with " + settings + " (profile " + profile + ")");
        }
        X264Encoder encoder = new X264Encoder(x264, handle);
        try {
            encoder.allocatePicture(width, height, tenBit);
            return encoder;
        } catch (X264Exception e) {
            encoder.close();
            throw e;
        }
    }

    private void allocatePicture(int width, int height, boolean tenBit) throws X264Exception {
        int csp = X264Layouts.CSP_I420 | (tenBit ? X264Layouts.CSP_HIGH_DEPTH : 0);
        try {
            x264.pictureInit.invokeExact(output);
            if ((int) x264.pictureAlloc.invokeExact(input, csp, width, height) < 0) {
                throw new X264Exception("x264_picture_alloc " + width + "x" + height + " failed");
            }
        } catch (X264Exception e) {
            throw e;
        } catch (Throwable e) {
            throw new X264Exception("x264_picture_alloc: " + e);
        }
    }

    @Override
    public PlaneTable planes() {
        return planes;
    }

    /** x264 copies the picture in while encoding it, so its planes are always free to overwrite. */
    @Override
    public void makeWritable() {
    }

    /**
     * Encodes the input picture as {@code pts}, an IDR when {@code idr}, and hands what comes out to {@code sink}:
     * with zero-latency settings, that picture itself, before this returns. Returns whether a picture came out.
     */
    public boolean encode(long pts, boolean idr, PictureSink sink) throws X264Exception {
        input.set(ValueLayout.JAVA_INT, X264Layouts.PICTURE_TYPE, idr ? X264Layouts.TYPE_IDR : X264Layouts.TYPE_AUTO);
        input.set(ValueLayout.JAVA_LONG, X264Layouts.PICTURE_PTS, pts);
        int bytes;
        try {
            bytes = (int) x264.encoderEncode.invokeExact(handle, nalsSlot, nalCount, input, output);
        } catch (Throwable e) {
            throw new X264Exception("x264_encoder_encode: " + e);
        }
        if (bytes < 0) {
            throw new X264Exception("x264_encoder_encode failed on picture " + pts);
        }
        int count = nalCount.get(ValueLayout.JAVA_INT, 0);
        if (bytes == 0 || count == 0) {
            return false;
        }
        MemorySegment nals = nalsSlot.get(ValueLayout.ADDRESS, 0).reinterpret(X264Layouts.NAL_BYTES * count);
        boolean idrOut = false;
        boolean recoveryPoint = false;
        for (int i = 0; i < count; i++) {
            long nal = X264Layouts.NAL_BYTES * i;
            int type = nals.get(ValueLayout.JAVA_INT, nal + X264Layouts.NAL_TYPE);
            idrOut |= type == X264Layouts.NAL_SLICE_IDR;
            if (type == X264Layouts.NAL_SEI) {
                MemorySegment payload = nals.get(ValueLayout.ADDRESS, nal + X264Layouts.NAL_PAYLOAD)
                        .reinterpret(nals.get(ValueLayout.JAVA_INT, nal + X264Layouts.NAL_PAYLOAD_SIZE));
                recoveryPoint |= H264Heading.seiCarriesRecoveryPoint(payload);
            }
        }
        // x264 lays a picture's NAL units out back to back: the first one's start is the access unit's
        MemorySegment first = nals.get(ValueLayout.ADDRESS, X264Layouts.NAL_PAYLOAD).reinterpret(bytes);
        sink.accept(first, output.get(ValueLayout.JAVA_LONG, X264Layouts.PICTURE_PTS), idrOut, recoveryPoint);
        return true;
    }

    /** Applies {@code settings} (by x264 name) to the running encoder, e.g. a new rate, without reopening it. */
    public void reconfigure(Map<String, String> settings) throws X264Exception {
        try (Arena call = Arena.ofConfined()) {
            x264.encoderParameters.invokeExact(handle, running);
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                X264Params.parse(x264, call, running, setting.getKey(), setting.getValue());
            }
            if ((int) x264.encoderReconfig.invokeExact(handle, running) < 0) {
                throw new X264Exception("x264 refuses to change to " + settings);
            }
        } catch (X264Exception e) {
            throw e;
        } catch (Throwable e) {
            throw new X264Exception("x264_encoder_reconfig: " + e);
        }
    }

    /** Pictures taken in and not yet out (0 with zero-latency settings). */
    public int delayedFrames() {
        try {
            return (int) x264.encoderDelayedFrames.invokeExact(handle);
        } catch (Throwable e) {
            throw new IllegalStateException("x264_encoder_delayed_frames: " + e, e);
        }
    }

    /** Queues a wave of intra refresh: x264 starts it with the next P picture, or when the current wave ends. */
    public void intraRefresh() {
        try {
            x264.encoderIntraRefresh.invokeExact(handle);
        } catch (Throwable e) {
            throw new IllegalStateException("x264_encoder_intra_refresh: " + e, e);
        }
    }

    /**
     * Marks the reference pictures from {@code pts} on as lost: later pictures reference only older ones. False
     * when x264 refuses (it does with B-frames or intra refresh).
     */
    public boolean invalidateReference(long pts) {
        try {
            return (int) x264.encoderInvalidateReference.invokeExact(handle, pts) == 0;
        } catch (Throwable e) {
            throw new IllegalStateException("x264_encoder_invalidate_reference: " + e, e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!input.get(ValueLayout.ADDRESS, X264Layouts.PICTURE_IMG_PLANE).equals(MemorySegment.NULL)) {
                x264.pictureClean.invokeExact(input);
            }
            x264.encoderClose.invokeExact(handle);
        } catch (Throwable e) {
            throw new IllegalStateException("closing x264: " + e, e);
        } finally {
            arena.close();
        }
    }
}
