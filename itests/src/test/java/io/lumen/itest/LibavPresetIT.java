package io.lumen.itest;

import io.lumen.api.backend.BackendInfo;
import io.lumen.api.backend.BackendRole;
import io.lumen.api.session.SessionManager;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import javax.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;

/**
 * The operator's x264 preset reaches the encoder inside Felix: with {@code lumen.x264.preset=superfast} the stream
 * is High profile (CABAC, 8x8 transforms), where the default ultrafast makes Constrained Baseline.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LibavPresetIT {

    @Inject
    private SessionManager manager;

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(LumenContainer.options()));
        options.add(CoreOptions.frameworkProperty("lumen.x264.preset").value("superfast"));
        return options.toArray(Option[]::new);
    }

    @Test
    public void theConfiguredPresetShapesTheStream() throws Exception {
        BackendInfo x264 = manager.backends().stream()
                .filter(b -> b.role() == BackendRole.ENCODER && b.id().equals("libav-x264")).findFirst().orElseThrow();
        Assume.assumeTrue("libav-x264 cannot run here: " + x264.probe(), x264.probe().available());
        Path file = Files.createTempFile(Path.of(System.getProperty("lumen.itest.work", "target")), "preset", ".h264");
        RecordedSession recorded = new RecordedSession(manager, file);
        recorded.awaitEncoder("libav-x264");
        recorded.stop();
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-f", "h264", "-select_streams", "v:0",
                "-show_entries", "stream=profile", "-of", "csv=p=0", file.toString()).start();
        assertEquals("High", new String(probe.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip());
    }
}
