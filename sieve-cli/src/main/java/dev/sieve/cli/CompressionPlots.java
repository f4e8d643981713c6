package dev.sieve.cli;

import dev.sieve.image.io.AtomicFiles;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.nn.compress.CompressionEvaluation;
import dev.sieve.jpeg.eval.RateDistortionEvaluation.ImageResult;
import dev.sieve.jpeg.eval.RateDistortionEvaluation.Kind;
import dev.sieve.jpeg.eval.RateDistortionReport;
import dev.sieve.jpeg.eval.RdMetric;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The figures of {@code sieve eval compression}, as PNG bytes: pure rendering of the data of
 * {@link CompressionEvaluation.Result}. Plots stay in the CLI because jfreechart is a front-end
 * dependency only (the service and Spark draw no charts); the libraries return the data.
 */
final class CompressionPlots {
    private CompressionPlots() {
    }

    /**
     * Writes the figures of {@code r} into {@code out}: rd.png and rd_psnr_s.png (with rate–distortion),
     * psnr_hvs_difference.png (Figures 2.4/2.5) and crops/NAME.png (Figure 2.1).
     */
    static void write(Path out, CompressionEvaluation.Result r) throws IOException {
        if (r.rd() != null) {
            for (RdMetric k : List.of(RdMetric.PSNR, RdMetric.PSNR_S)) {
                byte[] png = rateDistortion(r.rd(), k);
                if (png != null) {
                    AtomicFiles.write(out.resolve(k == RdMetric.PSNR ? "rd.png" : "rd_psnr_s.png"), png);
                }
            }
        }
        Map<String, double[]> diff = r.psnrHvsDifferences();
        if (!diff.isEmpty()) {
            List<String> names = r.crops().stream().map(CompressionEvaluation.Crop::image).toList();
            AtomicFiles.write(out.resolve("psnr_hvs_difference.png"), psnrHvsDifference(names, diff, r.config().matchQuality()));
        }
        Path cropDir = Files.createDirectories(out.resolve("crops"));
        for (CompressionEvaluation.Crop crop : r.crops()) {
            AtomicFiles.write(cropDir.resolve(crop.image() + ".png"), sideBySide(crop));
        }
    }

    /**
     * Thesis Figures 2.4/2.5: per image, PSNR-HVS of each semantic mode minus that of plain JPEG
     * (dB; positive = the semantic mode is better).
     *
     * @param differences per mode, one value per image in {@code images} order
     */
    static byte[] psnrHvsDifference(List<String> images, Map<String, double[]> differences, double matchQuality)
            throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map.Entry<String, double[]> e : differences.entrySet()) {
            for (int i = 0; i < images.size(); i++) {
                data.addValue(e.getValue()[i], e.getKey(), images.get(i));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(
                "PSNR-HVS of semantic JPEG − plain JPEG Q" + fmt(matchQuality) + " at the same size (higher is better)",
                "image", "Δ PSNR-HVS (dB)", data, PlotOrientation.VERTICAL, true, false, false);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(Color.GRAY);
        int width = Math.min(4000, Math.max(800, 60 * images.size() * differences.size()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(out, chart, width, 500);
        return out.toByteArray();
    }

    /** Line colours of the rate–distortion figures (Tableau 10, readable on white). */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0x17becf), new Color(0xbcbd22)};

    /** Most image panels in one rate–distortion figure; later images are left out (the mean panel covers all). */
    static final int MAX_RD_PANELS = 24;

    /**
     * Rate–distortion curves of {@code sieve eval compression --baseline}: one panel per image (at
     * most {@value #MAX_RD_PANELS}) and, for several images, a first panel of the mean curves
     * (mean bpp and mean metric over images at each sweep quality); bits per pixel on x, {@code
     * metric} on y, one line per method, baselines dashed. Null when no point has the metric.
     */
    static byte[] rateDistortion(RateDistortionReport report, RdMetric metric) throws IOException {
        List<JFreeChart> charts = new ArrayList<>();
        int n = report.images().size();
        if (n > 1) {
            XYSeriesCollection mean = new XYSeriesCollection();
            for (RateDistortionReport.MethodInfo m : report.methods()) {
                XYSeries s = new XYSeries(m.name(), false, true);
                for (double[] p : report.meanCurve(m.name(), metric)) {
                    s.add(p[1], p[2]);
                }
                mean.addSeries(s);
            }
            charts.add(rdChart("mean of " + n + " images" + (n > MAX_RD_PANELS ? " (first " + MAX_RD_PANELS
                    + " shown below)" : ""), metric, mean, report));
        }
        boolean any = false;
        for (ImageResult img : report.images().subList(0, Math.min(n, MAX_RD_PANELS))) {
            XYSeriesCollection col = new XYSeriesCollection();
            for (RateDistortionReport.MethodInfo m : report.methods()) {
                XYSeries s = new XYSeries(m.name(), false, true);
                for (RateDistortionReport.Point p : report.curve(img.name(), m.name())) {
                    if (Double.isFinite(p.value(metric))) {
                        s.add(p.bpp(), p.value(metric));
                        any = true;
                    }
                }
                col.addSeries(s);
            }
            charts.add(rdChart(img.name(), metric, col, report));
        }
        if (!any) {
            return null;
        }
        int cols = Math.min(3, charts.size()), rows = (charts.size() + cols - 1) / cols, w = 520, h = 400;
        BufferedImage out = new BufferedImage(cols * w, rows * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            charts.get(i).draw(g, new Rectangle2D.Double((i % cols) * w, (i / cols) * h, w, h));
        }
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        return bytes.toByteArray();
    }

    private static JFreeChart rdChart(String title, RdMetric metric, XYSeriesCollection data, RateDistortionReport report) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, "bits per pixel",
                metric.label() + (metric.unit().isEmpty() ? "" : " (" + metric.unit() + ")"), data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < report.methods().size(); i++) {
            boolean baseline = report.methods().get(i).kind() == Kind.BASELINE;
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            r.setSeriesStroke(i, baseline
                    ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2f));
        }
        plot.setRenderer(r);
        return chart;
    }

    /**
     * Thesis Figure 2.1: the same crop of the original and of each decoded JPEG side by side, each
     * under its label, magnified by the crop's zoom with nearest-neighbour so blocking stays visible.
     */
    static byte[] sideBySide(CompressionEvaluation.Crop crop) throws IOException {
        int side = crop.tiles().get(0).width();
        int gap = 8, header = 22, tile = side * crop.zoom();
        BufferedImage out = new BufferedImage(crop.tiles().size() * (tile + gap) - gap, tile + header, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int i = 0; i < crop.tiles().size(); i++) {
            int x = i * (tile + gap);
            g.drawImage(ImageFiles.toBufferedImage(crop.tiles().get(i)), x, header, tile, tile, null);
            g.setColor(Color.BLACK);
            g.drawString(crop.labels().get(i), x + 2, header - 6);
        }
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        return bytes.toByteArray();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
