package io.lumen.session.impl;

import io.lumen.api.audio.AudioCaptureBackend;
import io.lumen.api.audio.AudioEncoderBackend;
import io.lumen.api.audio.AudioPacketSink;
import io.lumen.api.backend.Backend;
import io.lumen.api.backend.BackendInfo;
import io.lumen.api.backend.BackendRole;
import io.lumen.api.backend.Probe;
import io.lumen.api.capture.CaptureBackend;
import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.fec.FecCodec;
import io.lumen.api.fec.FecLimits;
import io.lumen.api.input.InputBackend;
import io.lumen.api.input.InputFeedback;
import io.lumen.api.media.AccessUnitSink;
import io.lumen.api.session.SessionManager;
import io.lumen.api.session.StreamRequest;
import io.lumen.api.session.StreamSession;
import io.lumen.session.impl.backend.BackendRegistry;
import io.lumen.session.impl.backend.Backends;
import io.lumen.session.impl.backend.Registration;
import io.lumen.session.impl.pipeline.PipelineSettings;
import io.lumen.session.impl.pipeline.SessionPipeline;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

import java.util.EnumMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the sessions and keeps the backends of every role bound dynamically and greedily, so a better backend
 * that arrives, a departing one and a changed pin all swap underneath live sessions.
 */
@Component(service = SessionManager.class, configurationPid = SessionManagerImpl.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = SessionConfig.class)
public final class SessionManagerImpl implements SessionManager {

    public static final String PID = "io.lumen.session";
    /** The property {@link SessionConfig#capture_target()} is read from. */
    public static final String CAPTURE_TARGET = "capture.target";

    private static final System.Logger LOG = System.getLogger("lumen.session");

    private final Backends backends = new Backends();
    private final Map<String, SessionPipeline> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger sessionNumbers = new AtomicInteger();
    /** After deactivation SCR unbinds every backend: that is the manager leaving, not the backends. */
    private volatile boolean deactivated;
    private volatile PipelineSettings settings = PipelineSettings.DEFAULTS;

    @Activate
    void activate(SessionConfig config) {
        settings = settingsOf(config);
        applyPins(config, "configuration");
        LOG.log(System.Logger.Level.INFO, "session manager ready: " + backends.captures().snapshot().size()
                + " capture, " + backends.encoders().snapshot().size() + " encoder, "
                + backends.audioCaptures().snapshot().size() + " audio capture, "
                + backends.audioEncoders().snapshot().size() + " audio encoder and "
                + backends.inputs().snapshot().size() + " input backends");
    }

    @Modified
    void modified(SessionConfig config) {
        // for the sessions that start from now on
        settings = settingsOf(config);
        for (BackendRole role : applyPins(config, "a configuration change")) {
            String reason = backends.pin(role).isPresent() ? pinDescription(role) + " by configuration"
                    : "pin removed by configuration";
            sessions.values().forEach(s -> s.reselect(role, reason, -1));
        }
    }

    private static PipelineSettings settingsOf(SessionConfig config) {
        int refreshMillis = config.video_intra_refresh_ms();
        if (refreshMillis < 0 || refreshMillis > 10_000) {
            LOG.log(System.Logger.Level.WARNING, "video.intra.refresh.ms=" + refreshMillis + " is not 0 to 10000;"
                    + " using " + PipelineSettings.DEFAULT_INTRA_REFRESH_MILLIS);
            refreshMillis = PipelineSettings.DEFAULT_INTRA_REFRESH_MILLIS;
        }
        return new PipelineSettings(config.audio_sync_max_ms(), config.video_repeat_idle(), refreshMillis);
    }

    @Deactivate
    void deactivate() {
        deactivated = true;
        List.copyOf(sessions.values()).forEach(SessionPipeline::stop);
        LOG.log(System.Logger.Level.INFO, "session manager stopped");
    }

    /** Returns the roles whose choice may differ now: a changed pin, or a changed target of the capture pin. */
    private java.util.Set<BackendRole> applyPins(SessionConfig config, String source) {
        Map<BackendRole, String> pins = new EnumMap<>(BackendRole.class);
        pins.put(BackendRole.CAPTURE, config.pin_capture());
        pins.put(BackendRole.ENCODER, config.pin_encoder());
        pins.put(BackendRole.AUDIO_CAPTURE, config.pin_audio$_$capture());
        pins.put(BackendRole.AUDIO_ENCODER, config.pin_audio$_$encoder());
        pins.put(BackendRole.INPUT, config.pin_input());
        java.util.Set<BackendRole> changed = java.util.EnumSet.noneOf(BackendRole.class);
        changed.addAll(backends.setPins(pins));
        if (backends.setCaptureTarget(config.capture_target())) {
            changed.add(BackendRole.CAPTURE);
        }
        for (BackendRole role : changed) {
            LOG.log(System.Logger.Level.INFO, role.label() + " " + pinDescription(role) + " by " + source);
        }
        return changed;
    }

