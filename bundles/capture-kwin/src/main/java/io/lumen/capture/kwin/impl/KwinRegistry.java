package io.lumen.capture.kwin.impl;

import io.lumen.wayland.OutputInfo;
import io.lumen.wayland.RegistrySnapshot;

import java.util.List;
import java.util.Map;

/**
 * What KWin's registry advertised to lumen, and the uuids of its windows (empty unless KWin lets lumen use
 * org_kde_plasma_window_management). KWin hides {@code zkde_screencast_unstable_v1} from clients it does not trust,
 * so a refusal is an absent global, not an error.
 */
record KwinRegistry(RegistrySnapshot registry, List<String> windows) {

    KwinRegistry {
        windows = List.copyOf(windows);
    }

    String display() {
        return registry.display();
    }

    Map<String, Integer> globals() {
        return registry.globals();
    }

    List<OutputInfo> outputs() {
        return registry.outputs();
    }

    /** The advertised version of KWin's screencast interface; 0 when it is not advertised to lumen. */
    int screencastVersion() {
        return registry.version(ScreencastProtocol.SCREENCAST);
    }

    boolean looksLikeKwin() {
        return registry.looksLikeKwin();
    }
}
