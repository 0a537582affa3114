package io.lumen.capture.kwin.impl;

import io.lumen.wayland.OutputInfo;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;

/**
 * {@code lumen:kwin}: the display lumen reaches, whether KWin lets it screencast (and if not, why and what to do),
 * KWin's outputs, and lumen's live KWin streams.
 */
@Component(service = KwinCommand.class, property = {"osgi.command.scope=lumen", "osgi.command.function=kwin"})
public final class KwinCommand {

    private static final String WINDOW_MANAGEMENT = "org_kde_plasma_window_management";

    @Reference
    private KwinCaptureBackend backend;

    public String kwin() {
        return render(backend.status(), backend.describeSessions());
    }

    static String render(KwinCaptureBackend.Status status, List<String> sessions) {
        StringBuilder out = new StringBuilder("display: ").append(status.display()).append('\n');
        status.registry().ifPresent(registry -> {
            int version = registry.screencastVersion();
            out.append("screencast: ").append(version > 0 ? "allowed (" + KwinAccess.INTERFACE + " version "
                    + version + ")" : "not offered to lumen").append('\n');
            out.append("outputs:").append(registry.outputs().isEmpty() ? " none\n" : "\n");
            registry.outputs().stream().map(OutputInfo::describe).forEach(o -> out.append("  ").append(o).append('\n'));
            if (registry.globals().containsKey(WINDOW_MANAGEMENT)) {
                out.append("windows (for window:<uuid>):").append(registry.windows().isEmpty() ? " none\n" : "\n");
                registry.windows().forEach(w -> out.append("  ").append(w).append('\n'));
            }
        });
        status.problem().ifPresent(problem -> out.append("unavailable: ").append(problem).append('\n'));
        out.append("streams:").append(sessions.isEmpty() ? " none\n" : "\n");
        sessions.forEach(s -> out.append("  ").append(s).append('\n'));
        return out.toString();
    }
}
