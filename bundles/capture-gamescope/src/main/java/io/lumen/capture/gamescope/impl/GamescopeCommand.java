package io.lumen.capture.gamescope.impl;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;

/**
 * {@code lumen:gamescope}: the gamescopes lumen streams (those launched for an app with pid, node, state and output
 * file) and the settings.
 */
@Component(service = GamescopeCommand.class,
        property = {"osgi.command.scope=lumen", "osgi.command.function=gamescope"})
public final class GamescopeCommand {

    @Reference
    private GamescopeCaptureBackend backend;

    public String gamescope() {
        return render(backend.describeSessions(), backend.describeSettings(), backend.probe().toString());
    }

    static String render(List<String> sessions, String settings, String probe) {
        StringBuilder out = new StringBuilder("gamescope capture: ").append(probe).append('\n')
                .append("setting: ").append(settings).append('\n');
        if (sessions.isEmpty()) {
            out.append("no gamescope capture running\n");
        }
        sessions.forEach(s -> out.append("  ").append(s).append('\n'));
        return out.toString();
    }
}
