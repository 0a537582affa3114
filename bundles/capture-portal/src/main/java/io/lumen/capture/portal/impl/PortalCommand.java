package io.lumen.capture.portal.impl;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;

/**
 * {@code lumen:portal}: the portal lumen reaches and what its ScreenCast and RemoteDesktop offer, the remembered
 * consents and the live portal streams (with the input each carries); {@code lumen:portal forget <consent>} makes
 * the next stream of that consent ask again.
 */
@Component(service = PortalCommand.class, property = {"osgi.command.scope=lumen", "osgi.command.function=portal"})
public final class PortalCommand {

    @Reference
    private PortalCaptureBackend backend;

    public String portal() {
        return render(backend.status(), backend.tokens().list(), backend.describeSessions());
    }

    public String portal(String action, String consent) {
        if (!"forget".equals(action)) {
            return "usage: lumen:portal [forget <consent>]";
        }
        RestoreTokens tokens = backend.tokens();
        return tokens.forget(consent) ? "forgot the screencast consent \"" + consent + "\": its next stream asks the"
                + " user again" : "no remembered screencast consent \"" + consent + "\" in " + tokens.directory();
    }

    static String render(PortalCaptureBackend.Status status, List<RestoreTokens.Remembered> consents,
                         List<String> sessions) {
        StringBuilder out = new StringBuilder("bus: ").append(status.settings().bus().orElse("(none)")).append('\n');
        status.capabilities().ifPresent(c -> out.append("screencast: version ").append(c.version())
                .append(", sources ").append(new PortalTarget(c.sourceTypes(), "-").describeSources())
                .append(", cursor modes ").append(c.cursorModes())
                .append(c.version() >= PortalBus.RESTORE_VERSION ? ", consent can be remembered"
                        : ", consent cannot be remembered (portal older than version 4)").append('\n'));
        status.capabilities().ifPresent(c -> out.append("remote desktop (capture = portal ...+input): ")
                .append(c.deviceTypes() == 0 ? "none offered\n" : "version " + c.remoteDesktopVersion() + ", devices "
                        + PortalCaptureSession.describeDevices(c.deviceTypes()) + (c.remembersInput()
                        ? ", consent can be remembered\n"
                        : ", consent cannot be remembered (RemoteDesktop before version 2): asked on every stream\n")));
        status.passesFileDescriptors().ifPresent(passes -> out.append("fd passing: ").append(passes
                ? "yes (the portal's PipeWire connection is used)"
                : "no (nodes are streamed from the default PipeWire daemon)").append('\n'));
        status.problem().ifPresent(problem -> out.append("unavailable: ").append(problem).append('\n'));
        out.append("remembered consents (").append(status.settings().tokens()).append("):")
                .append(consents.isEmpty() ? " none\n" : "\n");
        consents.forEach(c -> out.append("  ").append(c.consent()).append(" since ").append(c.since()).append('\n'));
        out.append("streams:").append(sessions.isEmpty() ? " none\n" : "\n");
        sessions.forEach(s -> out.append("  ").append(s).append('\n'));
        return out.toString();
    }
}
