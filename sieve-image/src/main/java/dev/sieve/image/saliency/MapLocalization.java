package dev.sieve.image.saliency;

/**
 * How well a {@link SaliencyMap} (values in [0, 1]) finds the objects of an object-index mask
 * (one int per pixel, 0 = background, k &gt; 0 = the visible pixels of object k). A map of another
 * size is first stretched over the mask ({@link SaliencyMap#resizedTo}).
 *
 * <p>Scores are chosen so a trivial map cannot look good: coverage at level t is reported beside
 * the fraction of the image at or above t (an all-1 map covers every object and the whole image),
 * and mass on objects beside the objects' area (lift = mass / area; 1 = no better than uniform).
 */
public final class MapLocalization {
    /** Share of an object's visible pixels that must reach the level for it to count as covered. */
    public static final double COVERED_SHARE = 0.5;

    private MapLocalization() {
    }

    /**
     * Scores of one map at level {@code threshold}. All fractions are in [0, 1].
     *
     * @param mass        sum of the map inside objects / sum of the whole map (0 for an all-zero map)
     * @param area        object pixels / all pixels
     * @param lift        mass / area (NaN when there are no object pixels)
     * @param objects     number of objects present (distinct non-zero ids in the mask)
     * @param covered     objects with at least {@link #COVERED_SHARE} of their pixels at map ≥ threshold
     * @param coverage    covered / objects (NaN without objects)
     * @param above       pixels with map ≥ threshold / all pixels
     * @param pointing    share of the map's maximal pixels that lie in an object (1 or 0 for a
     *                    unique maximum; equals {@code area} for a constant map)
     * @param objectShare per object id k (index k-1): share of its pixels with map ≥ threshold,
     *                    NaN for ids absent from the mask
     */
    public record Scores(double threshold, double mass, double area, double lift, int objects, int covered,
            double coverage, double above, double pointing, double[] objectShare) {
    }

    /** Scores {@code map} against the {@code width × height} mask {@code objects} at level {@code threshold}. */
    public static Scores score(SaliencyMap map, int[] objects, int width, int height, double threshold) {
        if (objects.length != width * height) {
            throw new IllegalArgumentException("mask of " + width + "x" + height + " needs " + (long) width * height
                    + " values, got " + objects.length);
        }
        float[] m = map.resizedTo(width, height).values();
        int maxId = 0;
        float peak = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < m.length; i++) {
            if (objects[i] < 0) {
                throw new IllegalArgumentException("object ids must be >= 0, got " + objects[i]);
            }
            maxId = Math.max(maxId, objects[i]);
            peak = Math.max(peak, m[i]);
        }
        double total = 0, inside = 0;
        long objectPixels = 0, above = 0, peaks = 0, peaksInside = 0;
        long[] size = new long[maxId + 1], hit = new long[maxId + 1];
        for (int i = 0; i < m.length; i++) {
            int id = objects[i];
            boolean in = id > 0, up = m[i] >= threshold;
            total += m[i];
            size[id]++;
            if (up) {
                above++;
                hit[id]++;
            }
            if (in) {
                inside += m[i];
                objectPixels++;
            }
            if (m[i] == peak) {
                peaks++;
                if (in) {
                    peaksInside++;
                }
            }
        }
        int n = m.length, present = 0, covered = 0;
        double[] share = new double[maxId];
        for (int k = 1; k <= maxId; k++) {
            if (size[k] == 0) {
                share[k - 1] = Double.NaN;
                continue;
            }
            present++;
            share[k - 1] = (double) hit[k] / size[k];
            if (share[k - 1] >= COVERED_SHARE) {
                covered++;
            }
        }
        double mass = total > 0 ? inside / total : 0;
        double area = (double) objectPixels / n;
        return new Scores(threshold, mass, area, objectPixels > 0 ? mass / area : Double.NaN, present, covered,
                present > 0 ? (double) covered / present : Double.NaN, (double) above / n,
                (double) peaksInside / peaks, share);
    }

    /**
     * Top-k coverage: the share of the k highest-valued map pixels that lie on an object, k = the
     * number of object pixels (1 = the map's top region is exactly the objects; a uniform or random
     * map scores the object area on average). Pixels tied at the k-th value count in proportion, as
     * if ties were broken at random, so a flat map cannot score by the order of its pixels.
     * NaN without object pixels.
     */
    public static double topCoverage(SaliencyMap map, int[] objects, int width, int height) {
        if (objects.length != width * height) {
            throw new IllegalArgumentException("mask of " + width + "x" + height + " needs " + (long) width * height
                    + " values, got " + objects.length);
        }
        float[] m = map.resizedTo(width, height).values();
        int k = 0;
        for (int id : objects) {
            k += id > 0 ? 1 : 0;
        }
        if (k == 0) {
            return Double.NaN;
        }
        float[] sorted = m.clone();
        java.util.Arrays.sort(sorted);
        float t = sorted[m.length - k];
        long above = 0, aboveIn = 0, ties = 0, tiesIn = 0;
        for (int i = 0; i < m.length; i++) {
            boolean in = objects[i] > 0;
            if (m[i] > t) {
                above++;
                aboveIn += in ? 1 : 0;
            } else if (m[i] == t) {
                ties++;
                tiesIn += in ? 1 : 0;
            }
        }
        return (aboveIn + (double) (k - above) * tiesIn / ties) / k;
    }

    /**
     * Running means of {@link Scores} over many images (one level). NaN values (no objects) are left
     * out of their mean. "All covered" counts only images with two or more objects.
     */
    public static final class Summary {
        private long images, withObjects, multi, allCovered, objects, covered;
        private double mass, area, lift, coverage, above, pointing;

        /** Adds one image's scores. */
        public void add(Scores s) {
            images++;
            mass += s.mass();
            area += s.area();
            above += s.above();
            pointing += s.pointing();
            if (s.objects() > 0) {
                withObjects++;
                lift += s.lift();
                coverage += s.coverage();
                objects += s.objects();
                covered += s.covered();
            }
            if (s.objects() >= 2) {
                multi++;
                if (s.covered() == s.objects()) {
                    allCovered++;
                }
            }
        }

        /** Images added. */
        public long images() {
            return images;
        }

        /** Mean mass on objects. */
        public double mass() {
            return images == 0 ? Double.NaN : mass / images;
        }

        /** Mean object area fraction. */
        public double area() {
            return images == 0 ? Double.NaN : area / images;
        }

        /** Mean per-image lift (images with objects). */
        public double lift() {
            return withObjects == 0 ? Double.NaN : lift / withObjects;
        }

        /** Mean per-image coverage (images with objects). */
        public double coverage() {
            return withObjects == 0 ? Double.NaN : coverage / withObjects;
        }

        /** Covered objects / all objects, pooled over images. */
        public double objectCoverage() {
            return objects == 0 ? Double.NaN : (double) covered / objects;
        }

        /** Mean fraction of the image at or above the level. */
        public double above() {
            return images == 0 ? Double.NaN : above / images;
        }

        /** Mean pointing score (share of images whose maximum is on an object). */
        public double pointing() {
            return images == 0 ? Double.NaN : pointing / images;
        }

        /** Images with two or more objects. */
        public long multiObjectImages() {
            return multi;
        }

        /** Share of images with two or more objects whose objects are all covered. */
        public double allCovered() {
            return multi == 0 ? Double.NaN : (double) allCovered / multi;
        }
    }
}
