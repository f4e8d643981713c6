package dev.sieve.repr;

import dev.sieve.image.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes CCA matrices ({@link FilterCca}) as a heat-map PNG in the manner of thesis Figures 5.2 and
 * 5.11: one panel per matrix, side by side, dark blue for 0 through green to yellow for 1 (a
 * viridis-like ramp), filters along both axes (labelled), with a labelled colour bar. Values above ≈ 0.3 are unusual for random orthogonal filters.
 */
public final class CcaHeatmap {
    private static final int CELL_AREA = 384, MARGIN = 40, BAR = 24;
    private static final float[][] RAMP = {{0.267f, 0.005f, 0.329f}, {0.229f, 0.322f, 0.546f}, {0.128f, 0.567f, 0.551f},
        {0.369f, 0.789f, 0.383f}, {0.993f, 0.906f, 0.144f}};

    private CcaHeatmap() {
    }

    /** Writes {@code panels} (square matrices in [0, 1]) titled {@code titles} to {@code file}, atomically. */
    public static void write(Path file, double[][][] panels, String[] titles) throws IOException {
        int w = MARGIN + panels.length * (CELL_AREA + MARGIN) + BAR + 3 * MARGIN, h = CELL_AREA + 3 * MARGIN;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        for (int p = 0; p < panels.length; p++) {
            double[][] m = panels[p];
            int x0 = MARGIN + p * (CELL_AREA + MARGIN), j = m.length;
            for (int a = 0; a < j; a++) {
                for (int b = 0; b < j; b++) {
                    g.setColor(color(m[a][b]));
                    int xa = x0 + b * CELL_AREA / j, ya = MARGIN + a * CELL_AREA / j;
                    g.fillRect(xa, ya, x0 + (b + 1) * CELL_AREA / j - xa, MARGIN + (a + 1) * CELL_AREA / j - ya);
                }
            }
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1));
            g.drawRect(x0, MARGIN, CELL_AREA, CELL_AREA);
            g.drawString(titles[p], x0, MARGIN - 12);
            g.drawString("filter 1 … " + j + " (columns)", x0, MARGIN + CELL_AREA + 18);
            java.awt.geom.AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2, x0 - 8, MARGIN + CELL_AREA);
            g.drawString("filter 1 … " + j + " (rows)", x0 - 8, MARGIN + CELL_AREA);
            g.setTransform(saved);
        }
        int bx = MARGIN + panels.length * (CELL_AREA + MARGIN);
        for (int y = 0; y < CELL_AREA; y++) {
            g.setColor(color(1 - (double) y / (CELL_AREA - 1)));
            g.fillRect(bx, MARGIN + y, BAR, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(bx, MARGIN, BAR, CELL_AREA);
        g.drawString("1", bx + BAR + 4, MARGIN + 10);
        g.drawString("0.5", bx + BAR + 4, MARGIN + CELL_AREA / 2 + 5);
        g.drawString("0", bx + BAR + 4, MARGIN + CELL_AREA);
        g.drawString("CCA", bx, MARGIN + CELL_AREA + 18);
        g.drawString("coefficient", bx, MARGIN + CELL_AREA + 34);
        g.dispose();
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
    }

    static Color color(double v) {
        double t = Math.max(0, Math.min(1, v)) * (RAMP.length - 1);
        int i = Math.min(RAMP.length - 2, (int) t);
        float f = (float) (t - i);
        return new Color(RAMP[i][0] + f * (RAMP[i + 1][0] - RAMP[i][0]), RAMP[i][1] + f * (RAMP[i + 1][1] - RAMP[i][1]),
                RAMP[i][2] + f * (RAMP[i + 1][2] - RAMP[i][2]));
    }
}
