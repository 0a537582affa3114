package io.lumen.api.audio;

import io.lumen.api.backend.Backend;
import io.lumen.api.backend.BackendException;
import org.osgi.annotation.versioning.ConsumerType;

/** A source of PCM: a PipeWire virtual sink or monitor, the synthetic tone. */
@ConsumerType
public interface AudioCaptureBackend extends Backend {

    /**
     * Starts delivering periods to {@code sink} from a thread the backend owns, in real time (the capture's clock
     * paces the stream), until the session is closed.
     */
    AudioCaptureSession open(AudioCaptureRequest request, PcmSink sink) throws BackendException;
}
