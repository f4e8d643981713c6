package dev.sieve.jpeg.eval;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.metrics.Median;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.Psnr;
import dev.sieve.image.metrics.PsnrS;
import dev.sieve.image.saliency.MapLocalization;
import dev.sieve.image.saliency.MapTrust;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.image.saliency.SaliencySource;
import dev.sieve.image.saliency.SubjectBoxes;
import dev.sieve.jpeg.JpegDecoder;
import dev.sieve.jpeg.semantic.SemanticJpeg;
import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.jpeg.semantic.SemanticOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well saliency sources find the hand-boxed subjects of real photos, and what each map is worth
 * to the semantic JPEG encoder. Per photo and source:
 * <ul>
 *   <li>coverage: the share of the map's top-k pixels (k = subject area) on the subject
 *       ({@link MapLocalization#topCoverage}); lift = map mass on the subject / subject area;
 *       pointing = the map's maximum lies on the subject ({@link MapLocalization#score});</li>
 *   <li>time to compute the map (ms, wall clock);</li>
 *   <li>equal bytes: the photo compressed as {@code sieve compress} does with that map (direct
 *       mode, the given options, size of plain classic JPEG at the match quality; a map that
 *       {@link MapTrust} refuses is not used, so the file is the plain encode, as compress does), then
 *       the plain encode of the same tune at exactly the semantic file's bytes (tolerance 0.3 %);
 *       subject PSNR (luma, over the boxes) and whole-image PSNR (luma) of both, decoded by the JDK.</li>
 * </ul>
 * A last row per photo, {@link #BOXES}, uses the subject mask itself as the map.
 */
public final class SaliencyEvaluation {
    private static final double PLAIN_TOLERANCE = 0.003;
    /** Name of the row that uses the subject boxes themselves as the map: the upper bound of any source. */
    public static final String BOXES = "boxes (the answer)";

    private SaliencyEvaluation() {
    }

    /** One photo scored with one source. Gains in dB, semantic minus plain at equal bytes. */
    public record Row(String photo, String split, String source, int width, int height, double subjectArea, double coverage,
            double lift, double pointing, double mapMillis, boolean trusted, String refusal, long bytes, long plainBytes,
            double subjectPsnr, double plainSubjectPsnr, double wholePsnr, double plainWholePsnr) {
        public double subjectGain() {
            return subjectPsnr - plainSubjectPsnr;
        }

        public double wholeGain() {
            return wholePsnr - plainWholePsnr;
        }
    }

    /** Means over photos for one source. */
    public record Summary(String source, int photos, double coverage, double lift, double pointing, double medianMillis,
            double subjectGain, double minSubjectGain, int photosBelowPlain, double wholeGain, double minWholeGain, int refused) {
        /** The summary in report form (snake_case keys; gains in dB, times in ms). */
        public Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", source);
            m.put("photos", photos);
            m.put("coverage", coverage);
            m.put("lift", lift);
            m.put("pointing", pointing);
            m.put("median_map_ms", medianMillis);
            m.put("subject_gain_db", subjectGain);
            m.put("min_subject_gain_db", minSubjectGain);
            m.put("photos_subject_below_plain", photosBelowPlain);
            m.put("whole_gain_db", wholeGain);
            m.put("min_whole_gain_db", minWholeGain);
            m.put("maps_refused", refused);
            return m;
        }
    }

    /**
     * The photos of {@code split} ({@code validation}, {@code test} or {@code all}) in boxes file {@code boxes}
     * ({@link SubjectBoxes#read}); a photo whose {@code dir/NAME.png} is missing is an {@link IllegalArgumentException}.
     */
    public static List<SubjectBoxes.Photo> photos(Path boxes, String split, Path dir) throws IOException {
        List<SubjectBoxes.Photo> photos = SubjectBoxes.read(boxes).stream().filter(p -> split.equals("all") || p.split().equals(split)).toList();
        for (SubjectBoxes.Photo p : photos) {
            Path f = dir.resolve(p.name() + ".png");
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException(f + ": missing (make the set with scripts/saliency-photos " + dir + ")");
            }
        }
        return photos;
    }

    /** Evaluates every source on each photo, {@code dir/NAME.png}, in order; {@code step} runs after each photo. */
    public static List<Row> run(List<SubjectBoxes.Photo> photos, Path dir, List<SaliencySource> sources, SemanticOptions options, Runnable step)
            throws IOException {
        List<Row> rows = new ArrayList<>();
        for (SubjectBoxes.Photo p : photos) {
            rows.addAll(evaluate(p, ImageFiles.read(dir.resolve(p.name() + ".png")), sources, options));
            step.run();
        }
        return rows;
    }

    /** Evaluates every source on one photo {@code img} with its subject boxes. */
    public static List<Row> evaluate(SubjectBoxes.Photo photo, Planar img, List<SaliencySource> sources, SemanticOptions options) {
        int w = img.width(), h = img.height();
        int[] mask = photo.mask(w, h);
        float[] subject = new float[mask.length];
        long area = 0;
        for (int i = 0; i < mask.length; i++) {
            subject[i] = mask[i];
            area += mask[i];
        }
        SaliencyMap subjectMap = new SaliencyMap(w, h, subject);
        SemanticOptions direct = options.withMode(SemanticMode.DIRECT);
        byte[] plainAtReference = null;
        List<Row> rows = new ArrayList<>();
        List<SaliencySource> all = new ArrayList<>(sources);
        all.add(SaliencySource.of(BOXES, any -> subjectMap));
        for (SaliencySource s : all) {
            long t0 = System.nanoTime();
            SaliencyMap map = s.map(img);
            double ms = (System.nanoTime() - t0) / 1e6;
            MapTrust.Verdict v = MapTrust.check(map);
            MapLocalization.Scores sc = MapLocalization.score(map, mask, w, h, 0.5);
            double cov = MapLocalization.topCoverage(map, mask, w, h);
            byte[] jpeg, plain;
            if (v.trusted()) {
                jpeg = SemanticJpeg.compress(img, map, direct).jpeg();
                plain = SemanticJpeg.compress(img, null, options.withMode(SemanticMode.PLAIN).withTargetBytes(jpeg.length)
                        .withTolerance(PLAIN_TOLERANCE)).jpeg();
            } else {
                if (plainAtReference == null) {
                    plainAtReference = SemanticJpeg.compress(img, null, options.withMode(SemanticMode.PLAIN)).jpeg();
                }
                jpeg = plainAtReference;
                plain = plainAtReference;
            }
            Planar dj = JpegDecoder.decode(jpeg), dp = JpegDecoder.decode(plain);
            rows.add(new Row(photo.name(), photo.split(), s.name(), w, h, (double) area / mask.length, cov, sc.lift(), sc.pointing(), ms,
                    v.trusted(), v.reason(), jpeg.length, plain.length,
                    PsnrS.of(img, dj, subjectMap, 0.5, Channels.LUMA), PsnrS.of(img, dp, subjectMap, 0.5, Channels.LUMA),
                    Psnr.of(img, dj, Channels.LUMA), Psnr.of(img, dp, Channels.LUMA)));
        }
        return rows;
    }

    /** Per-source means of {@code rows}, sources in first-seen order. */
    public static List<Summary> summarize(List<Row> rows) {
        Map<String, List<Row>> by = new LinkedHashMap<>();
        for (Row r : rows) {
            by.computeIfAbsent(r.source(), k -> new ArrayList<>()).add(r);
        }
        List<Summary> out = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : by.entrySet()) {
            List<Row> rs = e.getValue();
            int n = rs.size();
            double cov = 0, lift = 0, point = 0, sg = 0, wg = 0, minS = Double.POSITIVE_INFINITY, minW = Double.POSITIVE_INFINITY;
            int below = 0, refused = 0;
            double[] ms = new double[n];
            for (int i = 0; i < n; i++) {
                Row r = rs.get(i);
                cov += r.coverage();
                lift += r.lift();
                point += r.pointing();
                sg += r.subjectGain();
                wg += r.wholeGain();
                minS = Math.min(minS, r.subjectGain());
                minW = Math.min(minW, r.wholeGain());
                below += r.subjectGain() < 0 ? 1 : 0;
                refused += r.trusted() ? 0 : 1;
                ms[i] = r.mapMillis();
            }
            out.add(new Summary(e.getKey(), n, cov / n, lift / n, point / n, Median.of(ms), sg / n, minS, below, wg / n, minW, refused));
        }
        return out;
    }

    /** The rows as CSV with a header. */
    public static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("photo,split,source,width,height,subject_area,coverage,lift,pointing,map_ms,trusted,refusal,"
                + "bytes,plain_bytes,subject_psnr,plain_subject_psnr,subject_gain,whole_psnr,plain_whole_psnr,whole_gain\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%.4f,%.4f,%.3f,%.3f,%.1f,%s,%s,%d,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f%n",
                    r.photo(), r.split(), r.source(), r.width(), r.height(), r.subjectArea(), r.coverage(), r.lift(), r.pointing(),
                    r.mapMillis(), r.trusted(), r.refusal().replace(',', ';'), r.bytes(), r.plainBytes(), r.subjectPsnr(),
                    r.plainSubjectPsnr(), r.subjectGain(), r.wholePsnr(), r.plainWholePsnr(), r.wholeGain()));
        }
        return sb.toString();
    }

    /** The summaries as a Markdown table. */
    public static String markdown(List<Summary> summaries) {
        StringBuilder sb = new StringBuilder("| source | photos | coverage | lift | pointing | map ms (median) | subject dB vs plain: mean | min | photos < 0 | whole dB: mean | min | maps refused |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Summary s : summaries) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.2f | %.0f %% | %.0f | %+.2f | %+.2f | %d | %+.2f | %+.2f | %d |%n", s.source(),
                    s.photos(), s.coverage(), s.lift(), 100 * s.pointing(), s.medianMillis(), s.subjectGain(), s.minSubjectGain(),
                    s.photosBelowPlain(), s.wholeGain(), s.minWholeGain(), s.refused()));
        }
        return sb.toString();
    }
}