    private String pinDescription(BackendRole role) {
        String target = role == BackendRole.CAPTURE
                ? backends.captureTarget().map(t -> ", target " + t).orElse("") : "";
        return backends.pin(role).map(id -> "pinned to " + id + target)
                .orElse("not pinned (best ranking wins)" + target);
    }

    @Override
    public StreamSession start(StreamRequest request, AccessUnitSink sink) {
        return startPipeline(request, sink, null, null);
    }

    private StreamSession startPipeline(StreamRequest request, AccessUnitSink sink, AudioPacketSink audio,
                                        InputFeedback feedback) {
        String id = "s" + sessionNumbers.incrementAndGet();
        SessionPipeline pipeline = new SessionPipeline(id, request, sink, audio, feedback, backends, settings, LOG,
                p -> sessions.remove(p.id()));
        sessions.put(id, pipeline);
        pipeline.start();
        return pipeline;
    }

    @Override
    public StreamSession start(StreamRequest request, AccessUnitSink sink, AudioPacketSink audio) {
        return startPipeline(request, sink, java.util.Objects.requireNonNull(audio, "audio"), null);
    }

    @Override
    public StreamSession start(StreamRequest request, AccessUnitSink sink, AudioPacketSink audio,
                               InputFeedback feedback) {
        return startPipeline(request, sink, audio, java.util.Objects.requireNonNull(feedback, "feedback"));
    }

    @Override
    public List<StreamSession> sessions() {
        return sessions.values().stream().sorted(java.util.Comparator.comparing(StreamSession::started))
                .map(StreamSession.class::cast).toList();
    }

    @Override
    public Optional<StreamSession> session(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public List<BackendInfo> backends() {
        return backends.describe();
    }

    @Override
    public java.util.Set<io.lumen.api.input.InputKind> inputKinds() {
        return backends.inputKinds();
    }

    @Override
    public Optional<String> pinned(BackendRole role) {
        return backends.pin(role);
    }

    // --- capture backends -------------------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, service = CaptureBackend.class,
            unbind = "unbindCapture", updated = "updatedCapture")
    void bindCapture(CaptureBackend backend, ServiceReference<CaptureBackend> ref) {
        arrived(backends.captures(), registration(backend, ref, backend::probe, List::of), BackendRole.CAPTURE);
    }

    void updatedCapture(CaptureBackend backend, ServiceReference<CaptureBackend> ref) {
        arrived(backends.captures(), registration(backend, ref, backend::probe, List::of), BackendRole.CAPTURE);
    }

    void unbindCapture(CaptureBackend backend, ServiceReference<CaptureBackend> ref) {
        departed(backends.captures(), backend, ref, BackendRole.CAPTURE);
    }

