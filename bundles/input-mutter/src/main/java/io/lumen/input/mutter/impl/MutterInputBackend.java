package io.lumen.input.mutter.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.input.InputBackend;
import io.lumen.api.input.InputFeedback;
import io.lumen.api.input.InputKind;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.KeyCodes;
import io.lumen.api.session.StreamRequest;
import io.lumen.capture.mutter.MutterCasts;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

/**
 * Injects a session's input into GNOME's Mutter through the remote-desktop session capture-mutter links to the
 * session's cast: Mutter places absolute positions only on a stream of the same linked session, so this backend
 * serves exactly the sessions that stream a Mutter cast. Ranked above uinput, so such a session takes it; any other
 * session's open fails and the session manager passes on to the next backend.
 * <p>
 * capture-mutter is bound dynamically and optionally: when it is updated, its casts (and their remote desktops)
 * end and come back with the new bundle, while this backend and its sessions stay, dropping the events in between
 * and looking the new remote desktop up on the next event.
 */
@Component(service = InputBackend.class, property = "service.ranking:Integer=60")
public final class MutterInputBackend implements InputBackend {

    static final String ID = "mutter-remote-desktop";
    /** The capture backend id whose casts this backend follows ({@code capture = mutter}). */
    static final String CAPTURE_ID = "mutter";
    /** How long a probe's answer is reused: session listings probe often. */
    static final Duration PROBE_CACHE = Duration.ofSeconds(3);
    private static final System.Logger LOG = System.getLogger("lumen.input.mutter");
    private static final Set<InputKind> KINDS = EnumSet.of(InputKind.KEY, InputKind.MOUSE_MOVE,
            InputKind.MOUSE_POSITION, InputKind.MOUSE_BUTTON, InputKind.SCROLL, InputKind.TEXT, InputKind.TOUCH);

    private final IntUnaryOperator keyCodes;
    private final LongSupplier clock;
    private final List<MutterInputSession> sessions = new CopyOnWriteArrayList<>();
    private volatile MutterCasts casts;
    private volatile CachedProbe cached;

    private record CachedProbe(long at, Probe probe) {
    }

    public MutterInputBackend() {
        this(KeyCodes::linux, System::nanoTime);
    }

    /** Outside OSGi: tests pass their key table and clock, and bind the casts themselves. */
    MutterInputBackend(IntUnaryOperator keyCodes, LongSupplier clock) {
        this.keyCodes = keyCodes;
        this.clock = clock;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCasts(MutterCasts service) {
        casts = service;
        cached = null;
        LOG.log(System.Logger.Level.INFO, "Mutter input: capture-mutter's casts are here; sessions find their remote"
                + " desktop on their next event");
    }

    void unbindCasts(MutterCasts service) {
        if (casts == service) {
            casts = null;
        }
        cached = null;
        sessions.forEach(session -> session.castsGone(service));
        LOG.log(System.Logger.Level.INFO, "Mutter input: capture-mutter's casts went away; " + sessions.size()
                + " sessions wait for them to return");
    }

    @Activate
    void activate() {
        cached = null;
        LOG.log(System.Logger.Level.INFO, "Mutter remote-desktop input: " + probe());
    }

    @Deactivate
    void deactivate() {
        sessions.forEach(MutterInputSession::close);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<InputKind> kinds() {
        return KINDS;
    }

    @Override
    public Probe probe() {
        CachedProbe last = cached;
        long now = clock.getAsLong();
        if (last != null && now - last.at() < PROBE_CACHE.toNanos()) {
            return last.probe();
        }
        Probe probe = probeNow();
        cached = new CachedProbe(now, probe);
        return probe;
    }

    private Probe probeNow() {
        MutterCasts service = casts;
        if (service == null) {
            return Probe.unavailable("capture-mutter is not running (input goes through the remote desktop linked"
                    + " to its casts)");
        }
        String availability;
        try {
            availability = service.availability();
        } catch (RuntimeException e) {
            return Probe.unavailable("capture-mutter could not tell whether Mutter is there: " + e);
        }
        return "ok".equals(availability) ? Probe.ok() : Probe.unavailable(availability);
    }

    /**
     * Opens for a session that streams a Mutter cast now, or whose capture is set to Mutter's (its cast may open
     * after the input, or be between two casts); any other session's capture shows no Mutter monitor to point at.
     */
    @Override
    public InputSession open(InputRequest request, InputFeedback feedback) throws BackendException {
        MutterCasts service = casts;
        if (service == null) {
            throw new BackendException("capture-mutter is not running: Mutter's remote desktop is reached through"
                    + " its casts");
        }
        boolean streaming = service.remoteDesktop(request.sessionId()).isPresent();
        String capture = request.options().getOrDefault(StreamRequest.CAPTURE_BACKEND, "").strip();
        if (!streaming && !capture.equals(CAPTURE_ID)) {
            throw new BackendException("session " + request.sessionId() + " streams no Mutter cast (its capture is "
                    + (capture.isEmpty() ? "the configured one" : "\"" + capture + "\"") + "): Mutter's remote"
                    + " desktop reaches only a monitor its own cast streams");
        }
        String description = "session " + request.sessionId() + " of " + request.clientName();
        MutterInputSession[] session = new MutterInputSession[1];
        session[0] = new MutterInputSession(request.sessionId(), () -> Optional.ofNullable(casts), keyCodes,
                description, () -> sessions.remove(session[0]));
        sessions.add(session[0]);
        LOG.log(System.Logger.Level.INFO, "Mutter input opened: " + description + (streaming ? ", streaming a Mutter"
                + " cast" : ", its Mutter cast not open yet"));
        return session[0];
    }
}
