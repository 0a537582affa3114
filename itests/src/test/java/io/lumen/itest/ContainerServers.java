package io.lumen.itest;

import io.lumen.testkit.pipewire.MutterCompositor;
import io.lumen.testkit.pipewire.PipeWireDaemon;
import io.lumen.testkit.pipewire.SessionBus;
import io.lumen.testkit.x11.XvfbServer;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The private servers the itests' containers point their backends at: a PipeWire daemon (with WirePlumber), an
 * X server, and a headless Mutter on a session bus of its own. Each is started outside the containers the first time
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
