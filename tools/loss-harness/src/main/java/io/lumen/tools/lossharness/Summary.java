package io.lumen.tools.lossharness;

import io.lumen.protocol.moonlight.impl.video.VideoFecScheme;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The answers the sweep is run for, as sentences. */
final class Summary {

    private Summary() {
    }

    /** The largest frame size with every frame delivered, and the smaller sizes that did lose frames. */
    record Protection(VideoFecScheme scheme, Optional<CellResult> largest, List<CellResult> smallerFailing) {
    }

    static Protection protection(List<CellResult> results, VideoFecScheme scheme, int fecPercent, LossSpec loss) {
        List<CellResult> row = results.stream()
                .filter(r -> r.cell().scheme() == scheme && r.cell().fecPercent() == fecPercent
                        && r.cell().loss().equals(loss))
                .sorted(Comparator.comparingInt(r -> r.cell().frameBytes()))
                .toList();
        Optional<CellResult> largest = row.stream().filter(CellResult::allDelivered).reduce((a, b) -> b);
        List<CellResult> failing = largest.isEmpty() ? List.of() : row.stream()
                .filter(r -> r.cell().frameBytes() < largest.get().cell().frameBytes() && !r.allDelivered())
                .toList();
        return new Protection(scheme, largest, failing);
    }

    static List<String> lines(HarnessRun run, HarnessOptions options) {
        List<String> lines = new ArrayList<>();
        for (SchemeLimits limits : run.limits()) {
            lines.add(limits.describe());
        }
        int fec = options.summaryFec();
        for (LossSpec loss : options.losses()) {
            if (loss.bursty() || loss.rate() == 0 || !options.fecPercents().contains(fec)) {
                continue;
            }
            StringBuilder line = new StringBuilder("largest frame fully delivered at " + loss.label() + " loss, "
                    + fec + "% FEC:");
            String separator = " ";
            for (VideoFecScheme scheme : options.schemes()) {
                line.append(separator).append(describe(protection(run.sweep(), scheme, fec, loss)));
                separator = "; ";
            }
            lines.add(line.toString());
        }
        if (!run.stream().isEmpty()) {
            lines.add(String.format(Locale.ROOT, "a %s stream at %d fps (frames of %s, %d%% FEC, %d frames):",
                    bitrate(options.streamBitsPerSecond()), options.streamFps(),
                    ByteSize.format(options.streamFrameBytes()), fec, options.streamFrames()));
            for (LossSpec loss : options.losses()) {
                if (!loss.bursty()) {
                    continue;
                }
                StringBuilder line = new StringBuilder("  " + loss.label() + ":");
                String separator = " ";
                for (CellResult result : run.stream()) {
                    if (result.cell().loss().equals(loss)) {
                        line.append(separator).append(result.cell().scheme().id()).append(' ')
                                .append(streamOutcome(result));
                        separator = "; ";
                    }
                }
                lines.add(line.toString());
            }
        }
        return lines;
    }

    private static String describe(Protection protection) {
        String id = protection.scheme().id();
        if (protection.largest().isEmpty()) {
            return id + " none";
        }
        CellResult largest = protection.largest().get();
        StringBuilder text = new StringBuilder(id + " " + ByteSize.format(largest.cell().frameBytes()) + " ("
                + largest.delivered() + "/" + largest.cell().frames() + " frames");
        String separator = "; smaller frames that lost some: ";
        for (CellResult failing : protection.smallerFailing()) {
            text.append(String.format(Locale.ROOT, "%s%s %.1f%% delivered", separator,
                    ByteSize.format(failing.cell().frameBytes()), failing.deliveredShare() * 100));
            separator = ", ";
        }
        return text.append(')').toString();
    }

    private static String streamOutcome(CellResult result) {
        if (!result.sent()) {
            return "0% delivered (frames not sent)";
        }
        String how = result.fecSkipped() ? "sent without FEC"
                : String.format(Locale.ROOT, "%d repaired, %.1f%% parity", result.repaired(), result.fecOverhead() * 100);
        return String.format(Locale.ROOT, "%.1f%% delivered (%d/%d, %s)", result.deliveredShare() * 100,
                result.delivered(), result.cell().frames(), how);
    }

    private static String bitrate(long bitsPerSecond) {
        return bitsPerSecond % 1_000_000_000L == 0 ? bitsPerSecond / 1_000_000_000L + " Gbit/s"
                : bitsPerSecond / 1_000_000L + " Mbit/s";
    }
}
