package io.lumen.input.remotedesktop.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.input.InputBackend;
import io.lumen.api.input.InputFeedback;
import io.lumen.api.input.InputKind;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.KeyCodes;
import io.lumen.api.input.RemoteDesktops;
import io.lumen.api.session.StreamRequest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Injects a session's input into the desktop through the compositor's remote-desktop session linked to the cast
 * the session streams: Mutter's (capture-mutter) or the desktop portal's (capture-portal), each capture bundle
 * offering its casts' remote desktops as a {@link RemoteDesktops} service. A compositor places absolute positions
 * only on a stream of the same linked session, so this backend serves exactly the sessions that stream such a cast.
 * Ranked above uinput, so such a session takes it; any other session's open fails and the session manager passes
 * on to the next backend.
 * <p>
 * Every provider is bound dynamically and optionally: when a capture bundle is updated, its casts (and their remote
 * desktops) end and come back with the new bundle, while this backend and its sessions stay, dropping the events
 * in between and looking the new remote desktop up on the next event; the other providers' sessions go on.
 */
@Component(service = InputBackend.class, property = "service.ranking:Integer=60")
public final class RemoteDesktopInputBackend implements InputBackend {

    static final String ID = "remote-desktop";
    /** How long a probe's answer is reused: session listings probe often. */
    static final Duration PROBE_CACHE = Duration.ofSeconds(3);
    private static final System.Logger LOG = System.getLogger("lumen.input.remotedesktop");
    private static final Set<InputKind> KINDS = EnumSet.of(InputKind.KEY, InputKind.MOUSE_MOVE,
            InputKind.MOUSE_POSITION, InputKind.MOUSE_BUTTON, InputKind.SCROLL, InputKind.TEXT, InputKind.TOUCH);
    private static final String NO_PROVIDER = "no capture backend with a remote desktop is running (capture-mutter,"
            + " capture-portal): input goes through the remote desktop linked to their casts";

    private final IntUnaryOperator keyCodes;
    private final LongSupplier clock;
    private final List<RemoteDesktopInputSession> sessions = new CopyOnWriteArrayList<>();
    private final List<RemoteDesktopProvider> providers = new CopyOnWriteArrayList<>();
    private volatile CachedProbe cached;

    private record CachedProbe(long at, Probe probe) {
    }

    public RemoteDesktopInputBackend() {
        this(KeyCodes::linux, System::nanoTime);
    }

    /** Outside OSGi: tests pass their key table and clock, and bind the providers themselves. */
    RemoteDesktopInputBackend(IntUnaryOperator keyCodes, LongSupplier clock) {
        this.keyCodes = keyCodes;
        this.clock = clock;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRemoteDesktops(RemoteDesktops service, Map<String, Object> properties) {
        RemoteDesktopProvider provider = RemoteDesktopProvider.of(service, properties);
        providers.add(provider);
        cached = null;
        LOG.log(System.Logger.Level.INFO, "Remote-desktop input: " + provider.captureBackend() + "'s remote"
                + " desktops are here; its sessions find theirs on their next event");
    }

    void unbindRemoteDesktops(RemoteDesktops service, Map<String, Object> properties) {
        List<RemoteDesktopProvider> gone = providers.stream().filter(p -> p.service() == service).toList();
        providers.removeAll(gone);
        cached = null;
        for (RemoteDesktopProvider provider : gone) {
            sessions.forEach(session -> session.providerGone(provider));
            LOG.log(System.Logger.Level.INFO, "Remote-desktop input: " + provider.captureBackend() + "'s remote"
                    + " desktops went away; its sessions wait for them to return, " + providers.size()
                    + " other providers stay");
        }
    }

    @Activate
    void activate() {
        cached = null;
        Probe probe = probe();
        LOG.log(System.Logger.Level.INFO, "Remote-desktop input: " + (probe.available() ? probe.reason() : probe));
    }

    @Deactivate
    void deactivate() {
        sessions.forEach(RemoteDesktopInputSession::close);
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

    /** Available when any provider's compositor is reachable; the reason names those that are, or why none is. */
    private Probe probeNow() {
        List<RemoteDesktopProvider> bound = List.copyOf(providers);
        if (bound.isEmpty()) {
            return Probe.unavailable(NO_PROVIDER);
        }
        List<String> reachable = new ArrayList<>();
        List<String> not = new ArrayList<>();
        for (RemoteDesktopProvider provider : bound) {
            String availability = provider.availability();
            if ("ok".equals(availability)) {
                reachable.add(provider.captureBackend());
            } else {
                not.add(bound.size() == 1 ? availability : provider.captureBackend() + ": " + availability);
            }
        }
        return reachable.isEmpty() ? Probe.unavailable(String.join("; ", not))
                : new Probe(true, "reaches the desktop through the remote desktops of " + String.join(", ",
                reachable));
    }

    /**
     * Opens for a session that streams a cast with a remote desktop now, or whose capture is set to a provider's
     * backend (its cast may open after the input, or be between two casts); any other session's capture shows no
     * monitor a remote desktop could point at.
     */
    @Override
    public InputSession open(InputRequest request, InputFeedback feedback) throws BackendException {
        List<RemoteDesktopProvider> bound = List.copyOf(providers);
        if (bound.isEmpty()) {
            throw new BackendException(NO_PROVIDER);
        }
        String sessionId = request.sessionId();
        Optional<RemoteDesktopProvider> streaming = bound.stream()
                .filter(p -> p.remoteDesktop(sessionId).isPresent()).findFirst();
        String capture = request.options().getOrDefault(StreamRequest.CAPTURE_BACKEND, "").strip();
        Optional<RemoteDesktopProvider> named = bound.stream().filter(p -> p.captureBackend().equals(capture))
                .findFirst();
        Optional<RemoteDesktopProvider> chosen = streaming.or(() -> named);
        if (chosen.isEmpty()) {
            throw new BackendException("session " + sessionId + " streams no cast of " + bound.stream()
                    .map(RemoteDesktopProvider::captureBackend).collect(Collectors.joining(" or ")) + " (its capture"
                    + " is " + (capture.isEmpty() ? "the configured one" : "\"" + capture + "\"") + "): a remote"
                    + " desktop reaches only a monitor its own cast streams");
        }
        String description = "session " + sessionId + " of " + request.clientName();
        RemoteDesktopInputSession[] session = new RemoteDesktopInputSession[1];
        session[0] = new RemoteDesktopInputSession(sessionId, () -> List.copyOf(providers),
                chosen.get().captureBackend(), keyCodes, description, () -> sessions.remove(session[0]));
        sessions.add(session[0]);
        LOG.log(System.Logger.Level.INFO, "Remote-desktop input opened: " + description + (streaming.isPresent()
                ? ", streaming a " + chosen.get().captureBackend() + " cast"
                : ", its " + chosen.get().captureBackend() + " cast not open yet"));
        return session[0];
    }
}
