package io.lumen.itest;

import io.lumen.api.backend.BackendInfo;
import io.lumen.api.backend.BackendRole;
import io.lumen.api.encode.Letterbox;
import io.lumen.api.media.Codec;
import io.lumen.api.media.VideoMode;
import io.lumen.api.session.SessionManager;
import io.lumen.api.session.StreamRequest;
import io.lumen.testkit.DecodedVideo;
import io.lumen.testkit.FfmpegDecoder;
import io.lumen.testkit.StampTrack;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * A capture of another size than the session's 1920x1080 (the synthetic capture's {@code size} option, as a window
 * or an existing output) in the assembled host: libav-x264 gets the frames as captured and scales them in its
 * conversion, no frame is copied before it; pinned to java-h264, which cannot scale, the session fits them in Java,
 * counted; unpinned, the copies stop again. The whole stream decodes at 1920x1080 with every stamp read through the
 * fitted rectangle and black outside it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ScaledCaptureIT {

    private static final String COPIED = "copied before the encoder (fitted to the client's size in Java)";
    private static final VideoMode SESSION = new VideoMode(1920, 1080, 15);

    @Inject
    private SessionManager manager;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] config() {
        return LumenContainer.options();
    }

    @Test
    public void a1440pOutputIsScaledByTheEncoderAndFittedForTheJavaOne() throws Exception {
        streamAndSwap(2560, 1440);
    }

    @Test
    public void a720pWindowIsScaledByTheEncoderAndFittedForTheJavaOne() throws Exception {
        streamAndSwap(1280, 720);
    }

    @Test
    public void aFourByThreeOutputGetsBlackBarsBesideItEitherWay() throws Exception {
        streamAndSwap(1440, 1080);
    }

    private void streamAndSwap(int width, int height) throws Exception {
        BackendInfo x264 = manager.backends().stream()
                .filter(b -> b.role() == BackendRole.ENCODER && b.id().equals("libav-x264")).findFirst().orElseThrow();
        Assume.assumeTrue("libav-x264 cannot run here: " + x264.probe(), x264.probe().available());
        Path file = Files.createTempFile(Path.of(System.getProperty("lumen.itest.work", "target")),
                "scaled-" + width + "x" + height, ".h264");
        RecordedSession recorded = new RecordedSession(manager, file, new StreamRequest("itest", SESSION, Codec.H264,
                8000, 1, false, Map.of("size", width + "x" + height)));
        String id = recorded.session().id();
        try {
            recorded.awaitEncoder("libav-x264");
            assertEquals("libav-x264 scales: no copy before it", 0L, copied(recorded));

            SessionPins.pin(configurationAdmin, BackendRole.ENCODER, "java-h264");
            recorded.awaitEncoder("java-h264");
            long fitted = copied(recorded);
            assertTrue("java-h264 cannot scale: its frames are fitted in Java, counted (" + fitted + ")", fitted >= 10);

            SessionPins.pin(configurationAdmin, BackendRole.ENCODER, "");
            recorded.awaitEncoder("libav-x264");
            long settled = copied(recorded);
            recorded.awaitPictures(10);
            assertEquals("no copy once libav-x264 is back", settled, copied(recorded));
        } finally {
            SessionPins.pin(configurationAdmin, BackendRole.ENCODER, "");
            recorded.stop();
        }
        Letterbox box = Letterbox.of(width, height, SESSION.width(), SESSION.height());
        recorded.assertSurvivedSwaps(id, 2, video -> StampTrack.ofFitted(video, width, height, box.left(), box.top(),
                box.width(), box.height()));
        DecodedVideo video = FfmpegDecoder.decode(file, "h264");
        assertEquals(SESSION.width(), video.width());
        assertEquals(SESSION.height(), video.height());
        video.assertBlackOutside(box.left(), box.top(), box.width(), box.height(), 16);
    }

    private static long copied(RecordedSession recorded) {
        Object count = recorded.session().stats().captureStats().get(COPIED);
        assertTrue("lumen:session counts the copies: " + recorded.session().stats().captureStats(),
                count instanceof Long);
        return (Long) count;
    }
}
