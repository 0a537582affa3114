package io.lumen.tools.lossharness;

import io.lumen.protocol.moonlight.impl.video.VideoFecScheme;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Delivered frames against frame size at one FEC percentage: a series per scheme and loss model, the loss model
 * by colour, the scheme by line (rs8-moonlight dashed with squares, leopard16 solid with circles).
 */
final class DeliveryChart {

    private static final Color[] LOSS_COLOURS = {
            new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    private DeliveryChart() {
    }

    /** Writes the chart as a PNG; false when the sweep has no cell at {@code fecPercent}. */
    static boolean write(Path file, List<CellResult> results, HarnessOptions options, int fecPercent)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(1280).height(760)
                .title("Frames delivered at " + fecPercent + "% FEC (packet size " + options.packetSize() + ")")
                .xAxisTitle("frame size, kB (1 kB = 1000 bytes; log scale)").yAxisTitle("frames delivered byte for byte (%)").build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setMarkerSize(7);
        styler.setXAxisLogarithmic(true);
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(100.0);
        // kB, not bytes, and no custom label formatter: XChart would place a formatter's ticks linearly
        styler.setXAxisDecimalPattern("#,##0.#");
        boolean any = false;
        for (int l = 0; l < options.losses().size(); l++) {
            LossSpec loss = options.losses().get(l);
            Color colour = LOSS_COLOURS[l % LOSS_COLOURS.length];
            for (VideoFecScheme scheme : options.schemes()) {
                List<CellResult> series = results.stream()
                        .filter(r -> r.cell().scheme() == scheme && r.cell().fecPercent() == fecPercent
                                && r.cell().loss().equals(loss))
                        .sorted((a, b) -> Integer.compare(a.cell().frameBytes(), b.cell().frameBytes()))
                        .toList();
                if (series.isEmpty()) {
                    continue;
                }
                any = true;
                double[] x = series.stream().mapToDouble(r -> r.cell().frameBytes() / 1000.0).toArray();
                double[] y = series.stream().mapToDouble(r -> r.deliveredShare() * 100).toArray();
                XYSeries line = chart.addSeries(scheme.id() + ", " + loss.label(), x, y);
                line.setLineColor(colour);
                line.setMarkerColor(colour);
                boolean rs8 = scheme == VideoFecScheme.RS8_MOONLIGHT;
                line.setLineStyle(rs8 ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
                line.setMarker(rs8 ? SeriesMarkers.SQUARE : SeriesMarkers.CIRCLE);
            }
        }
        if (!any) {
            return false;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        return true;
    }
}
