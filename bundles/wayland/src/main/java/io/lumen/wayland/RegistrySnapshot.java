package io.lumen.wayland;

import java.util.List;
import java.util.Map;

/**
 * What a compositor's registry advertised to this client: its globals (interface name to version) and its
 * outputs. A compositor that restricts an interface (KWin does, for its screencast and fake input) leaves it out of
 * the registry of a client it does not trust, so a refusal is an absent global, not an error.
 */
public record RegistrySnapshot(String display, Map<String, Integer> globals, List<OutputInfo> outputs) {

    public RegistrySnapshot {
        globals = Map.copyOf(globals);
        outputs = List.copyOf(outputs);
    }

    /** The advertised version of {@code iface}; 0 when it is not advertised to this client. */
    public int version(String iface) {
        return globals.getOrDefault(iface, 0);
    }

    /**
     * Whether KDE's interfaces are there: KWin advertises org_kde_kwin_* and org_kde_plasma_* globals (and zkde_* ones)
     * that no other compositor does, even to a client it does not trust with its restricted ones.
     */
    public boolean looksLikeKwin() {
        return globals.keySet().stream().anyMatch(g -> g.startsWith("org_kde_kwin_") || g.startsWith("org_kde_plasma_")
                || g.startsWith("zkde_") || g.startsWith("kde_"));
    }
}
