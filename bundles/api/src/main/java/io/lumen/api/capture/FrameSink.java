package io.lumen.api.capture;

import io.lumen.api.media.Frame;
import org.osgi.annotation.versioning.ProviderType;

/** Receives captured frames; implemented by the session manager. Never blocks on the encoder. */
@ProviderType
@FunctionalInterface
public interface FrameSink {

    /** Takes ownership of {@code frame}; the sink releases it when done or when it drops it. */
    void accept(Frame frame);
}
