package io.lumen.dbus;

import io.lumen.testkit.pipewire.SessionBus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** A real private dbus-daemon for each test class of this module, started before its tests and ended after. */
abstract class OnPrivateBus {

    static SessionBus bus;

    @BeforeAll
    static void startBus() throws Exception {
        Assumptions.assumeTrue(SessionBus.skipReason().isEmpty(), () -> SessionBus.skipReason().orElseThrow());
        bus = SessionBus.start();
    }

    @AfterAll
    static void stopBus() {
        if (bus != null) {
            bus.close();
            bus = null;
        }
    }
}
