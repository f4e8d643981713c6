package dev.sieve.cli;

import dev.sieve.image.io.AtomicFiles;
import dev.sieve.repr.ReprComparison;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The figure of {@code sieve eval repr}: pure rendering of a {@link ReprComparison.Result} (jfreechart is a CLI dependency only). */
final class ReprPlots {
    private ReprPlots() {
    }

    /**
     * Thesis Figure 5.1: mean train (left) and test (right) accuracy per epoch of the schemes that are not ablations
     * over the seeds all of them have complete ({@link ReprComparison.Result#commonSeeds()}; each scheme's own seeds
     * when they share none, as the title says), pruned phases shaded; a 1400 × 520 PNG.
     */
    static void curves(Path file, ReprComparison.Result r, String arch) throws IOException {
        plot(file, r, arch, r.mainSchemes(), r.commonSeeds());
    }

    /**
     * The ablations beside standard training and RePr-Ortho (those of the two that exist), the same figure as
     * {@link #curves} over the seeds all of them have complete; nothing is written without an ablation.
     */
    static void ablations(Path file, ReprComparison.Result r, String arch) throws IOException {
        if (r.ablations().isEmpty()) {
            return;
        }
        List<String> schemes = new ArrayList<>(r.schemes().stream().filter(x -> x.equals("standard") || x.equals("repr-ortho")).toList());
        schemes.addAll(r.ablations());
        plot(file, r, arch + ", ablations", schemes, r.commonSeeds(schemes));
    }

    /** The two-panel figure of {@code schemes} averaged over {@code common} (each scheme's own seeds when empty), titled with {@code label}. */
    private static void plot(Path file, ReprComparison.Result r, String label, List<String> schemes, List<Integer> common) throws IOException {
        boolean[] pruned = r.prunedEpochs();
        Collection<Integer> seeds = common.isEmpty() ? r.runs().stream().map(ReprComparison.Run::seed).collect(Collectors.toSet()) : common;
        String over = common.isEmpty() ? "mean over each scheme's complete seeds"
                : "mean over seed" + (common.size() == 1 ? " " : "s ") + common.stream().map(String::valueOf).collect(Collectors.joining(", "));
        JFreeChart[] charts = new JFreeChart[2];
        for (int c = 0; c < 2; c++) {
            XYSeriesCollection col = new XYSeriesCollection();
            for (String s : schemes) {
                XYSeries series = new XYSeries(s);
                double[] mean = r.meanAccuracy(s, c == 0, seeds);
                for (int e = 1; e <= r.epochs(); e++) {
                    series.add(e, mean[e - 1]);
                }
                col.addSeries(series);
            }
            charts[c] = ChartFactory.createXYLineChart((c == 0 ? "Training" : "Test") + " accuracy, " + label + ", " + over,
                    "epoch", "accuracy", col, PlotOrientation.VERTICAL, true, false, false);
            XYPlot plot = charts[c].getXYPlot();
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
            plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
            plot.getRangeAxis().setAutoRange(true);
            ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
            for (int e = 0; e < pruned.length; e++) {
                if (pruned[e]) {
                    plot.addDomainMarker(new IntervalMarker(e + 0.5, e + 1.5, new Color(120, 150, 220, 70)), org.jfree.chart.ui.Layer.BACKGROUND);
                }
            }
        }
        BufferedImage img = new BufferedImage(1400, 520, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        charts[0].draw(g, new Rectangle2D.Double(0, 0, 700, 520));
        charts[1].draw(g, new Rectangle2D.Double(700, 0, 700, 520));
        g.dispose();
        AtomicFiles.write(file, o -> ImageIO.write(img, "png", o));
    }
}
