package io.lumen.api.audio;

import org.osgi.annotation.versioning.ConsumerType;

import java.util.Map;

/**
 * A running audio capture. {@link #close()} stops delivery before it returns, frees native resources and undoes
 * what the capture changed on the host (a default output it set, a sink it created).
 */
@ConsumerType
public interface AudioCaptureSession extends AutoCloseable {

    /** Backend-specific figures for diagnostics (what it captures, the negotiated format, periods, drops). */
    Map<String, Object> stats();

    @Override
    void close();
}
