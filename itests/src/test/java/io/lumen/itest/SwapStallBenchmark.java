package io.lumen.itest;

import io.lumen.api.session.SessionManager;
import io.lumen.api.session.SwapEvent;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Not a test of the default run (its name does not end in IT): measures the stall each swap kind causes in one live
 * 60 fps session, over many swaps: from the last picture sent before the operation to the first keyframe sent after
 * the last swap it caused (an update with its refresh swaps twice: out at the stop, in at the start).
 * Run (see itests/README.md): {@code ./mvnw -B -pl itests verify -Dit.test=SwapStallBenchmark -Dlumen.swaps=100}
 * The figures go to stdout and target/swap-stall.txt.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SwapStallBenchmark {

    @Inject
    private BundleContext context;

    @Inject
    private SessionManager manager;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(LumenContainer.options(List.of("lumen-encode-libav"))));
        options.add(org.ops4j.pax.exam.CoreOptions.systemProperty("lumen.swaps").value(System.getProperty("lumen.swaps", "50")));
        return options.toArray(Option[]::new);
    }

    @Test
    public void measureSwapStalls() throws Exception {
        int swaps = Integer.getInteger("lumen.swaps", 50);
        Path work = Path.of(System.getProperty("lumen.itest.work", "target"));
        RecordedSession recorded = new RecordedSession(manager, Files.createTempFile(work, "bench", ".h264"),
                new io.lumen.api.media.VideoMode(320, 180, 60));
        String id = recorded.session().id();
        recorded.awaitEncoder("java-h264");
        Bundle fixture = BundleOps.installFixture(context);
        recorded.awaitEncoder("ipcm-h264");

        List<Double> pinFlips = new ArrayList<>();
        List<Double> pinFlipStalls = new ArrayList<>();
        org.osgi.service.cm.Configuration configuration = configurationAdmin.getConfiguration("io.lumen.session", "?");
        for (int i = 0; i < swaps; i++) {
            String target = i % 2 == 0 ? "java-h264" : "ipcm-h264";
            Dictionary<String, Object> pin = new Hashtable<>();
            pin.put("pin.encoder", target);
            java.time.Instant before = java.time.Instant.now();
            configuration.update(pin);
            pinFlips.add(awaitStall(recorded, target, before));
            pinFlipStalls.add(lastStall(recorded));
        }
        configuration.update(new Hashtable<>());
        recorded.awaitEncoder("ipcm-h264");
        fixture.uninstall();
        BundleOps.refresh(context, fixture);
        recorded.awaitEncoder("java-h264");

        Bundle encoder = BundleOps.bundle(context, "io.lumen.encode.java");
        List<Double> updates = new ArrayList<>();
        List<Double> updateStalls = new ArrayList<>();
        List<Double> refreshedUpdates = new ArrayList<>();
        List<Double> refreshedUpdateStalls = new ArrayList<>();
        for (int i = 0; i < 2 * swaps; i++) {
            // alternately: update alone (what the shell's "update" does to a bundle nobody imports from), and
            // update followed by a refresh, which stops and starts the new revision once more
            boolean refresh = i % 2 == 1;
            java.time.Instant before = java.time.Instant.now();
            encoder.update();
            if (refresh) {
                BundleOps.refresh(context, encoder);
            }
            (refresh ? refreshedUpdates : updates).add(awaitStall(recorded, "java-h264", before));
            (refresh ? refreshedUpdateStalls : updateStalls).add(lastStall(recorded));
        }
        recorded.stop();
        assertEquals("zero sessions lost: the same session ran throughout", id, recorded.session().id());
        String report = String.format(Locale.ROOT, "swap stall over %d swaps each, 320x180x60 session, java-h264 <-> ipcm-h264%n"
                        + "client-side outage (last picture before the operation -> first keyframe after its last swap):%n"
                        + "  DS swap (ConfigAdmin pin flip): %s%n  bundle update:                  %s%n"
                        + "  bundle update + refresh:        %s%n"
                        + "pipeline stall of the last swap (SwapEvent.stall, as lumen:session shows it):%n"
                        + "  DS swap (ConfigAdmin pin flip): %s%n  bundle update:                  %s%n"
                        + "  bundle update + refresh:        %s%n"
                        + "sessions lost: 0 (session %s, %d pictures)%n",
                swaps, summary(pinFlips), summary(updates), summary(refreshedUpdates), summary(pinFlipStalls),
                summary(updateStalls), summary(refreshedUpdateStalls), id, recorded.count());
        System.out.print(report);
        Files.writeString(work.getParent().resolve("swap-stall.txt"), report);
    }

    /** Waits for a swap to {@code encoder} begun after {@code since} to complete; returns the outage in ms. */
    private static double awaitStall(RecordedSession recorded, String encoder, java.time.Instant since)
            throws InterruptedException {
        RecordedSession.await("a measured swap to " + encoder, () -> {
            List<SwapEvent> events = recorded.session().stats().swaps();
            SwapEvent last = events.isEmpty() ? null : events.getLast();
            return last != null && last.to().equals(encoder) && last.at().isAfter(since) && last.stall().isPresent();
        });
        SwapEvent last = recorded.session().stats().swaps().getLast();
        recorded.awaitPictures(5);
        return recorded.outageMillis(since, last.at());
    }

    private static double lastStall(RecordedSession recorded) {
        return recorded.session().stats().swaps().getLast().stall().orElseThrow().toNanos() / 1e6;
    }

    private static String summary(List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        double p90 = sorted.get((int) Math.ceil(sorted.size() * 0.90) - 1);
        double p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
        return String.format(Locale.ROOT, "median %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", median, p90,
                p99, sorted.getLast(), sorted.size());
    }
}
