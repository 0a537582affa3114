package io.lumen.session.impl.command;

import io.lumen.api.backend.BackendInfo;
import io.lumen.api.backend.BackendRole;
import io.lumen.api.media.Codec;
import io.lumen.api.media.VideoMode;
import io.lumen.api.session.AudioStats;
import io.lumen.api.session.InputStats;
import io.lumen.api.session.SessionManager;
import io.lumen.api.session.SessionStats;
import io.lumen.api.session.StreamRequest;
import io.lumen.api.session.StreamSession;
import io.lumen.api.session.SwapEvent;
import io.lumen.session.impl.SessionConfig;
import io.lumen.session.impl.SessionManagerImpl;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code lumen:} shell commands: what operators see of backends and sessions, and how they steer them. */
@Component(service = LumenCommands.class, configurationPid = SessionManagerImpl.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {"osgi.command.scope=lumen", "osgi.command.function=backends", "osgi.command.function=sessions",
                "osgi.command.function=session", "osgi.command.function=use", "osgi.command.function=capture",
                "osgi.command.function=record"})
public final class LumenCommands {

    private static final System.Logger LOG = System.getLogger("lumen.session");
    private static final String PIN_PREFIX = "pin.";

    @Reference
    private SessionManager manager;

    @Reference
    private ConfigurationAdmin configurationAdmin;

    private volatile SessionConfig config;

    @Activate
    @Modified
    void configure(SessionConfig config) {
        this.config = config;
    }

    @Descriptor("list every backend per role: id, ranking, probe result, what it offers (* = pinned), fitted to the"
            + " terminal's width")
    public String backends(CommandSession session,
                           @Descriptor("show the probe reasons and offers whole (wrapped), not cut short")
                           @Parameter(names = {"-v", "--verbose"}, presentValue = "true", absentValue = "false")
                           boolean verbose) {
        Table table = new Table("ROLE", "ID", "RANKING", "PROBE", "OFFERS", "BUNDLE");
        for (BackendInfo info : manager.backends()) {
            table.row(info.role().label(), info.id() + (info.pinned() ? " *" : ""), info.ranking(), info.probe(),
                    info.capabilities().isEmpty() ? "-" : String.join("; ", info.capabilities()), info.bundle());
        }
        // the probe's reason, the offers and the bundle's name give way; role, id and ranking stay whole
        StringBuilder out = new StringBuilder(table.fit(ShellWidth.of(session), verbose, 3, 4, 5));
        for (BackendRole role : BackendRole.values()) {
            manager.pinned(role).ifPresent(id -> out.append(role.label()).append(" pinned to ").append(id)
                    .append(manager.backends().stream().anyMatch(b -> b.role() == role && b.id().equals(id))
                            ? "" : " (not registered: best ranking used meanwhile)").append('\n'));
        }
        return out.toString();
    }

    @Descriptor("list live sessions and their pipelines")
    public String sessions() {
        List<StreamSession> all = manager.sessions();
        if (all.isEmpty()) {
            return "no sessions\n";
        }
        Table table = new Table("ID", "CLIENT", "MODE", "CODEC", "STATE", "CAPTURE", "ENCODER", "FPS", "KBPS",
                "DROPPED", "KEYFRAMES", "AUDIO", "INPUT", "SWAPS");
        for (StreamSession session : all) {
            SessionStats s = session.stats();
            StreamRequest r = session.request();
            AudioStats a = s.audio();
            table.row(session.id(), r.client(), r.mode(), r.codec(), s.state(), s.captureBackend(), s.encoderBackend(),
                    String.format(Locale.ROOT, "%.1f", s.fps()), s.bitrateBps() / 1000, s.framesDropped(),
                    s.keyframes(), a == null ? "-" : r.audio().format().layoutName() + " " + a.captureBackend() + "/"
                            + a.encoderBackend(), s.input() == null ? "-" : s.input().backend(), s.swaps().size());
        }
        return table.toString();
    }

