package io.lumen.capture.portal.impl;

import io.lumen.api.input.RemoteDesktop;
import io.lumen.api.input.RemoteDesktops;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.Optional;

/**
 * The remote desktops of the live portal captures that carry input ({@code capture = portal monitor+input}), by
 * lumen session, for the input backend that injects through them.
 */
@Component(service = RemoteDesktops.class, property = RemoteDesktops.CAPTURE_BACKEND + "=portal")
public final class PortalRemoteDesktops implements RemoteDesktops {

    @Reference
    private PortalCaptureBackend backend;

    public PortalRemoteDesktops() {
    }

    /** Outside OSGi: tests, tools. */
    PortalRemoteDesktops(PortalCaptureBackend backend) {
        this.backend = backend;
    }

    @Override
    public Optional<RemoteDesktop> remoteDesktop(String sessionId) {
        return backend.remoteDesktop(sessionId);
    }

    @Override
    public String availability() {
        return backend.inputAvailability();
    }
}
