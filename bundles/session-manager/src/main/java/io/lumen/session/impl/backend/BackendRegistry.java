package io.lumen.session.impl.backend;

import io.lumen.api.backend.BackendRole;
import io.lumen.api.backend.Probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The backends of one role currently registered, kept in preference order. Thread-safe: DS binds and unbinds
 * on framework threads while sessions select from their own.
 */
public final class BackendRegistry<T> {

    private final BackendRole role;
    private final List<Registration<T>> registrations = new ArrayList<>();

    public BackendRegistry(BackendRole role) {
        this.role = role;
    }

    public BackendRole role() {
        return role;
    }

    /** Adds or replaces (same service id) a registration. */
    public synchronized void put(Registration<T> registration) {
        registrations.removeIf(r -> r.serviceId() == registration.serviceId());
        registrations.add(registration);
        registrations.sort(Registration::compareByPreference);
    }

    /** Removes the registration of this service object; returns it if it was there. */
    public synchronized Optional<Registration<T>> remove(T service) {
        for (int i = 0; i < registrations.size(); i++) {
            if (registrations.get(i).service() == service) {
                return Optional.of(registrations.remove(i));
            }
        }
        return Optional.empty();
    }

    public synchronized List<Registration<T>> snapshot() {
        return List.copyOf(registrations);
    }

    public synchronized boolean contains(String id) {
        return registrations.stream().anyMatch(r -> r.id().equals(id));
    }

    /**
     * The backend a session should use: the preferred id when it is registered and available, else the
     * best-ranked available one that the filter accepts and that has not failed for this session.
     *
     * @param preferred  ids in order of preference (a per-session choice, then the configured pin); may be empty
     * @param failed     service ids that failed for the asking session; never chosen again by it
     */
    public Selection<T> select(List<String> preferred, Set<Long> failed, Predicate<Registration<T>> accepts) {
        List<Registration<T>> candidates = snapshot();
        List<String> skipped = new ArrayList<>();
        for (String id : preferred) {
            for (Registration<T> r : candidates) {
                if (r.id().equals(id) && !failed.contains(r.serviceId()) && accepts.test(r)) {
                    Probe probe = r.probeSafely();
                    if (probe.available()) {
                        return new Selection<>(Optional.of(r), "preferred " + id, List.copyOf(skipped));
                    }
                    skipped.add(id + " " + probe);
                }
            }
            if (candidates.stream().noneMatch(r -> r.id().equals(id))) {
                skipped.add(id + " not registered");
            }
        }
        for (Registration<T> r : candidates) {
            if (failed.contains(r.serviceId()) || !accepts.test(r)) {
                continue;
            }
            Probe probe = r.probeSafely();
            if (probe.available()) {
                return new Selection<>(Optional.of(r), "best ranking (" + r.ranking() + ")", List.copyOf(skipped));
            }
            skipped.add(r.id() + " " + probe);
        }
        return new Selection<>(Optional.empty(), "no available " + role.label(), List.copyOf(skipped));
    }

    /**
     * The outcome of a selection.
     *
     * @param why     why this one ("preferred x", "best ranking (50)")
     * @param skipped the preferred or better-ranked backends passed over and why, for the log
     */
    public record Selection<T>(Optional<Registration<T>> chosen, String why, List<String> skipped) {
    }
}
