package io.lumen.api.capture;

import org.osgi.annotation.versioning.ConsumerType;

import java.util.Map;

/** A running capture. {@link #close()} stops delivery before it returns and frees native resources. */
@ConsumerType
public interface CaptureSession extends AutoCloseable {

    /** Backend-specific figures for diagnostics (negotiated format, frames delivered, drops and why). */
    Map<String, Object> stats();

    @Override
    void close();
}
