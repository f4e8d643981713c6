package dev.sieve.cli;

import dev.sieve.adversarial.attack.Budget;
import dev.sieve.adversarial.eval.EvaluationReport;
import dev.sieve.adversarial.eval.EvaluationRow;
import dev.sieve.adversarial.eval.WilsonInterval;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One point of a budget sweep ({@code eval defense --budgets}): for a defense and a kind of
 * attack (plain or adaptive), the robust accuracy at budget ε, the worst single-run accuracy over
 * the attacks of that kind, with its Wilson 95 % interval and the attack that reached it.
 */
record RobustnessPoint(String norm, double epsilon, String defense, boolean adaptive, double accuracy, double low, double high,
        String worstAttack, int images) {

    /** The points of every report (one report per budget), in report order. */
    static List<RobustnessPoint> of(List<EvaluationReport> reports) {
        List<RobustnessPoint> points = new ArrayList<>();
        for (EvaluationReport r : reports) {
            Budget b = Budget.parse(r.budget());
            for (String d : r.defenses()) {
                for (boolean adaptive : new boolean[] {false, true}) {
                    EvaluationRow worst = r.worst(d, adaptive, w -> true);
                    if (worst != null) {
                        WilsonInterval ci = WilsonInterval.ofFraction(worst.accuracySingle(), worst.images());
                        points.add(new RobustnessPoint(b.norm().key(), b.epsilon(), d, adaptive, worst.accuracySingle(), ci.low(), ci.high(),
                                worst.attack(), worst.images()));
                    }
                }
            }
        }
        return points;
    }

    static String csv(List<RobustnessPoint> points) {
        StringBuilder s = new StringBuilder("norm,epsilon,defense,attacks,robust_accuracy,low,high,worst_attack,images\n");
        for (RobustnessPoint p : points) {
            s.append(String.format(Locale.ROOT, "%s,%.6f,\"%s\",%s,%.4f,%.4f,%.4f,\"%s\",%d%n", p.norm, p.epsilon, p.defense.replace("\"", "\"\""),
                    p.adaptive ? "adaptive" : "plain", p.accuracy, p.low, p.high, p.worstAttack.replace("\"", "\"\""), p.images));
        }
        return s.toString();
    }

    /** Robust accuracy (%) against ε, one line per defense and kind of attack. */
    static byte[] chart(List<RobustnessPoint> points, int images) throws IOException {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (RobustnessPoint p : points) {
            String key = p.defense + (p.adaptive ? " (adaptive)" : " (plain)");
            series.computeIfAbsent(key, k -> new XYSeries(k, true, false)).add(p.epsilon, 100 * p.accuracy);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        String norm = points.isEmpty() ? "" : points.get(0).norm;
        JFreeChart chart = ChartFactory.createXYLineChart("Robust accuracy (worst attack, single run) on " + images + " images",
                norm + " budget ε (samples in [0, 1])", "top-1 accuracy (%)", data, PlotOrientation.VERTICAL, true, false, false);
        chart.getXYPlot().getRangeAxis().setRange(0, 100);
        chart.getXYPlot().setBackgroundPaint(java.awt.Color.WHITE);
        chart.getXYPlot().setRangeGridlinePaint(java.awt.Color.GRAY);
        var renderer = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, true);
        chart.getXYPlot().setRenderer(renderer);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(bytes, chart, 900, 550);
        return bytes.toByteArray();
    }
}
