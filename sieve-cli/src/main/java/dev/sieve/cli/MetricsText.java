package dev.sieve.cli;

import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.PsnrS;
import dev.sieve.image.metrics.QualityReport;
import dev.sieve.image.saliency.SaliencyMap;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** The text {@code sieve metrics} prints: pure rendering of a {@link QualityReport}. */
final class MetricsText {
    private MetricsText() {
    }

    /** The pair, then one line per metric (n/a when undefined), PSNR-S with its region ({@code saliency} at or above {@code threshold}). */
    static void print(PrintWriter out, Path reference, Path distorted, Channels ch, QualityReport q, SaliencyMap saliency, double threshold,
            int width, int height) {
        out.printf(Locale.ROOT, "%s vs %s (%dx%d, %s)%n", reference, distorted, width, height, ch == Channels.LUMA ? "BT.601 luma" : "RGB");
        line(out, "PSNR", q.psnr(), " dB", "");
        String region = saliency == null ? "no --map" : String.format(Locale.ROOT, "region: map >= %s, %.1f %% of pixels",
                threshold, 100 * PsnrS.coverage(saliency, width, height, threshold));
        line(out, "PSNR-S", q.psnrS(), " dB", region);
        line(out, "PSNR-HVS", q.psnrHvs(), " dB", "");
        line(out, "PSNR-HVS-M", q.psnrHvsM(), " dB", "");
        line(out, "SSIM", q.ssim(), "", "");
        line(out, "MS-SSIM", q.msSsim(), "", "");
        line(out, "VIFp", q.vifp(), "", "");
    }

    private static void line(PrintWriter out, String name, double v, String unit, String note) {
        String value = Double.isNaN(v) ? "n/a" : (Double.isInfinite(v) ? "Infinity" : String.format(Locale.ROOT, "%.4f", v)) + unit;
        out.printf(Locale.ROOT, "  %-11s %s%s%n", name, value, note.isEmpty() ? "" : "  (" + note + ")");
    }
}
