package io.lumen.capture.kwin.impl;

import java.util.Optional;

/**
 * Whether lumen may screencast on the compositor it reached, and if not, what to do about it. KWin does not refuse
 * the screencast interface with an error: it leaves the global out of the registry of a client it does not trust,
 * so "KDE globals present, screencast absent" is the refusal.
 */
final class KwinAccess {

    static final String INTERFACE = "zkde_screencast_unstable_v1";

    private KwinAccess() {
    }

    /** Why lumen cannot screencast on the compositor in {@code registry}; empty when it can. */
    static Optional<String> refusal(KwinRegistry registry, String executable) {
        if (registry.screencastVersion() > 0) {
            return Optional.empty();
        }
        if (!registry.looksLikeKwin()) {
            return Optional.of("the compositor at " + registry.display() + " is not KWin (it advertises no KDE"
                    + " interfaces, and no " + INTERFACE + "): the KWin capture needs a KDE Plasma session's KWin");
        }
        return Optional.of("KWin at " + registry.display() + " does not let lumen use " + INTERFACE + ": KWin offers"
                + " its screencast interface only to clients it trusts, and hides it from the others. Either install a"
                + " .desktop file (e.g. ~/.local/share/applications/lumen.desktop) whose Exec= is lumen's executable, "
                + executable + ", with the line X-KDE-Wayland-Interfaces=" + INTERFACE
                + ",org_kde_plasma_window_management (the second lists windows for window:<uuid> targets), then"
                + " restart lumen; or start KWin with KWIN_WAYLAND_NO_PERMISSION_CHECKS=1, which trusts every"
                + " client");
    }

    /** The executable KWin sees for this process: the java binary, not a launcher script. */
    static String executable() {
        return ProcessHandle.current().info().command().orElse("the java binary that runs lumen");
    }
}
