package io.lumen.capture.pipewire.impl.ffm;

import io.lumen.api.media.VideoMode;
import io.lumen.capture.pipewire.impl.spa.NegotiatedVideoFormat;
import io.lumen.capture.pipewire.impl.spa.SpaData;
import io.lumen.capture.pipewire.impl.spa.SpaParam;
import io.lumen.capture.pipewire.impl.spa.SpaPodBuilder;
import io.lumen.capture.pipewire.impl.spa.SpaPodParser;
import io.lumen.capture.pipewire.impl.spa.SpaVideoFormat;
import io.lumen.capture.pipewire.impl.spa.VideoFormatParams;
import io.lumen.testkit.pipewire.GstVideoProducer;
import io.lumen.testkit.pipewire.PipeWireDaemon;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frames from a real producer through a real daemon: negotiation, buffers whose fields make sense, queued back. */
class PwStreamFramesTest {

    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;

    /** What one dequeued buffer showed, copied out on the loop thread. */
    private record Seen(int type, int maxSize, int chunkSize, int stride, boolean mapped, int firstPixel) {
    }

    @Test
    void aProducersFramesArriveNegotiatedAsBgrxAndGoBack() throws Exception {
        try (PipeWireDaemon daemon = PrivateDaemon.start(true);
             GstVideoProducer producer = GstVideoProducer.start(daemon, "lumen-test-frames", WIDTH, HEIGHT, 30, "smpte");
             PwConnection connection = PwConnection.open(PipeWire.system(), PwRemote.socket(daemon.socket()));
             Arena arena = Arena.ofConfined()) {
            CompletableFuture<NegotiatedVideoFormat> negotiated = new CompletableFuture<>();
            BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
            CountDownLatch streaming = new CountDownLatch(1);
            PwStream stream = PwStream.create(connection, "lumen-test-capture", Map.of(), new PwStream.Events() {
                @Override
                public void stateChanged(StreamState previous, StreamState now, String error) {
                    if (now == StreamState.STREAMING) {
                        streaming.countDown();
                    }
                }

                @Override
                public void paramChanged(int id, MemorySegment pod) {
                    if (id == SpaParam.FORMAT && pod.address() != 0) {
                        try {
                            negotiated.complete(VideoFormatParams.parseFormat(SpaPodParser.parse(pod)));
                        } catch (Exception e) {
                            negotiated.completeExceptionally(e);
                        }
                    }
                }

                @Override
                public void process(PwStream self) {
                    try {
                        PwBuffer buffer = self.dequeue();
                        if (buffer == null) {
                            return;
                        }
                        BufferData data = buffer.data(0);
                        seen.add(new Seen(data.type(), data.maxSize(), data.chunkSize(), data.stride(),
                                data.isMapped(), data.isMapped() ? data.bytes().get(java.lang.foreign.ValueLayout.JAVA_INT, 0) : 0));
                        self.queue(buffer);
                    } catch (PipeWireException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            MemorySegment enumFormat = new SpaPodBuilder().write(VideoFormatParams.enumFormat(
                    List.of(SpaVideoFormat.BGRx), new VideoMode(WIDTH, HEIGHT, 30))).toSegment(arena);
            stream.connect(PwStream.Target.name(producer.nodeName()), List.of(enumFormat));

            NegotiatedVideoFormat format = negotiated.get(10, TimeUnit.SECONDS);
            assertEquals(SpaVideoFormat.BGRx.number(), format.spaFormat(), format.toString());
            assertEquals(WIDTH, format.width());
            assertEquals(HEIGHT, format.height());
            assertTrue(streaming.await(10, TimeUnit.SECONDS), "never streaming; state " + stream.state()
                    + ", error " + stream.error());

            // more frames than the producer has buffers: they can only keep coming if every one was queued back
            for (int frame = 0; frame < 40; frame++) {
                Seen buffer = seen.poll(5, TimeUnit.SECONDS);
                assertNotNull(buffer, "frame " + frame + " never came; producer: " + producer.log());
                assertTrue(buffer.type() == SpaData.MEM_FD || buffer.type() == SpaData.MEM_PTR, buffer.toString());
                assertTrue(buffer.mapped(), "MAP_BUFFERS maps " + buffer);
                int stride = buffer.stride() == 0 ? WIDTH * 4 : buffer.stride();
                assertEquals(WIDTH * 4, stride, buffer.toString());
                assertEquals(stride * HEIGHT, buffer.chunkSize(), buffer.toString());
                assertTrue(buffer.maxSize() >= buffer.chunkSize(), buffer.toString());
            }
            assertEquals(StreamState.STREAMING, stream.state());
        }
    }
}
