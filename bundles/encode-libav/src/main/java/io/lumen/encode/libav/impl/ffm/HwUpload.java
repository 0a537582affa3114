package io.lumen.encode.libav.impl.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A hardware encoder's input path (VAAPI): the device, a pool of GPU surfaces, and the upload of each converted
 * picture from the encoder's system-memory frame into a surface. Frees the device, the pool and the surface frame
 * on close.
 */
@SuppressWarnings("restricted") // libav's hardware-frames context is sized and written here
public final class HwUpload implements AutoCloseable {

    private static final int POOL = 8;

    private final Libav av;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment slot = arena.allocate(ValueLayout.ADDRESS);
    private MemorySegment device = MemorySegment.NULL;
    private MemorySegment frames = MemorySegment.NULL;
    private MemorySegment surface = MemorySegment.NULL;
    private final int hardwareFormat;
    private boolean closed;

    private HwUpload(Libav av, int hardwareFormat) {
        this.av = av;
        this.hardwareFormat = hardwareFormat;
    }

    /**
     * Opens device {@code path} of {@code deviceType} and a pool of {@code hardwareFormat} surfaces holding
     * {@code softwareFormat} pictures of {@code width}x{@code height}.
     */
    public static HwUpload create(Libav av, int deviceType, String path, int hardwareFormat, int softwareFormat,
                                  int width, int height) throws AvException {
        HwUpload upload = new HwUpload(av, hardwareFormat);
        try (Arena call = Arena.ofConfined()) {
            av.check((int) av.hwdeviceCreate.invokeExact(upload.slot, deviceType, call.allocateFrom(path),
                    MemorySegment.NULL, 0), "av_hwdevice_ctx_create " + path);
            upload.device = upload.slot.get(ValueLayout.ADDRESS, 0);
            upload.frames = (MemorySegment) av.hwframeCtxAlloc.invokeExact(upload.device);
            if (upload.frames.equals(MemorySegment.NULL)) {
                throw new AvException("av_hwframe_ctx_alloc returned nothing");
            }
            MemorySegment context = upload.frames.reinterpret(16).get(ValueLayout.ADDRESS, AvLayouts.BUFFER_REF_DATA)
                    .reinterpret(AvLayouts.HW_FRAMES_HEIGHT + 4);
            context.set(ValueLayout.JAVA_INT, AvLayouts.HW_FRAMES_FORMAT, hardwareFormat);
            context.set(ValueLayout.JAVA_INT, AvLayouts.HW_FRAMES_SW_FORMAT, softwareFormat);
            context.set(ValueLayout.JAVA_INT, AvLayouts.HW_FRAMES_WIDTH, width);
            context.set(ValueLayout.JAVA_INT, AvLayouts.HW_FRAMES_HEIGHT, height);
            context.set(ValueLayout.JAVA_INT, AvLayouts.HW_FRAMES_INITIAL_POOL_SIZE, POOL);
            av.check((int) av.hwframeCtxInit.invokeExact(upload.frames), "av_hwframe_ctx_init");
            upload.surface = av.allocate(av.frameAlloc, "av_frame_alloc").reinterpret(AvLayouts.FRAME_PTS + 8);
            return upload;
        } catch (AvException e) {
            upload.close();
            throw e;
        } catch (Throwable e) {
            upload.close();
            throw new AvException("setting up " + path + ": " + e);
        }
    }

    int hardwareFormat() {
        return hardwareFormat;
    }

    /** A new reference to the surface pool, for the codec context (which then owns it). */
    MemorySegment framesReference() throws AvException {
        try {
            MemorySegment reference = (MemorySegment) av.bufferRef.invokeExact(frames);
            if (reference.equals(MemorySegment.NULL)) {
                throw new AvException("av_buffer_ref returned nothing");
            }
            return reference;
        } catch (AvException e) {
            throw e;
        } catch (Throwable e) {
            throw new AvException("av_buffer_ref: " + e);
        }
    }

    /** Uploads {@code picture} (a system-memory AVFrame) into a free surface and returns that surface's frame. */
    MemorySegment upload(MemorySegment picture) throws AvException {
        try {
            av.check((int) av.hwframeGetBuffer.invokeExact(frames, surface, 0), "av_hwframe_get_buffer");
            av.check((int) av.hwframeTransferData.invokeExact(surface, picture, 0), "av_hwframe_transfer_data");
            return surface;
        } catch (AvException e) {
            throw e;
        } catch (Throwable e) {
            throw new AvException("uploading a picture: " + e);
        }
    }

    /** Gives the surface back to the pool once the encoder holds its own reference. */
    void release() {
        try {
            av.frameUnref.invokeExact(surface);
        } catch (Throwable e) {
            throw new IllegalStateException("av_frame_unref: " + e, e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!surface.equals(MemorySegment.NULL)) {
                slot.set(ValueLayout.ADDRESS, 0, surface);
                av.frameFree.invokeExact(slot);
            }
            for (MemorySegment reference : new MemorySegment[] {frames, device}) {
                if (!reference.equals(MemorySegment.NULL)) {
                    slot.set(ValueLayout.ADDRESS, 0, reference);
                    av.bufferUnref.invokeExact(slot);
                }
            }
        } catch (Throwable e) {
            throw new IllegalStateException("freeing the hardware context: " + e, e);
        } finally {
            surface = MemorySegment.NULL;
            frames = MemorySegment.NULL;
            device = MemorySegment.NULL;
            arena.close();
        }
    }
}
