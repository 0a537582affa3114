package io.lumen.capture.kwin.impl.wayland;

import io.lumen.testkit.pipewire.KwinCompositor;
import io.lumen.testkit.pipewire.PipeWireDaemon;
import org.junit.jupiter.api.Test;

import java.time.Duration;

class SmokeTest {
    @Test
    void smoke() throws Exception {
        try (PipeWireDaemon daemon = PipeWireDaemon.start(false);
             KwinCompositor kwin = KwinCompositor.start(daemon, 1280, 720, true)) {
            try (WaylandConnection c = WaylandConnection.open(kwin.socket().toString(), Duration.ofSeconds(5))) {
                RegistrySnapshot s = c.snapshot(Duration.ofSeconds(2));
                System.out.println("GLOBALS " + s.globals());
                System.out.println("OUTPUTS " + s.outputs());
                ScreencastStream o = c.streamOutput(s.outputs().getFirst().name(), Duration.ofSeconds(2));
                try { System.out.println("OUTPUT NODE " + c.await(o.node(), Duration.ofSeconds(5), "created")); } catch (Exception e) { System.out.println("OUTPUT ERR " + e.getMessage()); }
                ScreencastStream v = c.streamVirtualOutput("lumen-test", 640, 480, Duration.ofSeconds(2));
                try { System.out.println("VIRTUAL NODE " + c.await(v.node(), Duration.ofSeconds(5), "created")); } catch (Exception e) { System.out.println("VIRTUAL ERR " + e.getMessage()); }
                o.close();
                System.out.println("SNAP2 " + c.snapshot(Duration.ofSeconds(2)).outputs());
            }
            System.out.println(kwin.logTail(30));
        }
    }
}
