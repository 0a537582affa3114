package io.lumen.api.capture;

import io.lumen.api.media.Frame;
import org.osgi.annotation.versioning.ProviderType;

/** Receives captured frames; implemented by the session manager. Never blocks on the encoder. */
@ProviderType
@FunctionalInterface
public interface FrameSink {

    /** Takes ownership of {@code frame}; the sink releases it when done or when it drops it. */
    void accept(Frame frame);

    /**
     * The capture can deliver no more frames ({@code reason}: the producer went away, negotiation stalled). The
     * session manager then replaces the capture with its next choice (or, with none left, waits for a backend to
     * arrive, as when a capture bundle stops); it never closes the capture from inside this call, so a backend may
     * call it from its own thread. Since 1.1.
     */
    default void ended(String reason) {
    }
}
