package io.lumen.session.impl.backend;

import io.lumen.api.audio.AudioCaptureBackend;
import io.lumen.api.audio.AudioEncoderBackend;
import io.lumen.api.audio.AudioRequest;
import io.lumen.api.backend.BackendInfo;
import io.lumen.api.backend.BackendRole;
import io.lumen.api.capture.CaptureBackend;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.fec.FecCodec;
import io.lumen.api.input.InputBackend;
import io.lumen.api.input.InputKind;
import io.lumen.api.session.StreamRequest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Every registered backend by role, and the per-role pins (and the pinned capture's target) configuration sets. */
public final class Backends {

    private final BackendRegistry<CaptureBackend> captures = new BackendRegistry<>(BackendRole.CAPTURE);
    private final BackendRegistry<EncoderBackend> encoders = new BackendRegistry<>(BackendRole.ENCODER);
    private final BackendRegistry<FecCodec> fecCodecs = new BackendRegistry<>(BackendRole.FEC);
    private final BackendRegistry<AudioCaptureBackend> audioCaptures = new BackendRegistry<>(BackendRole.AUDIO_CAPTURE);
    private final BackendRegistry<AudioEncoderBackend> audioEncoders = new BackendRegistry<>(BackendRole.AUDIO_ENCODER);
    private final BackendRegistry<InputBackend> inputs = new BackendRegistry<>(BackendRole.INPUT);
    private volatile Map<BackendRole, String> pins = Map.of();
    private volatile String captureTarget = "";

    public BackendRegistry<CaptureBackend> captures() {
        return captures;
    }

    public BackendRegistry<EncoderBackend> encoders() {
        return encoders;
    }

    public BackendRegistry<FecCodec> fecCodecs() {
        return fecCodecs;
    }

    public BackendRegistry<AudioCaptureBackend> audioCaptures() {
        return audioCaptures;
    }

    public BackendRegistry<AudioEncoderBackend> audioEncoders() {
        return audioEncoders;
    }

    public BackendRegistry<InputBackend> inputs() {
        return inputs;
    }

    public Optional<String> pin(BackendRole role) {
        return Optional.ofNullable(pins.get(role));
    }

    /** Replaces the pins; blank ids mean "no pin". Returns the roles whose pin changed. */
    public Set<BackendRole> setPins(Map<BackendRole, String> newPins) {
        Map<BackendRole, String> cleaned = new EnumMap<>(BackendRole.class);
        newPins.forEach((role, id) -> {
            if (id != null && !id.isBlank()) {
                cleaned.put(role, id.trim());
            }
        });
        Map<BackendRole, String> old = pins;
        pins = Map.copyOf(cleaned);
        Set<BackendRole> changed = java.util.EnumSet.noneOf(BackendRole.class);
        for (BackendRole role : BackendRole.values()) {
            if (!java.util.Objects.equals(old.get(role), pins.get(role))) {
                changed.add(role);
            }
        }
        return changed;
    }

    /** What the pinned capture backend is to capture when a session names nothing itself. */
    public Optional<String> captureTarget() {
        return captureTarget.isEmpty() ? Optional.empty() : Optional.of(captureTarget);
    }

    /** Replaces the pinned capture's target; blank means none. Returns whether it changed. */
    public boolean setCaptureTarget(String target) {
        String cleaned = target == null ? "" : target.strip();
        boolean changed = !cleaned.equals(captureTarget);
        captureTarget = cleaned;
        return changed;
    }

    /**
     * The options {@code backendId} is opened with for {@code request}. A target names something of one backend
     * only: the request's own target goes to the backend the request names (or to any, when it names none), the
     * configured target to the pinned backend; a fallback gets neither, so it never sees another's node name.
     */
    public Map<String, String> captureOptions(StreamRequest request, String backendId) {
        Map<String, String> options = new HashMap<>(request.captureOptions());
        String requested = options.remove(StreamRequest.CAPTURE_BACKEND);
        if (requested != null && !requested.isBlank() && !requested.equals(backendId)) {
            options.remove(CaptureRequest.TARGET);
        }
        String target = captureTarget;
        if (!target.isEmpty() && backendId.equals(pins.get(BackendRole.CAPTURE))
                && !options.containsKey(CaptureRequest.TARGET)) {
            options.put(CaptureRequest.TARGET, target);
        }
        return Map.copyOf(options);
    }

    public BackendRegistry.Selection<CaptureBackend> selectCapture(StreamRequest request, Set<Long> failed) {
        List<String> preferred = new ArrayList<>(2);
        String perSession = request.captureOptions().get(StreamRequest.CAPTURE_BACKEND);
        if (perSession != null && !perSession.isBlank()) {
            preferred.add(perSession);
        }
        pin(BackendRole.CAPTURE).ifPresent(preferred::add);
        return captures.select(preferred, failed, r -> true);
    }

    public BackendRegistry.Selection<EncoderBackend> selectEncoder(StreamRequest request, Set<Long> failed) {
        List<String> preferred = pin(BackendRole.ENCODER).map(List::of).orElse(List.of());
        // a 10-bit (HDR) session needs an encoder that makes 10-bit pictures of its codec
        return encoders.select(preferred, failed, r -> r.service().codecs().contains(request.codec())
                && (!request.tenBit() || r.service().tenBitCodecs().contains(request.codec())));
    }

    /**
     * The audio capture: the request's own choice, then the pin, then the best ranking of those {@code standsIn}
     * accepts (a named choice is taken whatever it says).
     */
    public BackendRegistry.Selection<AudioCaptureBackend> selectAudioCapture(
            AudioRequest request, Set<Long> failed, Predicate<Registration<AudioCaptureBackend>> standsIn) {
        List<String> preferred = new ArrayList<>(2);
        String perSession = request.captureOptions().get(StreamRequest.CAPTURE_BACKEND);
        if (perSession != null && !perSession.isBlank()) {
            preferred.add(perSession);
        }
        pin(BackendRole.AUDIO_CAPTURE).ifPresent(preferred::add);
        return audioCaptures.select(preferred, failed, r -> preferred.contains(r.id()) || standsIn.test(r));
    }

    public BackendRegistry.Selection<AudioEncoderBackend> selectAudioEncoder(Set<Long> failed) {
        return audioEncoders.select(pin(BackendRole.AUDIO_ENCODER).map(List::of).orElse(List.of()), failed, r -> true);
    }

    public BackendRegistry.Selection<InputBackend> selectInput(Set<Long> failed) {
        return inputs.select(pin(BackendRole.INPUT).map(List::of).orElse(List.of()), failed, r -> true);
    }

    /** What a session started now would inject: the kinds of the input backend it would get. */
    public Set<InputKind> inputKinds() {
        return selectInput(Set.of()).chosen().map(r -> r.service().kinds()).orElse(Set.of());
    }

    /** What diagnostics list: every backend, roles in order, best first within a role. */
    public List<BackendInfo> describe() {
        List<BackendInfo> all = new ArrayList<>();
        for (BackendRegistry<?> registry : List.of(captures, encoders, audioCaptures, audioEncoders, inputs, fecCodecs)) {
            Optional<String> pinned = pin(registry.role());
            for (Registration<?> r : registry.snapshot()) {
                List<String> capabilities;
                try {
                    capabilities = r.capabilities().get();
                } catch (RuntimeException | LinkageError e) {
                    capabilities = List.of("capabilities failed: " + e);
                }
                all.add(new BackendInfo(registry.role(), r.id(), r.ranking(), r.probeSafely(), capabilities, r.bundle(),
                        pinned.filter(r.id()::equals).isPresent()));
            }
        }
        return all;
    }
}
