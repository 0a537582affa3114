package io.lumen.protocol.moonlight.impl.stream;

import io.lumen.api.audio.AudioPacketSink;
import io.lumen.api.fec.FecCodec;
import io.lumen.api.media.AccessUnitSink;
import io.lumen.api.session.StreamRequest;
import io.lumen.api.session.StreamSession;
import io.lumen.protocol.moonlight.impl.input.InputDispatcher;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a stream takes from the rest of the host, looked up when a stream starts (services come and go): the
 * session manager that runs capture and encoding, the two GF(2^8) FEC codecs, and where input goes.
 *
 * @param videoFec the "rs8-moonlight" codec
 * @param audioFec the "rs8-moonlight-audio" codec
 */
public record StreamServices(Supplier<Optional<Pipelines>> pipelines, Supplier<Optional<FecCodec>> videoFec,
                             Supplier<Optional<FecCodec>> audioFec, InputDispatcher input) {

    /** Starts the session's video and audio pipelines, whose output goes to the sinks ({@code SessionManager.start}). */
    @FunctionalInterface
    public interface Pipelines {
        StreamSession start(StreamRequest request, AccessUnitSink video, AudioPacketSink audio);
    }
}