    // --- encoder backends -------------------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, service = EncoderBackend.class,
            unbind = "unbindEncoder", updated = "updatedEncoder")
    void bindEncoder(EncoderBackend backend, ServiceReference<EncoderBackend> ref) {
        arrived(backends.encoders(), registration(backend, ref, backend::probe, () -> encoderCapabilities(backend)),
                BackendRole.ENCODER);
    }

    void updatedEncoder(EncoderBackend backend, ServiceReference<EncoderBackend> ref) {
        bindEncoder(backend, ref);
    }

    void unbindEncoder(EncoderBackend backend, ServiceReference<EncoderBackend> ref) {
        departed(backends.encoders(), backend, ref, BackendRole.ENCODER);
    }

    /** Codecs, then the profiles and bit depths (a backend from before api 1.2 names no profiles), then inputs. */
    private static List<String> encoderCapabilities(EncoderBackend backend) {
        List<String> offers = new ArrayList<>();
        offers.add("codecs " + backend.codecs());
        List<String> profiles = backend.profiles();
        if (!profiles.isEmpty()) {
            offers.add("profiles " + profiles);
        } else if (!backend.tenBitCodecs().isEmpty()) {
            offers.add("10-bit " + backend.tenBitCodecs());
        }
        offers.add("input " + backend.inputFormats());
        return List.copyOf(offers);
    }

    // --- audio capture and encoder backends ------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, service = AudioCaptureBackend.class,
            unbind = "unbindAudioCapture", updated = "bindAudioCapture")
    void bindAudioCapture(AudioCaptureBackend backend, ServiceReference<AudioCaptureBackend> ref) {
        arrived(backends.audioCaptures(), registration(backend, ref, backend::probe, List::of),
                BackendRole.AUDIO_CAPTURE);
    }

    void unbindAudioCapture(AudioCaptureBackend backend, ServiceReference<AudioCaptureBackend> ref) {
        departed(backends.audioCaptures(), backend, ref, BackendRole.AUDIO_CAPTURE);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, service = AudioEncoderBackend.class,
            unbind = "unbindAudioEncoder", updated = "bindAudioEncoder")
    void bindAudioEncoder(AudioEncoderBackend backend, ServiceReference<AudioEncoderBackend> ref) {
        arrived(backends.audioEncoders(), registration(backend, ref, backend::probe, List::of),
                BackendRole.AUDIO_ENCODER);
    }

    void unbindAudioEncoder(AudioEncoderBackend backend, ServiceReference<AudioEncoderBackend> ref) {
        departed(backends.audioEncoders(), backend, ref, BackendRole.AUDIO_ENCODER);
    }

    // --- input backends ---------------------------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, service = InputBackend.class,
            unbind = "unbindInput", updated = "bindInput")
    void bindInput(InputBackend backend, ServiceReference<InputBackend> ref) {
        arrived(backends.inputs(), registration(backend, ref, backend::probe, () -> inputCapabilities(backend)),
                BackendRole.INPUT);
    }

    void unbindInput(InputBackend backend, ServiceReference<InputBackend> ref) {
        departed(backends.inputs(), backend, ref, BackendRole.INPUT);
    }

    private static List<String> inputCapabilities(InputBackend backend) {
        return List.of(backend.kinds().stream().sorted().map(io.lumen.api.input.InputKind::label)
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    // --- FEC codecs (listed here; the protocol bundle uses them) ---------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, service = FecCodec.class,
            unbind = "unbindFec")
    void bindFec(FecCodec codec, ServiceReference<FecCodec> ref) {
        FecLimits limits = codec.limits();
        Registration<FecCodec> registration = new Registration<>(codec, codec.id(), ranking(ref), serviceId(ref),
                bundleName(ref), Probe::ok, () -> List.of("originals <= " + limits.maxOriginalShards(),
                "recovery <= " + limits.maxRecoveryShards(), "total <= " + limits.maxTotalShards(),
                "shard size multiple of " + limits.shardSizeMultiple()));
        backends.fecCodecs().put(registration);
        LOG.log(System.Logger.Level.INFO, "fec " + codec.id() + " registered (bundle " + registration.bundle() + ")");
    }

    void unbindFec(FecCodec codec, ServiceReference<FecCodec> ref) {
        backends.fecCodecs().remove(codec).ifPresent(r ->
                LOG.log(System.Logger.Level.INFO, "fec " + r.id() + " departed (" + departure(ref) + ")"));
    }

    // --- shared --------------------------------------------------------------------------------------------------

    private static <T extends Backend> Registration<T> registration(T backend, ServiceReference<T> ref,
                                                                    Supplier<Probe> probe,
                                                                    Supplier<List<String>> capabilities) {
        return new Registration<>(backend, backend.id(), ranking(ref), serviceId(ref), bundleName(ref), probe, capabilities);
    }

    private <T> void arrived(BackendRegistry<T> registry, Registration<T> registration, BackendRole role) {
        registry.put(registration);
        LOG.log(System.Logger.Level.INFO, role.label() + " " + registration.id() + " registered (ranking "
                + registration.ranking() + ", " + registration.probeSafely() + ", bundle " + registration.bundle() + ")");
        String reason = role.label() + " " + registration.id() + " arrived with ranking " + registration.ranking();
        sessions.values().forEach(s -> s.reselect(role, reason, -1));
    }

    /** Runs in the unbind: the sessions close the departing backend's sessions before the bundle goes. */
    private <T> void departed(BackendRegistry<T> registry, T backend, ServiceReference<T> ref, BackendRole role) {
        Optional<Registration<T>> removed = registry.remove(backend);
        if (removed.isEmpty() || deactivated) {
            return;
        }
        String reason = role.label() + " " + removed.get().id() + " departed (" + departure(ref) + ")";
        LOG.log(System.Logger.Level.INFO, reason);
        sessions.values().forEach(s -> s.reselect(role, reason, removed.get().serviceId()));
    }

    private static String departure(ServiceReference<?> ref) {
        Bundle bundle = ref.getBundle();
        if (bundle == null) {
            return "service unregistered";
        }
        String name = bundle.getSymbolicName();
        return switch (bundle.getState()) {
            case Bundle.STOPPING -> "bundle " + name + " stopping";
            case Bundle.UNINSTALLED -> "bundle " + name + " uninstalled";
            default -> "service of bundle " + name + " withdrawn";
        };
    }

    private static int ranking(ServiceReference<?> ref) {
        return ref.getProperty(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }

    private static long serviceId(ServiceReference<?> ref) {
        return ref.getProperty(Constants.SERVICE_ID) instanceof Long l ? l : -1;
    }

    private static String bundleName(ServiceReference<?> ref) {
        Bundle bundle = ref.getBundle();
        return bundle == null ? "?" : bundle.getSymbolicName();
    }
}
