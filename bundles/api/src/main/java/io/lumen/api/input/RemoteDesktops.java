package io.lumen.api.input;

import org.osgi.annotation.versioning.ProviderType;

import java.util.Optional;

/**
 * The remote desktops linked to one capture backend's live casts, by lumen session: a service of each capture
 * bundle whose casts carry input (capture-mutter, capture-portal), registered with the {@value #CAPTURE_BACKEND}
 * property naming that capture backend's id, for the input backend that injects through them. Since 2.3.
 */
@ProviderType
public interface RemoteDesktops {

    /** Service property: the id of the capture backend whose casts these are ("mutter", "portal"). */
    String CAPTURE_BACKEND = "lumen.capture.backend";

    /**
     * The remote desktop linked to the cast that streams for lumen session {@code sessionId}
     * ({@link io.lumen.api.capture.CaptureRequest#SESSION_ID}); empty when that session streams no such cast now,
     * or its cast carries no input. A cast replaced (a capture swap, a bundle update) has a new one: look it up
     * again once {@link RemoteDesktop#ended()} completes.
     */
    Optional<RemoteDesktop> remoteDesktop(String sessionId);

    /** Whether the compositor's remote desktop can be reached now ("ok"), and if not, why. */
    String availability();
}
