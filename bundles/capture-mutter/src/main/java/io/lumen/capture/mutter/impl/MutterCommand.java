package io.lumen.capture.mutter.impl;

import io.lumen.api.backend.BackendException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;

/**
 * {@code lumen:mutter}: the session bus lumen reaches, whether Mutter offers its screencast and remote desktop there
 * (and if not, why), Mutter's monitors (the connectors {@code monitor:<connector>} takes), how many screencast and
 * remote-desktop sessions Mutter holds for all its clients, and lumen's live casts.
 */
@Component(service = MutterCommand.class, property = {"osgi.command.scope=lumen", "osgi.command.function=mutter"})
public final class MutterCommand {

    @Reference
    private MutterCaptureBackend backend;

    public String mutter() {
        return render(backend.settings(), backend.describeSessions());
    }

    static String render(MutterSettings settings, List<String> casts) {
        StringBuilder out = new StringBuilder("bus: ").append(settings.describe()).append('\n');
        out.append("cursor: ").append(settings.cursorName()).append('\n');
        try (MutterConnection connection = MutterConnection.open(settings)) {
            for (String service : List.of(MutterBus.SCREEN_CAST, MutterBus.REMOTE_DESKTOP)) {
                out.append(service).append(": ").append(connection.owned(service) ? "offered" : "absent")
                        .append('\n');
            }
            if (connection.owned(MutterBus.DISPLAY_CONFIG)) {
                List<MutterMonitor> monitors = connection.monitors();
                out.append("monitors (for monitor:<connector>):").append(monitors.isEmpty() ? " none\n" : "\n");
                monitors.forEach(m -> out.append("  ").append(m.describe()).append('\n'));
            }
            if (connection.owned(MutterBus.SCREEN_CAST)) {
                out.append("Mutter's sessions (all clients): ")
                        .append(connection.children(MutterBus.SCREEN_CAST, MutterBus.SCREEN_CAST_SESSIONS).size())
                        .append(" screencast, ")
                        .append(connection.children(MutterBus.REMOTE_DESKTOP, MutterBus.REMOTE_DESKTOP_SESSIONS)
                                .size()).append(" remote desktop\n");
            }
        } catch (BackendException e) {
            out.append("unavailable: ").append(e.getMessage()).append('\n');
        }
        out.append("casts:").append(casts.isEmpty() ? " none\n" : "\n");
        casts.forEach(c -> out.append("  ").append(c).append('\n'));
        return out.toString();
    }
}
