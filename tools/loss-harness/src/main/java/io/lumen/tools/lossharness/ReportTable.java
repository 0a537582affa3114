package io.lumen.tools.lossharness;

import io.lumen.protocol.moonlight.impl.video.VideoFecScheme;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The sweep as a table: a row per FEC percentage, loss model and frame size, the schemes side by side. */
final class ReportTable {

    private static final String ROW_HEAD = "%4s  %-16s %8s %6s";
    private static final String SCHEME_CELL = " | %9s %8s %8s %6s";
    private static final int SCHEME_WIDTH = String.format(SCHEME_CELL, "", "", "", "").length();

    private record Row(int fecPercent, LossSpec loss, int frameBytes, int frames) {
    }

    private ReportTable() {
    }

    static void print(PrintStream out, List<CellResult> results, List<VideoFecScheme> schemes) {
        Map<Row, Map<VideoFecScheme, CellResult>> rows = new LinkedHashMap<>();
        for (CellResult result : results) {
            Cell cell = result.cell();
            rows.computeIfAbsent(new Row(cell.fecPercent(), cell.loss(), cell.frameBytes(), cell.frames()),
                    row -> new EnumMap<>(VideoFecScheme.class)).put(cell.scheme(), result);
        }
        StringBuilder names = new StringBuilder(String.format(ROW_HEAD, "", "", "", ""));
        StringBuilder columns = new StringBuilder(String.format(ROW_HEAD, "FEC", "loss", "frame", "frames"));
        for (VideoFecScheme scheme : schemes) {
            names.append(String.format(Locale.ROOT, " | %-" + (SCHEME_WIDTH - 3) + "s", scheme.id()));
            columns.append(String.format(SCHEME_CELL, "delivered", "repaired", "FEC sent", "lost"));
        }
        out.println(names.toString().stripTrailing());
        out.println(columns);
        Row previous = null;
        for (Map.Entry<Row, Map<VideoFecScheme, CellResult>> entry : rows.entrySet()) {
            Row row = entry.getKey();
            if (previous != null && (previous.fecPercent() != row.fecPercent() || !previous.loss().equals(row.loss()))) {
                out.println();
            }
            previous = row;
            StringBuilder line = new StringBuilder(String.format(ROW_HEAD, row.fecPercent() + "%", row.loss().label(),
                    ByteSize.format(row.frameBytes()), row.frames()));
            for (VideoFecScheme scheme : schemes) {
                line.append(cell(entry.getValue().get(scheme)));
            }
            out.println(line.toString().stripTrailing());
        }
        int wrong = results.stream().mapToInt(CellResult::wrong).sum();
        if (wrong > 0) {
            out.println("WRONG: " + wrong + " frames were handed out that are not the frames sent");
        }
    }

    private static String cell(CellResult result) {
        if (result == null) {
            return String.format(SCHEME_CELL, "", "", "", "");
        }
        if (!result.sent()) {
            return String.format(Locale.ROOT, " | %-" + (SCHEME_WIDTH - 3) + "s", "not sent (too big)");
        }
        String fec = result.fecSkipped() ? "no FEC" : percent(result.fecOverhead());
        return String.format(Locale.ROOT, SCHEME_CELL, percent(result.deliveredShare()), result.repaired(), fec,
                percent(result.lostShare()));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
