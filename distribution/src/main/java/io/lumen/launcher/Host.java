package io.lumen.launcher;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.logging.ConsoleHandler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;

/** Runs Felix with the distribution's bundles until it stops; a SIGTERM stops it cleanly. */
final class Host {

    private static final Logger LOG = Logger.getLogger("lumen.host");
    private static final long STOP_TIMEOUT_MILLIS = 15_000;
    /** The framework property naming the host's current log file (lumen:log reads it). */
    static final String LOG_FILE_PROPERTY = "lumen.log.file";

    /** What {@link #run()} returns when the shutdown hook is stopping the host and will end the process. */
    static final int SHUTDOWN_HOOK_EXITS = -1;

    private final LaunchOptions options;
    private volatile boolean shuttingDown;

    Host(LaunchOptions options) {
        this.options = options;
    }

    /** Returns the exit code, or {@link #SHUTDOWN_HOOK_EXITS}. */
    int run() throws Exception {
        Files.createDirectories(options.data());
        Path log = logToFile();
        Map<String, String> config = HostConfig.load(options.home().resolve("conf/lumen.properties"), options.home(),
                options.data());
        config.put(LOG_FILE_PROPERTY, log.toString());
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path (lib/)"))
                .newFramework(config);
        CommandSocketServer commands = null;
        // on SIGTERM the hook stops the host and ends the process with 0: a clean stop is a success for a service
        Thread stopper = new Thread(() -> {
            shuttingDown = true;
            stop(framework);
            HostLogManager.hostStopped();
            Runtime.getRuntime().halt(0);
        }, "lumen-shutdown");
        try {
            framework.init();
            LOG.fine(() -> "framework initialised " + (System.currentTimeMillis() - launchMillis()) + " ms after launch");
            List<Bundle> installed = install(framework, options.home().resolve("bundle"));
            if (!options.headless()) {
                installed.addAll(install(framework, shellDirectory()));
            }
            framework.start();
            LOG.fine(() -> "bundles installed " + (System.currentTimeMillis() - launchMillis()) + " ms after launch");
            // served while the bundles start: a command finds what has registered so far instead of no host
            commands = new CommandSocketServer(framework.getBundleContext(), options.socket(), shellDirectory());
            commands.start();
            int active = start(installed, StartOrder.parse(config.get(StartOrder.PROPERTY),
                    config.get(StartOrder.ASIDE_PROPERTY)));
            Runtime.getRuntime().addShutdownHook(stopper);
            long sinceLaunch = System.currentTimeMillis() - launchMillis();
            LOG.info("lumen ready in " + sinceLaunch + " ms (" + active + " bundles active, data " + options.data()
                    + ", commands on " + options.socket() + ")");
            // in every mode: bin/lumen cmd exit stops a headless host as exit does in the console
            ConsoleExit.register(framework.getBundleContext());
            if (!options.headless()) {
                System.out.println("lumen ready in " + sinceLaunch + " ms; the log is in " + log
                        + " (lumen:log -f follows it; warnings and errors show here too); exit stops the host");
            }
            if (options.run().isPresent()) {
                commands.runOnce(options.run().get(), System.out);
            }
            framework.waitForStop(0);
            return shuttingDown ? SHUTDOWN_HOOK_EXITS : 0;
        } finally {
            if (commands != null) {
                commands.close();
            }
            if (!shuttingDown) {
                stop(framework);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: it finishes the stop
            }
        }
    }

    /** The console's bundles: started with the console, installed unstarted for a headless host's commands. */
    private Path shellDirectory() {
        return options.home().resolve("shell");
    }

    /** When bin/lumen launched the JVM (it passes the time), else when this process started. */
    private static long launchMillis() {
        String launched = System.getProperty("lumen.launch.millis", "");
        if (launched.matches("\\d+")) {
            return Long.parseLong(launched);
        }
        return ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli)
                .orElse(System.currentTimeMillis());
    }

    /**
     * Installs every jar of {@code dir} in place ({@code reference:}): Felix reads it where it lies instead of
     * copying it into its cache, which the start would otherwise do for every bundle each time it cleans the cache.
     */
    private static List<Bundle> install(Framework framework, Path dir) throws IOException, BundleException {
        List<Bundle> bundles = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return bundles;
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            bundles.add(framework.getBundleContext().installBundle("reference:" + jar.toUri()));
        }
        return bundles;
    }

    /**
     * Starts every bundle that is not a fragment, in {@code order}, those it sets aside on a thread of their own;
     * returns when all have started. One that fails is logged and the rest go on.
     */
    private static int start(List<Bundle> bundles, StartOrder order) throws InterruptedException {
        AtomicInteger active = new AtomicInteger();
        ExecutorService aside = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("lumen-start-aside")
                .factory());
        try {
            for (Bundle bundle : order.sort(bundles)) {
                if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                    continue;
                }
                if (order.startsAside(bundle)) {
                    aside.execute(() -> start(bundle, active));
                } else {
                    start(bundle, active);
                }
            }
        } finally {
            aside.shutdown();
            aside.awaitTermination(Long.MAX_VALUE, TimeUnit.MILLISECONDS);
        }
        return active.get();
    }

    private static void start(Bundle bundle, AtomicInteger active) {
        try {
            long started = System.nanoTime();
            bundle.start();
            active.incrementAndGet();
            LOG.fine(() -> "bundle " + bundle.getSymbolicName() + " started in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (BundleException | RuntimeException e) {
            LOG.log(Level.SEVERE, "bundle " + bundle.getSymbolicName() + " did not start: " + e.getMessage(), e);
        }
    }

    private static void stop(Framework framework) {
        int state = framework.getState();
        if (state != Bundle.ACTIVE && state != Bundle.STARTING) {
            return;
        }
        try {
            LOG.info("lumen stopping");
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT_MILLIS);
            LOG.info("lumen stopped");
        } catch (BundleException | InterruptedException e) {
            LOG.log(Level.SEVERE, "lumen did not stop cleanly: " + e, e);
        }
        for (var handler : Logger.getLogger("").getHandlers()) {
            handler.flush();
        }
    }

    /**
     * Every host keeps its log in the data directory. A headless one also writes it to its standard output (for the
     * service manager's journal); the console of an interactive one is for commands, so only warnings and errors
     * reach it ({@code -Dlumen.console.level=INFO} brings every line back).
     */
    private Path logToFile() throws IOException {
        Path logDir = options.data().resolve("log");
        Files.createDirectories(logDir);
        FileHandler file = new FileHandler(logDir.resolve("lumen.%g.log").toString(), 10_000_000, 3, true);
        file.setFormatter(new SimpleFormatter());
        Logger root = Logger.getLogger("");
        root.addHandler(file);
        if (!options.headless()) {
            Level console = consoleLevel(System.getProperty("lumen.console.level", "WARNING"));
            for (Handler handler : root.getHandlers()) {
                if (handler instanceof ConsoleHandler) {
                    handler.setLevel(console);
                }
            }
        }
        // the handler rotates by renaming: the current lines are always in generation 0
        return logDir.resolve("lumen.0.log");
    }

    private static Level consoleLevel(String name) {
        try {
            return Level.parse(name.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            LOG.warning("lumen.console.level '" + name + "' is no log level (SEVERE, WARNING, INFO, ...): WARNING used");
            return Level.WARNING;
        }
    }
}
