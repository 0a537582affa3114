package io.lumen.api.backend;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What every backend service has. Registered with {@code service.ranking}: the session manager prefers the
 * highest-ranked available backend of a role unless configuration pins one.
 */
@ConsumerType
public interface Backend {

    /** Stable id operators pin by, e.g. "synthetic", "java-h264", "libav-x264". */
    String id();

    /** Whether this backend can run here; cheap enough to call on every listing. */
    Probe probe();
}
