package io.lumen.capture.mutter;

import org.osgi.annotation.versioning.ProviderType;

import java.util.Optional;

/** The live casts of capture-mutter, by lumen session. A service of the capture-mutter bundle. */
@ProviderType
public interface MutterCasts {

    /**
     * The remote-desktop session linked to the cast that streams for lumen session {@code sessionId}
     * ({@link io.lumen.api.capture.CaptureRequest#SESSION_ID}); empty when that session streams no Mutter cast now.
     * A cast replaced (a capture swap, a bundle update) has a new one: look it up again once {@link
     * MutterRemoteDesktop#ended()} completes.
     */
    Optional<MutterRemoteDesktop> remoteDesktop(String sessionId);

    /** Whether Mutter's remote desktop can be reached now ("ok"), and if not, why. */
    String availability();
}
