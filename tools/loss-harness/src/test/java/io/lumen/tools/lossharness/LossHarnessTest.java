package io.lumen.tools.lossharness;

import io.lumen.protocol.moonlight.impl.video.VideoFecScheme;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.lumen.protocol.moonlight.impl.video.VideoFecScheme.LEOPARD16;
import static io.lumen.protocol.moonlight.impl.video.VideoFecScheme.RS8_MOONLIGHT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny sweep, checked where the outcome cannot be otherwise: whatever the seed, a frame with every datagram in
 * comes back, a frame with none does not, a frame of 1500 datagrams without FEC does not survive 1% loss (chance
 * of no loss 1e-7), and one with 20% parity survives 5% (the parity is 20 standard deviations above the loss).
 */
class LossHarnessTest {

    private static final LossSpec NONE = LossSpec.random(0);
    private static final LossSpec ONE_PERCENT = LossSpec.random(0.01);
    private static final LossSpec FIVE_PERCENT = LossSpec.random(0.05);
    private static final LossSpec BURSTS = LossSpec.bursts(0.02, 3);
    private static final int SMALL = 10_000;
    private static final int LARGE = 2_000_000;

    private static HarnessOptions options;
    private static HarnessRun run;
    private final CellRunner runner = new CellRunner(1392, 2, 5);

    @BeforeAll
    static void sweep() {
        options = HarnessOptions.parse(new String[]{"--sizes", "10k,2m", "--fec", "20", "--loss", "0%,1%,5%,2%/3",
                "--frames", "4", "--min-frames", "2", "--stream-frames", "3", "--threads", "2"}, Path.of("unused.png"));
        run = LossHarness.run(options, line -> { });
    }

    private static CellResult result(List<CellResult> results, VideoFecScheme scheme, int size, LossSpec loss) {
        return results.stream().filter(r -> r.cell().scheme() == scheme && r.cell().frameBytes() == size
                && r.cell().loss().equals(loss)).findFirst().orElseThrow();
    }

    @Test
    void theSweepHasEveryCellInTableOrder() {
        assertEquals(2 * 2 * 4, run.sweep().size());
        Cell first = run.sweep().getFirst().cell();
        assertEquals(new Cell(RS8_MOONLIGHT, SMALL, 20, NONE, 4), first);
        assertEquals(4, result(run.sweep(), LEOPARD16, LARGE, BURSTS).cell().frames());
        run.sweep().forEach(r -> assertEquals(0, r.wrong(), r.cell() + " handed out a frame that was not sent"));
    }

    @Test
    void withoutLossEitherSchemeDeliversEveryFrameWithoutRepairs() {
        for (VideoFecScheme scheme : VideoFecScheme.values()) {
            for (int size : new int[]{SMALL, LARGE}) {
                CellResult result = result(run.sweep(), scheme, size, NONE);
                assertEquals(4, result.delivered(), result.toString());
                assertEquals(0, result.repaired(), result.toString());
                assertEquals(0, result.dropped());
                assertEquals(1.0, result.deliveredShare());
            }
        }
        // one byte: the smallest frame either scheme can carry
        for (VideoFecScheme scheme : VideoFecScheme.values()) {
            assertEquals(3, runner.run(new Cell(scheme, 1, 20, NONE, 3)).delivered());
        }
    }

    @Test
    void losingEveryDatagramDeliversNothing() {
        for (VideoFecScheme scheme : VideoFecScheme.values()) {
            CellResult result = runner.run(new Cell(scheme, SMALL, 50, LossSpec.random(1), 5));
            assertEquals(0, result.delivered());
            assertEquals(result.datagrams(), result.dropped());
            assertEquals(1.0, result.lostShare());
        }
    }

    @Test
    void rs8SendsTwoMegabytesWithoutFecAndLosesThemWhereLeopard16RepairsThem() {
        CellResult rs8 = result(run.sweep(), RS8_MOONLIGHT, LARGE, ONE_PERCENT);
        assertTrue(rs8.sent());
        assertTrue(rs8.fecSkipped());
        assertEquals(0.0, rs8.fecOverhead());
        assertEquals(0, rs8.delivered());
        CellResult leopard = result(run.sweep(), LEOPARD16, LARGE, FIVE_PERCENT);
        assertFalse(leopard.fecSkipped());
        assertEquals(4, leopard.delivered());
        assertEquals(4, leopard.repaired());
    }

    @Test
    void sixteenMegabytesAtFivePercentLossRs8CannotSendAndLeopard16Delivers() {
        int size = 16_000_000;
        CellResult rs8 = runner.run(new Cell(RS8_MOONLIGHT, size, 20, FIVE_PERCENT, 2));
        assertFalse(rs8.sent(), "rs8-moonlight addresses at most 4 x 1023 shards, about 5.6 MB");
        assertEquals(0, rs8.delivered());
        CellResult leopard = runner.run(new Cell(LEOPARD16, size, 20, FIVE_PERCENT, 2));
        assertEquals(2, leopard.delivered());
        assertEquals(2, leopard.repaired());
        assertTrue(leopard.fecOverhead() >= 0.20 && leopard.fecOverhead() < 0.201, "" + leopard.fecOverhead());
        double lost = leopard.lostShare();
        assertTrue(lost > 0.045 && lost < 0.055, "30,000 datagrams at 5% loss, " + lost);
    }

