package io.lumen.itest;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.fec.FecLimits;
import io.lumen.api.session.SessionManager;
import io.lumen.api.session.StreamSession;
import io.lumen.testkit.FfmpegDecoder;
import io.lumen.testkit.Poll;
import io.lumen.testkit.StampTrack;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.ReceivedFrame;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.StreamOffer;
import io.lumen.testkit.moonlight.StreamingTestClient;
import io.lumen.testkit.moonlight.VideoReceiverStats;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.lang.foreign.MemorySegment;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * A client of lumen's FEC extension streams leopard16 from lumen inside Felix while the FEC bundle is updated in
 * place: the stream looks its codecs up frame by frame, so frames keep coming, those after the update carry parity
 * from the new revision's codec, none is lost, and nothing keeps the old revision's class loader.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Leopard16StreamIT {

    private static final String FEC_BUNDLE = "io.lumen.fec.leopard";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private SessionManager sessions;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return LumenContainer.options();
    }

    @Test
    public void aLeopard16StreamGoesOnThroughAnUpdateOfTheFecBundle() throws Exception {
        MoonlightHostFixture host = MoonlightHostFixture.onFreePorts(context, configurationAdmin, Map.of());
        try {
            MoonlightTestClient client = host.pairedClient("pax-leopard");
            LaunchKeys keys = LaunchKeys.random();
            Reply launch = client.launch(MoonlightHostFixture.appId(client, "Desktop"), "640x360x30", keys);
            assertEquals(launch.toString(), 200, launch.status());
            // the client's codecs hold no revision of the bundle: they take whichever is registered at each call
            FecCodec leopard = new RegisteredCodec(context, "leopard16");
            FecCodec audio = new RegisteredCodec(context, "rs8-moonlight-audio");
            try (StreamingTestClient stream = StreamingTestClient.connect("127.0.0.1", launch.field("sessionUrl0"),
                    keys, StreamOffer.h264(640, 360, 30, 7).withFecScheme("leopard16"), leopard, audio,
                    StreamingTestClient.VideoLossSetting.none())) {
                List<ReceivedFrame> frames = new ArrayList<>(stream.frames(Duration.ofSeconds(3)));
                assertTrue("streaming before the update: " + frames.size(), frames.size() >= 20);
                StreamSession session = MoonlightHostFixture.session(sessions, "pax-leopard");
                assertTrue(String.valueOf(session.stats().sinkStats().get("fec")).startsWith("leopard16 "));

                Bundle bundle = BundleOps.bundle(context, FEC_BUNDLE);
                WeakReference<ClassLoader> oldRevision = BundleOps.classLoader(bundle);
                bundle.update();
                BundleOps.refresh(context, bundle);
                long parityBefore = parityPackets(session);
                List<ReceivedFrame> after = stream.frames(Duration.ofSeconds(4));
                VideoReceiverStats stats = stream.video().stats();

                assertFalse("the control stream stayed up", stream.control().disconnected().isDone());
                assertTrue("frames came after the update: " + after.size(), after.size() >= 30);
                assertTrue("parity went on with the new revision's codec: " + session.stats().sinkStats(),
                        parityPackets(session) >= parityBefore + 2 * 30);
                assertEquals(stats.toString(), 0, stats.framesLost());
                Collectable.assertCollected("the class loader of the FEC bundle's old revision (the stream's video"
                        + " and audio look their codecs up frame by frame)", oldRevision);
                frames.addAll(after);
                Path file = Files.createTempFile("leopard16-stream", ".h264");
                Files.write(file, StreamingTestClient.annexB(frames));
                StampTrack track = StampTrack.of(FfmpegDecoder.decode(file, "h264")).assertInOrder();
                assertTrue("decoded pictures: " + track.counters().size(), track.counters().size() >= 50);
                Files.delete(file);
            }
            assertEquals(200, client.cancel().status());
        } finally {
            host.delete();
        }
    }

    /** Parity datagrams the host has sent, from the stream's "video" line. */
    private static long parityPackets(StreamSession session) {
        String video = String.valueOf(session.stats().sinkStats().get("video"));
        java.util.regex.Matcher parity = java.util.regex.Pattern.compile("(\\d+) parity").matcher(video);
        assertTrue(video, parity.find());
        return Long.parseLong(parity.group(1));
    }

    /** A codec that calls whichever service of its id is registered at the moment. */
    private record RegisteredCodec(BundleContext context, String id) implements FecCodec {

        /** Calls the registered codec; while the bundle is between revisions, waits for the next (a client has one). */
        private <T> T withService(java.util.function.Function<FecCodec, T> call) {
            java.util.List<T> result = new java.util.ArrayList<>(1);
            if (!Poll.until(Duration.ofSeconds(10), () -> callRegistered(call, result))) {
                throw new IllegalStateException("no " + id + " codec registered for 10 s");
            }
            return result.getFirst();
        }

        /** Calls a codec of the id if one is registered, keeping what it returned; false when none is. */
        private <T> boolean callRegistered(java.util.function.Function<FecCodec, T> call, java.util.List<T> result) {
            try {
                for (ServiceReference<FecCodec> ref : context.getServiceReferences(FecCodec.class,
                        "(fec.id=" + id + ")")) {
                    FecCodec codec = context.getService(ref);
                    if (codec != null) {
                        try {
                            result.add(call.apply(codec));
                            return true;
                        } finally {
                            context.ungetService(ref);
                        }
                    }
                }
                return false;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public FecLimits limits() {
            return withService(FecCodec::limits);
        }

        @Override
        public void encode(MemorySegment[] originals, MemorySegment[] recovery) {
            withService(codec -> {
                codec.encode(originals, recovery);
                return null;
            });
        }

        @Override
        public void decode(MemorySegment[] originals, boolean[] originalPresent, MemorySegment[] recovery,
                           boolean[] recoveryPresent) {
            withService(codec -> {
                codec.decode(originals, originalPresent, recovery, recoveryPresent);
                return null;
            });
        }
    }
}
