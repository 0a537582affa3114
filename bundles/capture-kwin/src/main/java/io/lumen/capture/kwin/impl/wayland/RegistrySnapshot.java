package io.lumen.capture.kwin.impl.wayland;

import java.util.List;
import java.util.Map;

/**
 * What a compositor's registry advertised to lumen: its globals (interface name to version), its outputs, and the
 * uuids of its windows (empty unless KWin lets lumen use org_kde_plasma_window_management).
 * Whether it is KWin and whether the screencast interface is allowed follow from the globals: KWin hides
 * {@code zkde_screencast_unstable_v1} from clients it does not trust, so a refusal is an absent global, not an error.
 */
public record RegistrySnapshot(String display, Map<String, Integer> globals, List<OutputInfo> outputs,
                               List<String> windows) {

    public RegistrySnapshot {
        globals = Map.copyOf(globals);
        outputs = List.copyOf(outputs);
        windows = List.copyOf(windows);
    }

    /** The advertised version of KWin's screencast interface; 0 when it is not advertised to lumen. */
    public int screencastVersion() {
        return globals.getOrDefault(ScreencastProtocol.SCREENCAST, 0);
    }

    /**
     * Whether KDE's interfaces are there: KWin advertises org_kde_kwin_* and org_kde_plasma_* globals (and zkde_* ones)
     * that no other compositor does, even to a client it does not trust with screencasting.
     */
    public boolean looksLikeKwin() {
        return globals.keySet().stream().anyMatch(g -> g.startsWith("org_kde_kwin_") || g.startsWith("org_kde_plasma_")
                || g.startsWith("zkde_") || g.startsWith("kde_"));
    }
}
