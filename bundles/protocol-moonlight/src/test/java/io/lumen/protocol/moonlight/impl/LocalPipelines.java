package io.lumen.protocol.moonlight.impl;

import io.lumen.api.backend.Probe;
import io.lumen.api.fec.FecCodec;
import io.lumen.api.fec.FecSchemes;
import io.lumen.api.session.StreamSession;
import io.lumen.capture.synthetic.impl.SyntheticCaptureBackend;
import io.lumen.capture.synthetic.impl.audio.SyntheticAudioBackend;
import io.lumen.encode.opus.impl.OpusEncoderBackend;
import io.lumen.encode.java.impl.JavaH264EncoderBackend;
import io.lumen.fec.leopard.impl.Leopard16Service;
import io.lumen.fec.leopard.impl.Rs8AudioService;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.protocol.moonlight.impl.fec.FecCodecs;
import io.lumen.protocol.moonlight.impl.stream.StreamServices;
import io.lumen.session.impl.backend.Backends;
import io.lumen.session.impl.backend.Registration;
import io.lumen.session.impl.pipeline.PipelineSettings;
import io.lumen.session.impl.pipeline.SessionPipeline;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the OSGi host wires from services, built by hand from the real parts: the session manager's pipeline with
 * the synthetic source and the pure-Java H.264 encoder, the synthetic tone and libopus for audio, and
 * fec-leopard's two GF(2^8) codecs.
 */
final class LocalPipelines {

    private final Backends backends = new Backends();
    private final AtomicInteger ids = new AtomicInteger();
    final List<StreamSession> started = new CopyOnWriteArrayList<>();

    LocalPipelines() {
        backends.captures().put(new Registration<>(new SyntheticCaptureBackend(), "synthetic", 0, 1, "test",
                Probe::ok, List::of));
        backends.encoders().put(new Registration<>(new JavaH264EncoderBackend(), "java-h264", 0, 2, "test",
                Probe::ok, List::of));
        backends.audioCaptures().put(new Registration<>(new SyntheticAudioBackend(), "synthetic-audio", 0, 3, "test",
                Probe::ok, List::of));
        OpusEncoderBackend opus = new OpusEncoderBackend();
        backends.audioEncoders().put(new Registration<>(opus, "opus", 0, 4, "test", opus::probe, List::of));
    }

    /** An input backend every session started from now on chooses from (ranked 0, as the only one). */
    void addInput(io.lumen.api.input.InputBackend backend) {
        backends.inputs().put(new Registration<>(backend, backend.id(), 0, 5, "test", Probe::ok, List::of));
    }

    /** An encoder sessions started from now on prefer over java-h264 when {@code ranking} is above 0. */
    void addEncoder(io.lumen.api.encode.EncoderBackend backend, int ranking) {
        backends.encoders().put(new Registration<>(backend, backend.id(), ranking, 6, "test", backend::probe,
                List::of));
    }

    /** Sessions started from now on throw from {@code stop()} once they have stopped: a fault in teardown. */
    volatile boolean failingStops;

    /** A session whose stop, after stopping, throws. */
    private record FailingStop(StreamSession session) implements StreamSession {
        @Override public String id() { return session.id(); }
        @Override public io.lumen.api.session.StreamRequest request() { return session.request(); }
        @Override public java.time.Instant started() { return session.started(); }
        @Override public io.lumen.api.session.SessionStats stats() { return session.stats(); }
        @Override public boolean isActive() { return session.isActive(); }
        @Override public void requestKeyframe() { session.requestKeyframe(); }
        @Override public void heal(long firstFrame, long lastFrame) { session.heal(firstFrame, lastFrame); }
        @Override public void setBitrate(int kbps) { session.setBitrate(kbps); }
        @Override public void inject(io.lumen.api.input.InputEvent event, long arrivalNanos) {
            session.inject(event, arrivalNanos);
        }
        @Override public void stop() {
            session.stop();
            throw new IllegalStateException("injected: the pipeline's stop failed");
        }
    }

    StreamServices services() {
        FecCodecs codecs = new FecCodecs();
        for (FecCodec codec : List.of(new Rs8MoonlightService(), new Rs8AudioService(), new Leopard16Service())) {
            codecs.add(codec, Map.of(FecSchemes.ID_PROPERTY, codec.id()));
        }
        return new StreamServices(() -> Optional.of((request, sink, sound, feedback) -> {
            SessionPipeline pipeline = new SessionPipeline("t" + ids.incrementAndGet(), request, sink, sound, feedback,
                    backends, PipelineSettings.DEFAULTS, RunningHost.LOG, stopped -> { });
            pipeline.start();
            started.add(pipeline);
            return failingStops ? new FailingStop(pipeline) : pipeline;
        }), codecs, backends::inputKinds);
    }
}
