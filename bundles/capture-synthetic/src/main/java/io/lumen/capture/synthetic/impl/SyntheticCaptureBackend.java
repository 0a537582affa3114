package io.lumen.capture.synthetic.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.capture.CaptureBackend;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.capture.FrameSink;
import io.lumen.api.media.PixelFormat;
import io.lumen.capture.synthetic.pattern.StampCodec;
import org.osgi.service.component.annotations.Component;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The capture that works everywhere: the stamped test pattern. Ranked lowest so any real capture wins. */
@Component(property = "service.ranking:Integer=0")
public final class SyntheticCaptureBackend implements CaptureBackend {

    /** Formats it paints, in the order it prefers them when the encoder takes several. */
    private static final List<PixelFormat> PAINTABLE = List.of(PixelFormat.BGRX, PixelFormat.RGBX, PixelFormat.BGRA,
            PixelFormat.RGBA, PixelFormat.I420);

    /** Capture option: paint this size instead of the client's. */
    static final String SIZE_OPTION = "size";
    /**
     * The target that paints noise below the stamp band instead of bars ({@code capture = synthetic grain} in
     * apps.conf), so the encoder spends its whole rate, as on a busy game.
     */
    static final String GRAIN_TARGET = "grain";
    private static final int MAX_SIDE = 8192;

    private final AtomicInteger sessions = new AtomicInteger();

    @Override
    public String id() {
        return "synthetic";
    }

    @Override
    public Probe probe() {
        return Probe.ok();
    }

    @Override
    public CaptureSession open(CaptureRequest request, FrameSink sink) throws BackendException {
        PixelFormat format = PAINTABLE.stream().filter(request.formats()::contains).findFirst()
                .orElseThrow(() -> new BackendException("synthetic capture paints " + PAINTABLE + ", the encoder takes "
                        + request.formats()));
        int[] size = size(request);
        try {
            StampCodec.checkSize(size[0], size[1]);
        } catch (IllegalArgumentException e) {
            throw new BackendException(e.getMessage(), e);
        }
        return new SyntheticCaptureSession(request, format, size[0], size[1],
                grain(request), sink,
                "lumen-synthetic-" + sessions.incrementAndGet());
    }

    /** Any other target is another backend's (the session may fall back here from it): bars then. */
    private static boolean grain(CaptureRequest request) {
        return GRAIN_TARGET.equals(request.options().get(CaptureRequest.TARGET));
    }

    /**
     * The picture size: the client's, or the {@value #SIZE_OPTION} option's ("2560x1440"), as a window or an
     * existing output delivers its own size whatever the client asked for.
     */
    private static int[] size(CaptureRequest request) throws BackendException {
        String asked = request.options().get(SIZE_OPTION);
        if (asked == null) {
            return new int[] {request.mode().width(), request.mode().height()};
        }
        String[] parts = asked.strip().split("x");
        try {
            int width = Integer.parseInt(parts[0]);
            int height = Integer.parseInt(parts[1]);
            if (parts.length == 2 && width <= MAX_SIDE && height <= MAX_SIDE) {
                return new int[] {width, height};
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // reported below with the value
        }
        throw new BackendException("synthetic capture option " + SIZE_OPTION + " must be WIDTHxHEIGHT up to "
                + MAX_SIDE + ", not \"" + asked + "\"");
    }
}
