package dev.sieve.cli;

import dev.sieve.image.io.AtomicFiles;
import dev.sieve.nn.train.EpochResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The per-epoch record of a training run: {@code log.csv} and {@code curves.png} (train/test accuracy). */
final class TrainingCurves {
    private TrainingCurves() {
    }

    static void writeCsv(Path file, List<EpochResult> rows) throws IOException {
        StringBuilder sb = new StringBuilder("epoch,learning_rate,train_loss,train_accuracy,test_loss,test_accuracy,seconds,images_per_second\n");
        for (EpochResult r : rows) {
            sb.append(String.format(Locale.ROOT, "%d,%.6g,%.6f,%.6f,%.6f,%.6f,%.2f,%.1f%n", r.epoch(), r.learningRate(), r.trainLoss(),
                    r.trainAccuracy(), r.testLoss(), r.testAccuracy(), r.seconds(), r.imagesPerSecond()));
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void writePng(Path file, List<EpochResult> rows, String title) throws IOException {
        XYSeries train = new XYSeries("train accuracy"), test = new XYSeries("test accuracy");
        for (EpochResult r : rows) {
            train.add(r.epoch(), r.trainAccuracy());
            test.add(r.epoch(), r.testAccuracy());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(train);
        data.addSeries(test);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", "accuracy", data, PlotOrientation.VERTICAL, true, false, false);
        // markers as well as lines: a one-epoch run is one point per series, which a line alone does not draw
        chart.getXYPlot().setRenderer(new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, true));
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 800, 500));
    }
}
