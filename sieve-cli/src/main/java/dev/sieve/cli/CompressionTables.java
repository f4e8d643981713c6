package dev.sieve.cli;

import dev.sieve.image.metrics.Channels;
import dev.sieve.jpeg.eval.ExternalEncoder;
import dev.sieve.jpeg.eval.RateDistortionReport;
import dev.sieve.jpeg.eval.RdMetric;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text tables of {@code sieve eval compression} and {@code sieve spark evaluate}: pure rendering of their results. */
final class CompressionTables {
    private CompressionTables() {
    }

    /** The means per method in Table 2.1 layout, with bytes and encode time. */
    static void means(PrintWriter pw, List<String> methods, Map<String, Map<String, Object>> means, int n, Channels channels, String report) {
        pw.printf(Locale.ROOT, "%d images, %s metrics, means (thesis Table 2.1 layout); report in %s%n", n,
                channels == Channels.LUMA ? "luma" : "RGB", report);
        pw.printf(Locale.ROOT, "%-8s %8s %8s %9s %10s %7s %8s %7s %10s %10s%n", "method", "PSNR-S", "PSNR", "PSNR-HVS",
                "PSNR-HVSM", "SSIM", "MS-SSIM", "VIFP", "bytes", "encode ms");
        for (String m : methods) {
            Map<String, Object> v = means.get(m);
            pw.printf(Locale.ROOT, "%-8s %8s %8s %9s %10s %7s %8s %7s %10.0f %10.1f%n", m, num(v.get("psnr_s"), 2),
                    num(v.get("psnr"), 2), num(v.get("psnr_hvs"), 2), num(v.get("psnr_hvsm"), 2), num(v.get("ssim"), 4),
                    num(v.get("ms_ssim"), 4), num(v.get("vifp"), 4), (double) v.get("bytes"), (double) v.get("encode_ms"));
        }
        pw.flush();
    }

    /** Means over images: equal-bytes differences and BD-rates on PSNR and PSNR-S, per Sieve method and baseline. */
    static void rateDistortion(PrintWriter pw, RateDistortionReport rd) {
        pw.printf(Locale.ROOT, "%nRate-distortion vs baselines, %d images, q %s, means over images:%n", rd.images().size(),
                String.join(",", rd.config().sweep().stream().map(ExternalEncoder::formatQuality).toList()));
        double q = rd.config().referenceQuality();
        pw.printf(Locale.ROOT, "  dPSNR = Sieve - baseline at the size of Sieve's file at Q%s (dB, + = Sieve better);"
                + " BD-rate in %% (- = Sieve needs fewer bytes)%n", q == Math.rint(q) ? Long.toString((long) q) : Double.toString(q));
        pw.printf(Locale.ROOT, "%-8s %-12s %10s %8s %9s %13s %15s%n", "method", "baseline", "bytes", "dPSNR", "dPSNR-S",
                "BD-rate PSNR", "BD-rate PSNR-S");
        boolean missing = false;
        for (String m : rd.sieveMethods()) {
            for (String b : rd.baselines()) {
                RateDistortionReport.EqualBytesRow e = rd.meanEqualBytes(m, b, RdMetric.PSNR);
                String[] v = {Double.isNaN(e.bytes()) ? "n/a" : String.format(Locale.ROOT, "%.0f", e.bytes()),
                    signed(e.difference(), 2), signed(rd.meanEqualBytes(m, b, RdMetric.PSNR_S).difference(), 2),
                    signed(rd.meanBd(m, b, RdMetric.PSNR).bdRatePercent(), 1),
                    signed(rd.meanBd(m, b, RdMetric.PSNR_S).bdRatePercent(), 1)};
                missing |= List.of(v).contains("n/a");
                pw.printf(Locale.ROOT, "%-8s %-12s %10s %8s %9s %13s %15s%n", m, b, v[0], v[1], v[2], v[3], v[4]);
            }
        }
        if (missing) {
            pw.printf(Locale.ROOT, "n/a: no image had the value; the note columns of equal_bytes.csv and bd.csv say why%n");
        }
        pw.flush();
    }

    private static String signed(double v, int digits) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+." + digits + "f", v);
    }

    private static String num(Object v, int digits) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%." + digits + "f", (double) v);
    }
}
