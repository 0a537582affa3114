package io.lumen.launcher;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code exit} in the host's console and through {@code bin/lumen cmd}. Felix's console knows {@code exit 0} only as {@code java.lang.System.exit(int)}
 * (its profile adds System's methods as commands), so {@code exit} alone was refused with "Cannot coerce exit()";
 * this command takes both. Either way the JVM exits through the host's shutdown hook, which stops the framework
 * cleanly first. Registered in the {@code gogo} scope, which the console searches before any other, so it is the
 * {@code exit} a typed line finds. Gogo calls it reflectively: it must stay public.
 */
public final class ConsoleExit {

    private static final Logger LOG = Logger.getLogger("lumen.host");
    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";

    private ConsoleExit() {
    }

    /** Stops the host with exit code 0. */
    public String exit() {
        return exit(0);
    }

    /**
     * Stops the host with {@code code} as the process's exit code. The exit runs on a thread of its own, so the
     * command returns and its caller (a {@code bin/lumen cmd} client) gets its answer before the host stops.
     */
    public String exit(int code) {
        LOG.info("exit " + code + " asked in a command session: stopping the host");
        Thread exit = new Thread(() -> System.exit(code), "lumen-exit");
        exit.start();
        return "stopping the host";
    }

    /** Adds the command to the running command processor (the console's and the command socket's). */
    static void register(BundleContext context) {
        ServiceReference<?> reference = context.getServiceReference(PROCESSOR);
        if (reference == null) {
            LOG.warning("no Gogo command processor: 'exit' alone will not be known in the console (exit 0 is)");
            return;
        }
        Object processor = context.getService(reference);
        try {
            addTo(processor);
        } finally {
            context.ungetService(reference);
        }
    }

    /** Adds the command to {@code processor}; adding it again replaces it. */
    static void addTo(Object processor) {
        try {
            processor.getClass().getMethod("addCommand", String.class, Object.class, String.class)
                    .invoke(processor, "gogo", new ConsoleExit(), "exit");
        } catch (ReflectiveOperationException e) {
            LOG.log(Level.WARNING, "'exit' alone will not be known in the console (exit 0 is): " + e, e);
        }
    }
}
