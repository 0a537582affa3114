package io.lumen.itest;

import io.lumen.testkit.pipewire.PipeWireDaemon;

import java.io.IOException;
import java.util.Optional;

/**
 * The private PipeWire daemon (with WirePlumber) the containers of the itests that capture from PipeWire point
 * capture-pipewire at: started outside the containers the first time one asks, ended with the test JVM. A test
 * inside a container knows it by its socket, passed as {@code lumen.pipewire.remote}.
 */
final class ContainerPipeWire {

    private static PipeWireDaemon daemon;

    private ContainerPipeWire() {
    }

    /**
     * The daemon, started when none runs yet; empty where none can run here, with the reason set as the system
     * property {@code skipProperty} for the test inside the container to skip with.
     */
    static synchronized Optional<PipeWireDaemon> daemon(String skipProperty) throws IOException {
        String skip = PipeWireDaemon.skipReason(true).orElse(null);
        if (skip != null) {
            System.setProperty(skipProperty, skip);
            return Optional.empty();
        }
        if (daemon == null) {
            daemon = PipeWireDaemon.start(true);
            PipeWireDaemon started = daemon;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "itest-pipewire"));
        }
        return Optional.of(daemon);
    }
}
