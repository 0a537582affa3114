package io.lumen.itest;

import io.lumen.testkit.pipewire.MutterCompositor;
import io.lumen.testkit.pipewire.PipeWireDaemon;
import io.lumen.testkit.pipewire.PortalFrontend;
import io.lumen.testkit.pipewire.SessionBus;
import io.lumen.testkit.portal.ScriptedDesktopPortal;
import io.lumen.testkit.x11.XvfbServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The private servers the itests' containers point their backends at: a PipeWire daemon (with WirePlumber), an
 * X server, a headless Mutter on a session bus of its own, and a portal desktop on another. Each is started outside the containers the first time
 * a test class asks, shared by the classes after it, and ended with the test JVM. A test inside a container knows it by a framework property its configuration
 * sets (the daemon's socket, the display).
 */
final class ContainerServers {

    /** A server start that may fail. */
    @FunctionalInterface
    private interface Start<T> {
        T start() throws IOException;
    }

    private static final Map<String, AutoCloseable> RUNNING = new HashMap<>();

    private ContainerServers() {
    }

    /** The PipeWire daemon; empty where none can run here, the reason then set as {@code skipProperty}. */
    static Optional<PipeWireDaemon> pipeWire(String skipProperty) throws IOException {
        return shared("pipewire", PipeWireDaemon.skipReason(true), skipProperty, () -> PipeWireDaemon.start(true));
    }

    /** A 1280x720 Xvfb; empty where none can run here, the reason then set as {@code skipProperty}. */
    static Optional<XvfbServer> xvfb(String skipProperty) throws IOException {
        return shared("xvfb", XvfbServer.skipReason(), skipProperty, () -> XvfbServer.start(1280, 720));
    }

    /**
     * A headless Mutter (one 1280x720 monitor of its own) on a private session bus of its own, casting to the shared
     * PipeWire daemon; empty where none can run here, the reason then set as {@code skipProperty}.
     */
    static Optional<MutterCompositor> mutter(String skipProperty) throws IOException {
        Optional<PipeWireDaemon> daemon = pipeWire(skipProperty);
        if (daemon.isEmpty()) {
            return Optional.empty();
        }
        Optional<SessionBus> bus = shared("session-bus", SessionBus.skipReason(), skipProperty, SessionBus::start);
        if (bus.isEmpty()) {
            return Optional.empty();
        }
        return shared("mutter", MutterCompositor.skipReason(), skipProperty,
                () -> MutterCompositor.start(daemon.get(), bus.get(), "1280x720"));
    }

    /**
     * A desktop behind the real xdg-desktop-portal frontend: a producer node standing for its monitor, the scripted
     * ScreenCast and RemoteDesktop backend that grants that node without a human, on a session bus of its own.
     */
    record PortalDesktop(SessionBus bus, PatternProcess monitor, ScriptedDesktopPortal backend,
                         PortalFrontend frontend) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            for (AutoCloseable part : new AutoCloseable[] {frontend, backend, monitor, bus}) {
                part.close();
            }
        }
    }

    /** The portal desktop on the shared PipeWire daemon; empty where it cannot run here (reason as above). */
    static Optional<PortalDesktop> portal(String skipProperty) throws IOException {
        Optional<PipeWireDaemon> daemon = pipeWire(skipProperty);
        Optional<String> skip = SessionBus.skipReason().or(PortalFrontend::skipReason);
        if (daemon.isEmpty()) {
            return Optional.empty();
        }
        return shared("portal", skip, skipProperty, () -> {
            SessionBus bus = SessionBus.start();
            PatternProcess monitor = null;
            ScriptedDesktopPortal backend = null;
            try {
                monitor = PatternProcess.start(daemon.get(), "itest-portal-monitor", "640x360", 30);
                int node = monitor.node();
                // the frontend reads the backend's properties once, at its start: the backend comes first
                backend = new ScriptedDesktopPortal(bus.address(), node);
                PortalFrontend frontend = PortalFrontend.start(bus, daemon.get(), ScriptedDesktopPortal.BUS_NAME,
                        List.of(PortalFrontend.IMPL_SCREEN_CAST, PortalFrontend.IMPL_REMOTE_DESKTOP));
                return new PortalDesktop(bus, monitor, backend, frontend);
            } catch (IOException | RuntimeException e) {
                closeAll(backend, monitor, bus);
                throw e;
            } catch (Exception e) {
                closeAll(backend, monitor, bus);
                throw new IOException("the scripted portal backend did not start: " + e, e);
            }
        });
    }

    /**
     * lumen's pattern producer (tools/pw-producer) as a process: a node that serves one consumer after another, as a
     * monitor does through every new grant (GStreamer's pipewiresink stops sending after its first consumer leaves).
     */
    record PatternProcess(Process process, int node) implements AutoCloseable {

        static PatternProcess start(PipeWireDaemon daemon, String name, String size, int fps) throws IOException {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Djava.util.logging.config.file=/dev/null", "-cp",
                    System.getProperty("lumen.itest.pw-producer"), "io.lumen.tools.pwproducer.ProducerMain",
                    "--remote", daemon.socket().toString(), "--name", name, "--size", size, "--fps",
                    Integer.toString(fps)).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            // the producer prints "ready node=<name> id=<id> ..." once its node is in the graph, or dies
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher ready = Pattern.compile("^ready .* id=(\\d+) ").matcher(line);
                if (ready.find()) {
                    Thread.ofPlatform().daemon().name("itest-" + name + "-output").start(() -> out.lines()
                            .forEach(rest -> { }));
                    return new PatternProcess(process, Integer.parseInt(ready.group(1)));
                }
                seen.append(line).append('\n');
            }
            process.destroy();
            throw new IOException("the pattern producer " + name + " ended before its node was ready:\n" + seen);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void closeAll(AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                System.err.println("itest portal part did not stop: " + e);
            }
        }
    }

    /**
     * The server named {@code name}, started when none runs yet; empty when {@code skip} gives a reason, which is
     * set as the system property {@code skipProperty} for the test inside the container to skip with.
     */
    @SuppressWarnings("unchecked")
    private static synchronized <T extends AutoCloseable> Optional<T> shared(String name, Optional<String> skip,
                                                                             String skipProperty, Start<T> start)
            throws IOException {
        if (skip.isPresent()) {
            System.setProperty(skipProperty, skip.get());
            return Optional.empty();
        }
        T running = (T) RUNNING.get(name);
        if (running == null) {
            T started = start.start();
            RUNNING.put(name, started);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception e) {
                    System.err.println("itest " + name + " did not stop: " + e);
                }
            }, "itest-" + name));
            running = started;
        }
        return Optional.of(running);
    }
}
