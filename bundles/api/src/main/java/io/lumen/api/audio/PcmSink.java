package io.lumen.api.audio;

import org.osgi.annotation.versioning.ProviderType;

/** Receives captured PCM; implemented by the session manager. Copies what it keeps and never blocks for long. */
@ProviderType
public interface PcmSink {

    /** One period; its samples are valid only during the call. */
    void accept(AudioPeriod period);

    /**
     * The capture can deliver no more (the daemon went away, the sink was removed). The session sends silence and
     * replaces the capture with its next choice; it never closes the capture from inside this call.
     */
    void ended(String reason);
}
