package io.lumen.itest;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

import static org.junit.Assert.assertTrue;

/** The host's {@code lumen:} commands, run the way the Gogo shell runs them: on the registered command service. */
final class LumenShell {

    private final BundleContext context;

    LumenShell(BundleContext context) {
        this.context = context;
    }

    /** {@code lumen:<function> args}; its output, or an AssertionError with the command's own failure. */
    String run(String function, String... args) throws Exception {
        try {
            return (String) invoke(function, args);
        } catch (InvocationTargetException e) {
            throw new AssertionError("lumen:" + function + " failed", e.getCause());
        }
    }

    /** The message of the IllegalArgumentException with which {@code lumen:<function> args} refuses. */
    String refusal(String function, String... args) throws Exception {
        try {
            Object out = invoke(function, args);
            throw new AssertionError("lumen:" + function + " " + String.join(" ", args) + " was accepted: " + out);
        } catch (InvocationTargetException e) {
            assertTrue(String.valueOf(e.getCause()), e.getCause() instanceof IllegalArgumentException);
            return e.getCause().getMessage();
        }
    }

    /** Runs the command; what it throws comes as the InvocationTargetException's cause. */
    Object invoke(String function, String... args) throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences((String) null,
                "(&(osgi.command.scope=lumen)(osgi.command.function=" + function + "))");
        assertTrue("lumen:" + function + " is registered", refs != null && refs.length == 1);
        Object commands = context.getService(refs[0]);
        try {
            Class<?>[] types = new Class<?>[args.length];
            Arrays.fill(types, String.class);
            return commands.getClass().getMethod(function, types).invoke(commands, (Object[]) args);
        } finally {
            context.ungetService(refs[0]);
        }
    }
}
