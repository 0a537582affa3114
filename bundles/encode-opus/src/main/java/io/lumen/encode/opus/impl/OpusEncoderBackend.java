package io.lumen.encode.opus.impl;

import io.lumen.api.audio.AudioEncoderBackend;
import io.lumen.api.audio.AudioEncoderConfig;
import io.lumen.api.audio.AudioEncoderSession;
import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import org.osgi.service.component.annotations.Component;

/** The Opus encoder every Moonlight client decodes: the system's libopus. */
@Component(service = AudioEncoderBackend.class, property = "service.ranking:Integer=10")
public final class OpusEncoderBackend implements AudioEncoderBackend {

    private final Opus opus;
    /** The library was looked up once, when this bundle's classes loaded: the answer cannot change after. */
    private final Probe probe;

    public OpusEncoderBackend() {
        this(Opus.system());
    }

    OpusEncoderBackend(Opus opus) {
        this.opus = opus;
        this.probe = opus.isAvailable() ? Probe.ok() : Probe.unavailable(opus.unavailableReason().orElseThrow());
    }

    @Override
    public String id() {
        return "opus";
    }

    @Override
    public Probe probe() {
        return probe;
    }

    @Override
    public AudioEncoderSession open(AudioEncoderConfig config) throws BackendException {
        return OpusEncoderSession.open(opus, config);
    }
}