    @Descriptor("show one session's pipeline: backends, rates, counters, every swap and the stall it caused")
    public String session(@Descriptor("session id, as lumen:sessions lists it") String id) {
        StreamSession session = manager.session(id).orElseThrow(() ->
                new IllegalArgumentException("no session '" + id + "' (lumen:sessions lists them)"));
        SessionStats s = session.stats();
        StreamRequest r = session.request();
        StringBuilder out = new StringBuilder();
        line(out, "session", session.id() + " for " + r.client() + ", started " + session.started());
        line(out, "state", s.state());
        line(out, "requested", r.mode() + " " + r.codec() + " " + r.bitrateKbps() + " kbps, " + r.slices() + " slice(s)"
                + (r.tenBit() ? ", 10-bit" : ""));
        line(out, "capture", s.captureBackend());
        line(out, "encoder", s.encoderBackend());
        line(out, "rate", String.format(Locale.ROOT, "%.1f fps, %d kbps", s.fps(), s.bitrateBps() / 1000));
        line(out, "frames", s.framesCaptured() + " captured, " + s.framesEncoded() + " encoded, " + s.framesDropped()
                + " dropped, " + s.keyframes() + " keyframes, " + s.bytesSent() + " bytes sent");
        for (Map.Entry<String, Object> entry : s.captureStats().entrySet()) {
            line(out, "  " + entry.getKey(), String.valueOf(entry.getValue()));
        }
        AudioStats audio = s.audio();
        if (audio != null) {
            line(out, "audio", audio.captureBackend() + " -> " + audio.encoderBackend() + ", " + audio.encoding());
            line(out, "  packets", audio.packets() + " sent (" + audio.silencePackets() + " of silence), "
                    + audio.droppedTotal() + " dropped" + (r.audio().hostPlaysToo() ? "; the host plays too" : ""));
            line(out, "  latency", audio.latencyP50Nanos() < 0 ? "no captured sound sent yet"
                    : String.format(Locale.ROOT, "capture to send p50 %.1f ms, p99 %.1f ms (packets of %d ms)%s",
                    audio.latencyP50Nanos() / 1e6, audio.latencyP99Nanos() / 1e6, r.audio().encoding().packetMillis(),
                    audio.syncNanos() > 0 ? String.format(Locale.ROOT, ", held %.1f ms after capture to leave with"
                            + " its pictures", audio.syncNanos() / 1e6) : ""));
            audio.dropped().forEach((reason, count) -> line(out, "  dropped: " + reason, String.valueOf(count)));
            audio.captureStats().forEach((key, value) -> line(out, "  " + key, String.valueOf(value)));
        }
        InputStats input = s.input();
        if (input != null) {
            line(out, "input", input.backend() + ", " + input.injectedTotal() + " events injected, "
                    + input.droppedTotal() + " not injected");
            line(out, "  injected", input.injected().isEmpty() ? "none yet" : describe(input.injected()));
            input.dropped().forEach((reason, count) -> line(out, "  dropped: " + reason, String.valueOf(count)));
            line(out, "  latency", input.latencyP50Nanos() < 0 ? "no event injected yet"
                    : String.format(Locale.ROOT, "arrival to injected p50 %.3f ms, p99 %.3f ms",
                    input.latencyP50Nanos() / 1e6, input.latencyP99Nanos() / 1e6));
            if (!input.feedback().isEmpty()) {
                line(out, "  to the pads", describe(input.feedback()));
            }
            line(out, "  held", input.held().isEmpty() ? "nothing" : String.join(", ", input.held()));
        }
        if (!s.sinkStats().isEmpty()) {
            line(out, "stream", "");
            for (Map.Entry<String, Object> entry : s.sinkStats().entrySet()) {
                line(out, "  " + entry.getKey(), String.valueOf(entry.getValue()));
            }
        }
        line(out, "swaps", String.valueOf(s.swaps().size()));
        for (SwapEvent swap : s.swaps()) {
            out.append(String.format(Locale.ROOT, "  %s %-13s %s -> %s, stall %s: %s%n", swap.at(), swap.role().label(),
                    swap.from(), swap.to(), swap.stall().map(d -> millis(d) + (swap.timing() == SwapEvent.StallTiming.SENT ? " (sent)" : " (handed on)"))
                            .orElse("pending"), swap.reason()));
        }
        return out.toString();
    }

    @Descriptor("pin the backend of a role for every session (persisted); 'auto' removes the pin")
    public String use(@Descriptor("capture, encoder, audio-capture, audio-encoder, input, or audio (the role of the id)")
                      String role,
                      @Descriptor("backend id as lumen:backends lists it, or auto") String backendId) throws IOException {
        BackendRole parsed = role.strip().equalsIgnoreCase("audio") ? audioRole(backendId) : BackendRole.parse(role);
        if (parsed == BackendRole.FEC) {
            throw new IllegalArgumentException("fec codecs are chosen by the protocol, not pinned per session");
        }
        return pin(parsed, backendId, "", "lumen:use " + parsed.label() + " " + backendId);
    }

    /** The audio role whose backends include {@code backendId}; 'auto' with plain "audio" is ambiguous. */
    private BackendRole audioRole(String backendId) {
        List<BackendRole> roles = manager.backends().stream().filter(b -> b.role().audio() && b.id().equals(backendId))
                .map(BackendInfo::role).distinct().toList();
        if (roles.size() == 1) {
            return roles.get(0);
        }
        throw new IllegalArgumentException(roles.isEmpty()
                ? "no audio backend '" + backendId + "'; registered: " + manager.backends().stream()
                        .filter(b -> b.role().audio()).map(b -> b.role().label() + " " + b.id()).toList()
                        + " (to unpin, name the role: lumen:use audio-capture auto)"
                : "'" + backendId + "' is both an audio capture and an audio encoder: name the role");
    }

    @Descriptor("show the capture pin and its target")
    public String capture() throws IOException {
        Dictionary<String, Object> properties = configuration().getProperties();
        Object pinned = properties == null ? null : properties.get(PIN_PREFIX + BackendRole.CAPTURE.label());
        Object target = properties == null ? null : properties.get(SessionManagerImpl.CAPTURE_TARGET);
        return (pinned == null ? "capture not pinned: best ranking wins" : "capture pinned to " + pinned)
                + (target == null ? ", no target" : ", target " + target) + "\n";
    }

