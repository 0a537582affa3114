package io.lumen.capture.pipewire;

import io.lumen.api.backend.BackendException;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.capture.FrameSink;
import org.osgi.annotation.versioning.ProviderType;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Streams a PipeWire node as a capture session: the formats of the request's encoder are offered, each buffer is
 * copied once into a frame for {@code sink}, a daemon restart is reconnected, and a producer that leaves or never
 * finishes negotiating is reported through {@link FrameSink#ended}. A service of the pipewire bundle.
 */
@ProviderType
public interface PipeWireStreams {

    /**
     * Capture option: "true" offers the producer only the request's size, and its rate as the maximum frame rate,
     * instead of a range around them; for a producer that takes its size and rate from what its consumer fixes
     * (Mutter's virtual monitor), which would otherwise fix its own default size.
     *
     * @since 1.2
     */
    String EXACT_MODE = "pipewire.exact-mode";

    /** Opens a stream of {@code source} for {@code request}; the session's close ends it. */
    CaptureSession open(PipeWireSource source, CaptureRequest request, FrameSink sink) throws BackendException;

    /**
     * The video nodes of the daemon at {@code socket} (empty: the configured one), by id: the registry's view, for
     * finding a node when its producer does not say which it is.
     */
    List<PipeWireNode> nodes(Optional<Path> socket) throws BackendException;

    /** The daemon streams and listings reach when a source names none. */
    String configuredDaemon();

    /** Whether libpipewire could be loaded here, and if not, why. */
    String availability();
}
