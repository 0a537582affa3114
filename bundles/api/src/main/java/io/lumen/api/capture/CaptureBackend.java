package io.lumen.api.capture;

import io.lumen.api.backend.Backend;
import io.lumen.api.backend.BackendException;
import org.osgi.annotation.versioning.ConsumerType;

/** A source of pictures: a PipeWire node, gamescope, a KWin virtual output, the synthetic pattern. */
@ConsumerType
public interface CaptureBackend extends Backend {

    /**
     * Starts delivering frames to {@code sink} from a thread the backend owns, until the session is closed.
     * Frames are handed over: the sink releases each one.
     */
    CaptureSession open(CaptureRequest request, FrameSink sink) throws BackendException;
}
