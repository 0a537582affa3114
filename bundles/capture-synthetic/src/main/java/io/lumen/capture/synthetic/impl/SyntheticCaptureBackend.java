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
        try {
            StampCodec.checkSize(request.mode().width(), request.mode().height());
        } catch (IllegalArgumentException e) {
            throw new BackendException(e.getMessage(), e);
        }
        return new SyntheticCaptureSession(request, format, sink, "lumen-synthetic-" + sessions.incrementAndGet());
    }
}
