package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.saliency.SaliencyMap;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/** The figures of {@code sieve eval compression}, as PNG bytes. */
final class CompressionPlots {
    private CompressionPlots() {
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

    /**
     * The square window of side {@code side} (on an 8-pixel grid) with the highest mean saliency:
     * {x, y}.
     */
    static int[] mostSalientWindow(SaliencyMap map, int w, int h, int side) {
        float[] v = map.resizedTo(w, h).values();
        double[] integral = new double[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            double row = 0;
            for (int x = 0; x < w; x++) {
                row += v[y * w + x];
                integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
            }
        }
        int bestX = 0, bestY = 0;
        double best = -1;
        for (int y = 0; y + side <= h; y += 8) {
            for (int x = 0; x + side <= w; x += 8) {
                double s = integral[(y + side) * (w + 1) + x + side] - integral[y * (w + 1) + x + side]
                        - integral[(y + side) * (w + 1) + x] + integral[y * (w + 1) + x];
                if (s > best) {
                    best = s;
                    bestX = x;
                    bestY = y;
                }
            }
        }
        return new int[] {bestX, bestY};
    }

    /**
     * Thesis Figure 2.1: the same crop of the original and of each decoded JPEG side by side, each
     * under its label, magnified {@code zoom}× with nearest-neighbour so blocking stays visible.
     */
    static byte[] sideBySide(List<String> labels, List<Planar> images, int x0, int y0, int side, int zoom)
            throws IOException {
        int gap = 8, header = 22, tile = side * zoom;
        BufferedImage out = new BufferedImage(images.size() * (tile + gap) - gap, tile + header, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int i = 0; i < images.size(); i++) {
            BufferedImage full = ImageFiles.toBufferedImage(images.get(i));
            int x = i * (tile + gap);
            g.drawImage(full.getSubimage(x0, y0, side, side), x, header, tile, tile, null);
            g.setColor(Color.BLACK);
            g.drawString(labels.get(i), x + 2, header - 6);
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