    @Descriptor("pin the capture backend for every session (persisted), capturing its default; 'auto' removes the pin")
    public String capture(@Descriptor("capture backend id as lumen:backends lists it, or auto") String backendId)
            throws IOException {
        return capture(backendId, "");
    }

    @Descriptor("pin the capture backend for every session (persisted) and name what it captures")
    public String capture(@Descriptor("capture backend id as lumen:backends lists it") String backendId,
                          @Descriptor("what to capture: a PipeWire node id or name, a window, an output") String target)
            throws IOException {
        return pin(BackendRole.CAPTURE, backendId, target.strip(),
                "lumen:capture " + backendId + (target.isBlank() ? "" : " " + target.strip()));
    }

    /**
     * Pins (or with 'auto' unpins) {@code role} in one configuration update. A capture pin always sets its target
     * along: a target names something of one backend, so pinning another backend without one clears it.
     */
    private String pin(BackendRole role, String backendId, String captureTarget, String command) throws IOException {
        boolean unpin = backendId.equalsIgnoreCase("auto") || backendId.equalsIgnoreCase("none");
        if (unpin && !captureTarget.isEmpty()) {
            throw new IllegalArgumentException("'" + backendId + "' unpins and takes no target");
        }
        if (!unpin) {
            List<String> known = manager.backends().stream().filter(b -> b.role() == role).map(BackendInfo::id).toList();
            if (!known.contains(backendId)) {
                throw new IllegalArgumentException("no " + role.label() + " backend '" + backendId + "'; registered: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)) + " (or 'auto' to unpin)");
            }
        }
        Configuration configuration = configuration();
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        String key = PIN_PREFIX + role.label();
        if (unpin) {
            properties.remove(key);
        } else {
            properties.put(key, backendId);
        }
        if (role == BackendRole.CAPTURE) {
            if (captureTarget.isEmpty()) {
                properties.remove(SessionManagerImpl.CAPTURE_TARGET);
            } else {
                properties.put(SessionManagerImpl.CAPTURE_TARGET, captureTarget);
            }
        }
        configuration.update(properties);
        LOG.log(System.Logger.Level.INFO, command + " (from the shell)");
        int live = manager.sessions().size();
        String target = captureTarget.isEmpty() ? "" : ", target " + captureTarget;
        return (unpin ? role.label() + " unpinned: best ranking wins" : role.label() + " pinned to " + backendId + target)
                + " (persisted); " + live + " live session(s) switch\n";
    }

    private Configuration configuration() throws IOException {
        return configurationAdmin.getConfiguration(SessionManagerImpl.PID, "?");
    }

    @Descriptor("record a session of the default capture and encoder into an Annex-B file ffmpeg/ffprobe read")
    public String record(
            @Descriptor("mode WxHxFPS (default from configuration, 1280x720x60)")
            @Parameter(names = {"-m", "--mode"}, absentValue = "") String mode,
            @Descriptor("bitrate in kbps (default from configuration, 10000)")
            @Parameter(names = {"-b", "--bitrate"}, absentValue = "0") int bitrateKbps,
            @Descriptor("codec: h264, hevc or av1 (default h264)")
            @Parameter(names = {"-c", "--codec"}, absentValue = "h264") String codec,
            @Descriptor("seconds to record") int seconds,
            @Descriptor("file to write") String file) throws IOException, InterruptedException {
        if (seconds <= 0 || seconds > 24 * 3600) {
            throw new IllegalArgumentException("seconds must be between 1 and 86400: " + seconds);
        }
        SessionConfig defaults = config;
        VideoMode videoMode = VideoMode.parse(mode.isBlank() ? defaults.record_mode() : mode);
        int kbps = bitrateKbps > 0 ? bitrateKbps : defaults.record_bitrate_kbps();
        Codec videoCodec = Codec.valueOf(codec.trim().toUpperCase(Locale.ROOT));
        StreamRequest request = new StreamRequest("record " + Path.of(file).getFileName(), videoMode, videoCodec, kbps,
                1, false, Map.of());
        AnnexBFileSink sink = new AnnexBFileSink(Path.of(file));
        StreamSession session = manager.start(request, sink);
        SessionStats last;
        try {
            Thread.sleep(Duration.ofSeconds(seconds));
        } finally {
            last = session.stats();
            session.stop();
            sink.close();
        }
        return String.format(Locale.ROOT, "recorded %d pictures (%d keyframes, %d bytes) of %s %s in %d s to %s%n"
                        + "session %s: capture %s, encoder %s, %d dropped, %d swaps%n",
                sink.pictures(), sink.keyframes(), sink.bytes(), videoMode, videoCodec, seconds, sink.target(),
                session.id(), last.captureBackend(), last.encoderBackend(), last.framesDropped(), last.swaps().size());
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "%-12s %s%n", label + ":", value));
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }

    /** "key 12, mouse move 300". */
    private static String describe(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
