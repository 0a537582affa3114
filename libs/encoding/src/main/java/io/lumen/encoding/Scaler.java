package io.lumen.encoding;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * libswscale converting a captured picture into the encoder's input format, scaling it on the way when the sizes
 * differ: the one copy between the capture buffer and the encoder. The plane-pointer and stride arrays are allocated
 * once.
 */
public final class Scaler implements AutoCloseable {

    private static final int SWS_BILINEAR = 2;
    private static final int SWS_AREA = 0x20;

    private final Swscale av;
    private final MemorySegment context;
    private final int height;
    private final int targetHeight;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment sourcePlanes = arena.allocate(ValueLayout.ADDRESS, 4);
    private final MemorySegment sourceStrides = arena.allocate(ValueLayout.JAVA_INT, 4);
    private final MemorySegment targetPlanes = arena.allocate(ValueLayout.ADDRESS, 4);
    private final MemorySegment targetStrides = arena.allocate(ValueLayout.JAVA_INT, 4);
    private boolean closed;

    private Scaler(Swscale av, MemorySegment context, int height, int targetHeight) {
        this.av = av;
        this.context = context;
        this.height = height;
        this.targetHeight = targetHeight;
    }

    /** A conversion at the same size. */
    public static Scaler open(Swscale av, int width, int height, int sourceFormat, int targetFormat)
            throws EncodingException {
        return open(av, width, height, sourceFormat, width, height, targetFormat);
    }

    /**
     * A conversion of {@code width}x{@code height} pictures into {@code targetWidth}x{@code targetHeight} ones.
     * Shrinking averages the source pixels a target pixel covers (area filter: text stays legible, as the session's
     * own fitting does it); growing interpolates bilinearly.
     */
    public static Scaler open(Swscale av, int width, int height, int sourceFormat, int targetWidth, int targetHeight,
                              int targetFormat) throws EncodingException {
        if (!av.isAvailable()) {
            throw new EncodingException("libswscale is unavailable: " + av.unavailableReason().orElseThrow());
        }
        int filter = targetWidth < width || targetHeight < height ? SWS_AREA : SWS_BILINEAR;
        MemorySegment context;
        try {
            context = (MemorySegment) av.getContext.invokeExact(width, height, sourceFormat, targetWidth,
                    targetHeight, targetFormat, filter, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable e) {
            throw new EncodingException("sws_getContext: " + e);
        }
        if (context.equals(MemorySegment.NULL)) {
            throw new EncodingException("libswscale cannot convert pixel format " + sourceFormat + " at " + width + "x"
                    + height + " to " + targetFormat + " at " + targetWidth + "x" + targetHeight);
        }
        return new Scaler(av, context, height, targetHeight);
    }

    /**
     * Converts the picture whose planes start at {@code planes} (up to 3) with {@code strides} into the planes
     * {@code targets} with {@code targetStrides}, of this scaler's source and target heights.
     */
    public void scale(MemorySegment[] planes, int[] strides, MemorySegment[] targets, int[] targetStrides)
            throws EncodingException {
        fill(sourcePlanes, sourceStrides, planes, strides);
        fill(targetPlanes, this.targetStrides, targets, targetStrides);
        int rows;
        try {
            rows = (int) av.scale.invokeExact(context, sourcePlanes, sourceStrides, 0, height, targetPlanes,
                    this.targetStrides);
        } catch (Throwable e) {
            throw new EncodingException("sws_scale: " + e);
        }
        if (rows != targetHeight) {
            throw new EncodingException("sws_scale wrote " + rows + " of " + targetHeight + " rows");
        }
    }

    private static void fill(MemorySegment pointers, MemorySegment strideArray, MemorySegment[] planes, int[] strides) {
        for (int i = 0; i < 4; i++) {
            pointers.setAtIndex(ValueLayout.ADDRESS, i, i < planes.length ? planes[i] : MemorySegment.NULL);
            strideArray.setAtIndex(ValueLayout.JAVA_INT, i, i < strides.length ? strides[i] : 0);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            av.freeContext.invokeExact(context);
        } catch (Throwable e) {
            throw new IllegalStateException("sws_freeContext: " + e, e);
        } finally {
            arena.close();
        }
    }
}