    @Test
    void overheadIsParityOverDataAsSent() {
        // 10,008 bytes of payload in 1376-byte slices are 8 shards: Moonlight's rule gives ceil(8 * 20%) = 2 parity,
        // the floor every link gets (small blocks survive two or three losses) 3
        assertEquals(0.375, result(run.sweep(), RS8_MOONLIGHT, SMALL, NONE).fecOverhead());
        // leopard16's floor raises small frames well above the percentage, not big ones
        assertTrue(result(run.sweep(), LEOPARD16, SMALL, NONE).fecOverhead() > 0.5);
        double big = result(run.sweep(), LEOPARD16, LARGE, NONE).fecOverhead();
        assertTrue(big >= 0.20 && big < 0.201, "" + big);
    }

    @Test
    void theSameSeedLosesTheSameDatagrams() {
        Cell cell = new Cell(RS8_MOONLIGHT, 50_000, 10, BURSTS, 30);
        assertEquals(runner.run(cell), runner.run(cell));
        assertEquals(new CellRunner(1392, 2, 5).run(cell), runner.run(cell));
    }

    @Test
    void theSummaryNamesTheLargestSizeWithEveryFrameDelivered() {
        Summary.Protection rs8 = Summary.protection(run.sweep(), RS8_MOONLIGHT, 20, ONE_PERCENT);
        assertEquals(SMALL, rs8.largest().orElseThrow().cell().frameBytes());
        Summary.Protection leopard = Summary.protection(run.sweep(), LEOPARD16, 20, ONE_PERCENT);
        assertEquals(LARGE, leopard.largest().orElseThrow().cell().frameBytes());

        // a smaller size that lost a frame is named, not hidden behind the larger one that did not
        Cell small = new Cell(LEOPARD16, SMALL, 20, FIVE_PERCENT, 200);
        Cell mid = new Cell(LEOPARD16, 100_000, 20, FIVE_PERCENT, 200);
        Cell big = new Cell(LEOPARD16, LARGE, 20, FIVE_PERCENT, 12);
        List<CellResult> made = List.of(
                new CellResult(big, 12, 11, 11, 0, 1, 1, 0),
                new CellResult(small, 200, 199, 50, 0, 1, 1, 0),
                new CellResult(mid, 200, 200, 150, 0, 1, 1, 0));
        Summary.Protection picked = Summary.protection(made, LEOPARD16, 20, FIVE_PERCENT);
        assertEquals(mid, picked.largest().orElseThrow().cell());
        assertEquals(List.of(made.get(1)), picked.smallerFailing());
        assertTrue(Summary.protection(made, LEOPARD16, 20, ONE_PERCENT).largest().isEmpty());

        List<String> lines = Summary.lines(run, options);
        assertTrue(lines.contains("largest frame fully delivered at 1% random loss, 20% FEC: "
                + "rs8-moonlight 10 kB (4/4 frames); leopard16 2 MB (4/4 frames)"), String.join("\n", lines));
    }

    @Test
    void theStreamRunsAtTheSummarysBitrateUnderEachBurstModel() {
        assertEquals(2, run.stream().size());
        CellResult rs8 = result(run.stream(), RS8_MOONLIGHT, 2_083_333, BURSTS);
        assertEquals(3, rs8.cell().frames());
        assertTrue(rs8.fecSkipped());
        assertEquals(0, rs8.delivered());
        assertEquals(3, result(run.stream(), LEOPARD16, 2_083_333, BURSTS).delivered());
    }

    @Test
    void limitsAreWhereTheFramingChanges() {
        SchemeLimits rs8 = run.limits().getFirst();
        assertEquals(RS8_MOONLIGHT, rs8.scheme());
        // Moonlight's four blocks of at most 212 data shards at 20%, 1376 payload bytes each
        assertTrue(rs8.largestProtected() > 1_100_000 && rs8.largestProtected() < 4 * 212 * 1376, rs8.describe());
        assertEquals(LARGE, rs8.largestSent(), "a 2 MB frame still goes, without FEC");
        SchemeLimits leopard = run.limits().get(1);
        assertEquals(LARGE, leopard.largestProtected());

        assertEquals(37, SchemeLimits.largest(n -> n <= 37, 100));
        assertEquals(0, SchemeLimits.largest(n -> false, 100));
        assertEquals(100, SchemeLimits.largest(n -> true, 100));
    }

    @Test
    void theChartIsAPng(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("charts/delivered.png");
        assertTrue(DeliveryChart.write(file, run.sweep(), options, 20));
        byte[] head = Arrays.copyOf(Files.readAllBytes(file), 8);
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, head);
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image);
        assertEquals(1280, image.getWidth());
        assertEquals(760, image.getHeight());
        assertFalse(DeliveryChart.write(dir.resolve("none.png"), run.sweep(), options, 50));
        assertFalse(Files.exists(dir.resolve("none.png")));
    }

    @Test
    void badArgumentsAreRefusedWithTheReason() {
        Path chart = Path.of("x.png");
        for (String[] args : List.of(new String[]{"--loss", "5"}, new String[]{"--loss", "5%/0.5"},
                new String[]{"--loss", "90%/2"}, new String[]{"--fec", "200"}, new String[]{"--sizes", "abc"},
                new String[]{"--sizes", "0"}, new String[]{"--schemes", "rs9"}, new String[]{"--frames"},
                new String[]{"--frames", "2", "--min-frames", "3"}, new String[]{"--what", "1"},
                new String[]{"stray"})) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> HarnessOptions.parse(args, chart), String.join(" ", args));
            assertNotNull(refused.getMessage());
        }
        assertEquals(LossSpec.bursts(0.05, 10), LossSpec.parse("5%/10"));
        assertEquals("2% bursts of 3", LossSpec.parse("2%/3").label());
        assertEquals("0.5% random", LossSpec.parse("0.5%").label());
        assertEquals(1_500_000, ByteSize.parse("1.5m"));
        assertEquals("2.08 MB", ByteSize.format(2_083_333));
        assertEquals("10 kB", ByteSize.format(10_000));
    }
}
