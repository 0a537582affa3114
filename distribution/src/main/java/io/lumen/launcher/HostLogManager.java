package io.lumen.launcher;

import java.util.logging.LogManager;

/**
 * JUL resets (closes) every handler from its own shutdown hook, racing the host's hook: the lines that say the
 * host stopped would be lost. bin/lumen installs this manager, which keeps the handlers until the host's hook
 * has logged its last line.
 */
public final class HostLogManager extends LogManager {

    private static volatile boolean hostStopped;

    @Override
    public void reset() {
        if (hostStopped || !shutdownInProgress()) {
            super.reset();
        }
    }

    /** Called by the host's shutdown hook once its last line is written. */
    static void hostStopped() {
        hostStopped = true;
        if (LogManager.getLogManager() instanceof HostLogManager manager) {
            manager.reset();
        }
    }

    private static boolean shutdownInProgress() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
