package io.lumen.protocol.moonlight.impl.stream;

import io.lumen.api.audio.AudioPacketSink;
import io.lumen.api.input.InputFeedback;
import io.lumen.api.input.InputKind;
import io.lumen.api.media.AccessUnitSink;
import io.lumen.api.session.StreamRequest;
import io.lumen.api.session.StreamSession;

import io.lumen.protocol.moonlight.impl.fec.FecCodecs;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a stream takes from the rest of the host, looked up when needed (services come and go): the session
 * manager that runs capture, encoding and input injection, and the FEC codecs.
 *
 * @param fecCodecs  the FEC codecs registered now, by scheme; a stream leases its codec frame by frame, so an
 *                   updated FEC bundle serves the next frame
 * @param inputKinds what a stream started now would have injected (the session manager's input backend), which
 *                   decides the input features DESCRIBE offers
 */
public record StreamServices(Supplier<Optional<Pipelines>> pipelines, FecCodecs fecCodecs,
                             Supplier<Set<InputKind>> inputKinds) {

    /**
     * Starts the session's video and audio pipelines, whose output goes to the sinks, and its input, whose pad
     * feedback goes to {@code feedback} ({@code SessionManager.start}).
     */
    @FunctionalInterface
    public interface Pipelines {
        StreamSession start(StreamRequest request, AccessUnitSink video, AudioPacketSink audio,
                            InputFeedback feedback);
    }
}
