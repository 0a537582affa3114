package io.lumen.api.session;

import io.lumen.api.audio.AudioPacketSink;
import io.lumen.api.backend.BackendInfo;
import io.lumen.api.backend.BackendRole;
import io.lumen.api.input.InputFeedback;
import io.lumen.api.input.InputKind;
import io.lumen.api.media.AccessUnitSink;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/** Runs stream sessions and picks their backends. */
@ProviderType
public interface SessionManager {

    /**
     * Starts a session whose encoded pictures go to {@code sink}, on the session's encode thread. The session
     * starts even while no backend is available; it streams as soon as one arrives.
     */
    StreamSession start(StreamRequest request, AccessUnitSink sink);

    /**
     * As {@link #start(StreamRequest, AccessUnitSink)}, with the request's audio pipeline too, whose packets go to
     * {@code audio} on the session's audio thread (silence while no audio capture delivers). Since 1.2.
     */
    StreamSession start(StreamRequest request, AccessUnitSink sink, AudioPacketSink audio);

    /**
     * As {@link #start(StreamRequest, AccessUnitSink, AudioPacketSink)}, with an input backend chosen for the
     * session at once (its devices are ready before the client's first event), whose rumble and LED requests go to
     * {@code feedback}. Events go in through {@link StreamSession#inject}. Since 1.3.
     */
    StreamSession start(StreamRequest request, AccessUnitSink sink, AudioPacketSink audio, InputFeedback feedback);

    List<StreamSession> sessions();

    Optional<StreamSession> session(String id);

    /** Every registered backend of every role, best first within a role. */
    List<BackendInfo> backends();

    /**
     * The kinds of input event a session started now would have injected: those of the pinned input backend when it
     * is available, else of the best-ranked available one; empty when none is. A protocol offers its clients what
     * these allow (native touch and pen only where they reach the host). Since 1.3.
     */
    Set<InputKind> inputKinds();

    /** The backend id configuration pins for {@code role}, if any. */
    Optional<String> pinned(BackendRole role);
}
