package io.lumen.input.remotedesktop.impl;

import io.lumen.api.input.RemoteDesktop;
import io.lumen.api.input.RemoteDesktops;

import java.util.Map;
import java.util.Optional;

/**
 * One bound {@link RemoteDesktops} service (a capture bundle's: capture-mutter's, capture-portal's) and the capture
 * backend whose casts it holds, from its {@value RemoteDesktops#CAPTURE_BACKEND} property. A provider that throws is
 * one going away (its bundle stopping mid-call): that counts as no remote desktop, never as a failure of the session.
 */
record RemoteDesktopProvider(RemoteDesktops service, String captureBackend) {

    static RemoteDesktopProvider of(RemoteDesktops service, Map<String, ?> properties) {
        Object named = properties.get(RemoteDesktops.CAPTURE_BACKEND);
        if (named instanceof String[] several && several.length > 0) {
            named = several[0];
        }
        String id = named == null || named.toString().isBlank()
                ? "service " + properties.get("service.id") : named.toString().strip();
        return new RemoteDesktopProvider(service, id);
    }

    /** The remote desktop linked to the cast that streams for {@code sessionId} now, if this provider has one. */
    Optional<RemoteDesktop> remoteDesktop(String sessionId) {
        try {
            return service.remoteDesktop(sessionId);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** "ok" or why this provider's compositor cannot be reached. */
    String availability() {
        try {
            return service.availability();
        } catch (RuntimeException e) {
            return captureBackend + " could not tell whether its compositor is there: " + e;
        }
    }
}
