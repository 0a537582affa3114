package io.lumen.launcher;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * What Felix's console bundle (gogo.jline) gives every command session, for a host that runs without it
 * ({@code --headless}): the converters that turn {@code 11} into bundle 11 (without them {@code update 11} fails with
 * "Cannot coerce update(Token)") and the commands a typed line may use ({@code grep} in a pipe, {@code each},
 * {@code echo}, ...). When the first command arrives the console's bundles are installed but not started (its
 * activator would open a terminal on the host's standard input and take SIGINT), so a headless start pays nothing
 * for them, and their classes are added straight to the command processor, reflectively (the launcher cannot link
 * against bundles), once per processor. With the console running its own activator has registered the same, and
 * nothing is added.
 */
final class ConsolelessShell {

    static final String CONSOLE_BUNDLE = "org.apache.felix.gogo.jline";
    private static final String PACKAGE = "org.apache.felix.gogo.jline.";
    private static final Logger LOG = Logger.getLogger("lumen.host");

    private final BundleContext context;
    private final Path bundles;
    private Object equipped;

    /** {@code bundles}: the directory of the console's bundles (gogo.jline and jline). */
    ConsolelessShell(BundleContext context, Path bundles) {
        this.context = context;
        this.bundles = bundles;
    }

    /** Adds the console's converters and commands to {@code processor} unless it has them. */
    synchronized void equip(Object processor) {
        if (processor == equipped) {
            return;
        }
        equipped = processor;
        // a command may come before the host is ready (the socket serves while bundles start), so exit is added here
        ConsoleExit.addTo(processor);
        try {
            Bundle console = console();
            if (console == null) {
                installConsoleBundles();
                console = console();
            }
            if (console == null || console.getState() == Bundle.ACTIVE) {
                return;
            }
            ClassLoader runtime = processor.getClass().getClassLoader();
            Class<?> converterType = runtime.loadClass("org.apache.felix.service.command.Converter");
            Object converters = console.loadClass(PACKAGE + "Converters").getConstructor(BundleContext.class)
                    .newInstance(context);
            processor.getClass().getMethod("addConverter", converterType).invoke(processor, converters);
            int commands = 0;
            for (String name : new String[]{"Builtin", "Procedural", "Posix"}) {
                commands += addCommands(processor, console.loadClass(PACKAGE + name));
            }
            LOG.fine("command sessions: bundle converters and " + commands + " console commands added");
        } catch (ReflectiveOperationException | IOException | BundleException | RuntimeException e) {
            LOG.log(Level.WARNING, "command sessions: without the console's converters and commands (bundle ids "
                    + "and pipes may not work): " + e, e);
        }
    }

    private Bundle console() {
        for (Bundle bundle : context.getBundles()) {
            if (CONSOLE_BUNDLE.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    private void installConsoleBundles() throws IOException, BundleException {
        if (!Files.isDirectory(bundles)) {
            throw new IOException("no console bundles in " + bundles);
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(bundles)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            context.installBundle("reference:" + jar.toUri()); // in place, as Host installs the rest
        }
    }

    /** Registers one of the console's command classes under its own scope and function names. */
    private static int addCommands(Object processor, Class<?> type) throws ReflectiveOperationException {
        Object target = null;
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.getParameterCount() == 0) {
                target = constructor.newInstance();
            } else if (constructor.getParameterCount() == 1
                    && constructor.getParameterTypes()[0].isInstance(processor)) {
                target = constructor.newInstance(processor);
            }
        }
        if (target == null) {
            throw new NoSuchMethodException(type.getName() + " has no constructor the console would call");
        }
        Field field = type.getDeclaredField("functions");
        field.setAccessible(true);
        String[] functions = (String[]) field.get(null);
        var add = processor.getClass().getMethod("addCommand", String.class, Object.class, String.class);
        for (String function : functions) {
            add.invoke(processor, "gogo", target, function);
        }
        return functions.length;
    }
}
