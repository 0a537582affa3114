package io.lumen.itest;

import io.lumen.testkit.x11.XvfbServer;

import java.io.IOException;
import java.util.Optional;

/**
 * The private X server (Xvfb) the containers of the input itests point input-x11 at: started outside the containers
 * the first time one asks, ended with the test JVM. A test inside a container knows it by its display, passed as
 * {@code lumen.x11.display}.
 */
final class ContainerXvfb {

    private static XvfbServer server;

    private ContainerXvfb() {
    }

    /**
     * The server, started when none runs yet; empty where none can run here, with the reason set as the system
     * property {@code skipProperty} for the test inside the container to skip with.
     */
    static synchronized Optional<XvfbServer> server(String skipProperty) throws IOException {
        String skip = XvfbServer.skipReason().orElse(null);
        if (skip != null) {
            System.setProperty(skipProperty, skip);
            return Optional.empty();
        }
        if (server == null) {
            server = XvfbServer.start(1280, 720);
            XvfbServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "itest-xvfb"));
        }
        return Optional.of(server);
    }
}
