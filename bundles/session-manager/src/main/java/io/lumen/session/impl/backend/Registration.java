package io.lumen.session.impl.backend;

import io.lumen.api.backend.Probe;

import java.util.List;
import java.util.function.Supplier;

/**
 * One registered backend service as the session manager sees it. Holds the service object only while it is
 * registered: the registry drops it on unbind, so a departed bundle's classes are not kept reachable.
 *
 * @param serviceId    the framework's service.id, unique for the framework's lifetime
 * @param bundle       symbolic name of the registering bundle, for diagnostics
 * @param capabilities human-readable offers (codecs, limits)
 */
public record Registration<T>(T service, String id, int ranking, long serviceId, String bundle,
                              Supplier<Probe> probe, Supplier<List<String>> capabilities) {

    /** Higher ranking first; among equals the older service (lower id) first, as the framework orders them. */
    public static int compareByPreference(Registration<?> a, Registration<?> b) {
        int byRanking = Integer.compare(b.ranking, a.ranking);
        return byRanking != 0 ? byRanking : Long.compare(a.serviceId, b.serviceId);
    }

    /** Whether {@code a} and {@code b} are the same registered service (two nulls are: no backend either way). */
    public static boolean sameService(Registration<?> a, Registration<?> b) {
        return a == null ? b == null : b != null && a.serviceId() == b.serviceId();
    }

    /** Whether {@code registration} is the service with {@code serviceId} (a departing one); false for null. */
    public static boolean isService(Registration<?> registration, long serviceId) {
        return registration != null && registration.serviceId() == serviceId;
    }

    public Probe probeSafely() {
        try {
            return probe.get();
        } catch (RuntimeException | LinkageError e) {
            return Probe.unavailable("probe failed: " + e);
        }
    }
}
