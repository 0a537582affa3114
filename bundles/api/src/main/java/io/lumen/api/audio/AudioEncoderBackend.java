package io.lumen.api.audio;

import io.lumen.api.backend.Backend;
import io.lumen.api.backend.BackendException;
import org.osgi.annotation.versioning.ConsumerType;

/** An Opus encoder (libopus). */
@ConsumerType
public interface AudioEncoderBackend extends Backend {

    AudioEncoderSession open(AudioEncoderConfig config) throws BackendException;
}
