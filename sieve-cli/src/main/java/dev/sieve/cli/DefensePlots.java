package dev.sieve.cli;

import dev.sieve.adversarial.eval.DefenseSweep;
import dev.sieve.adversarial.eval.EvaluationReport;
import dev.sieve.adversarial.eval.EvaluationRow;
import dev.sieve.adversarial.eval.RobustnessPoint;
import dev.sieve.image.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The figures of {@code sieve eval defense}, as PNG bytes: pure rendering of the library's reports (jfreechart is a CLI dependency only). */
final class DefensePlots {
    private DefensePlots() {
    }

    /** Writes accuracy.png into each budget's folder of {@code result} under {@code out} and, for a sweep, robustness.png into {@code out}. */
    static void write(Path out, DefenseSweep.Result result) throws IOException {
        for (EvaluationReport r : result.reports()) {
            AtomicFiles.write(result.folder(out, r).resolve("accuracy.png"), accuracy(r));
        }
        if (result.reports().size() > 1) {
            AtomicFiles.write(out.resolve("robustness.png"), robustness(result.points(), result.reports().get(0).correct()));
        }
    }

    /** Grouped bars: per attack, Ens-N accuracy under each defense. */
    static byte[] accuracy(EvaluationReport r) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (EvaluationRow w : r.rows()) {
            data.addValue(100 * w.accuracyEnsemble(), w.defense(), w.attack() + (w.adaptive() ? " (adaptive)" : ""));
        }
        JFreeChart chart = ChartFactory.createBarChart("Top-1 accuracy on " + r.correct() + " correctly classified images (Ens-" + r.ensemble() + ")",
                "attack", "top-1 accuracy (%)", data, PlotOrientation.VERTICAL, true, false, false);
        chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        chart.getCategoryPlot().getRangeAxis().setRange(0, 100);
        chart.getCategoryPlot().setBackgroundPaint(java.awt.Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(java.awt.Color.GRAY);
        int width = Math.min(4000, Math.max(900, 40 * data.getColumnCount() * Math.max(1, data.getRowCount())));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(bytes, chart, width, 550);
        return bytes.toByteArray();
    }

    /** Robust accuracy (%) against ε, one line per defense and kind of attack. */
    static byte[] robustness(List<RobustnessPoint> points, int images) throws IOException {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (RobustnessPoint p : points) {
            String key = p.defense() + (p.adaptive() ? " (adaptive)" : " (plain)");
            series.computeIfAbsent(key, k -> new XYSeries(k, true, false)).add(p.epsilon(), 100 * p.accuracy());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        String norm = points.isEmpty() ? "" : points.get(0).norm();
        JFreeChart chart = ChartFactory.createXYLineChart("Robust accuracy (worst attack, single run) on " + images + " images",
                norm + " budget ε (samples in [0, 1])", "top-1 accuracy (%)", data, PlotOrientation.VERTICAL, true, false, false);
        chart.getXYPlot().getRangeAxis().setRange(0, 100);
        chart.getXYPlot().setBackgroundPaint(java.awt.Color.WHITE);
        chart.getXYPlot().setRangeGridlinePaint(java.awt.Color.GRAY);
        chart.getXYPlot().setRenderer(new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, true));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(bytes, chart, 900, 550);
        return bytes.toByteArray();
    }
}
