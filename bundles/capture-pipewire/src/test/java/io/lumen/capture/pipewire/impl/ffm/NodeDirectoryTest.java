package io.lumen.capture.pipewire.impl.ffm;

import io.lumen.testkit.pipewire.GstVideoProducer;
import io.lumen.testkit.pipewire.PipeWireDaemon;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry's view of video nodes: a real producer's node appears with its properties and goes when it stops. */
class NodeDirectoryTest {

    @Test
    void aProducersNodeAppearsWithItsPropertiesAndGoesWhenItStops() throws Exception {
        try (PipeWireDaemon daemon = PrivateDaemon.start(false);
             PwConnection connection = PwConnection.open(PipeWire.system(), PwRemote.socket(daemon.socket()))) {
            BlockingQueue<VideoNode> added = new LinkedBlockingQueue<>();
            BlockingQueue<VideoNode> removed = new LinkedBlockingQueue<>();
            NodeDirectory directory = NodeDirectory.open(connection, new NodeDirectory.Listener() {
                @Override
                public void added(VideoNode node) {
                    added.add(node);
                }

                @Override
                public void removed(VideoNode node) {
                    removed.add(node);
                }
            }, Duration.ofSeconds(5));
            // the daemon's own driver nodes are not video
            assertEquals(java.util.List.of(), directory.list());

            try (GstVideoProducer producer = GstVideoProducer.start(daemon, "lumen-test-bars", 320, 240, 30, "smpte")) {
                VideoNode node = added.poll(10, TimeUnit.SECONDS);
                assertNotNull(node, "the producer's node never reached the directory");
                assertEquals("lumen-test-bars", node.name());
                assertEquals("Video/Source", node.mediaClass());
                assertEquals("lumen-test-producer", node.description());
                assertTrue(node.id() > 0 && node.serial() > 0, node.toString());
                assertEquals(java.util.List.of(node), directory.list());

                producer.kill();
                VideoNode gone = removed.poll(10, TimeUnit.SECONDS);
                assertEquals(node, gone);
                assertEquals(java.util.List.of(), directory.list());
            }
        }
    }
}
