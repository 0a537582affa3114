package io.lumen.capture.synthetic.impl.audio;

import io.lumen.api.audio.AudioCaptureBackend;
import io.lumen.api.audio.AudioCaptureRequest;
import io.lumen.api.audio.AudioCaptureSession;
import io.lumen.api.audio.PcmSink;
import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.capture.synthetic.tone.BeepSignal;
import org.osgi.service.component.annotations.Component;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The audio capture that works everywhere: {@link BeepSignal}'s beeps on every second of the capture clock (a tone,
 * 440 Hz by default, option {@value BeepSignal#HZ_OPTION} for others). Ranked lowest so any real capture wins.
 */
@Component(service = AudioCaptureBackend.class, property = "service.ranking:Integer=0")
public final class SyntheticAudioBackend implements AudioCaptureBackend {

    private final AtomicInteger sessions = new AtomicInteger();

    @Override
    public String id() {
        return "synthetic-audio";
    }

    @Override
    public Probe probe() {
        return Probe.ok();
    }

    @Override
    public AudioCaptureSession open(AudioCaptureRequest request, PcmSink sink) throws BackendException {
        BeepSignal signal;
        try {
            signal = BeepSignal.parse(request.options().get(BeepSignal.HZ_OPTION), request.format().channels());
        } catch (IllegalArgumentException e) {
            throw new BackendException("synthetic audio: " + e.getMessage(), e);
        }
        return new SyntheticAudioSession(request, signal, sink, "lumen-synthetic-audio-" + sessions.incrementAndGet());
    }
}
