package dev.sieve.image.saliency;

import dev.sieve.image.Planar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A weighted fusion of saliency sources, refined to object extent: each source's map is computed at the
 * working size of the refinement (sources run concurrently, each thread taking the next source not yet started,
 * detectors first as they cost most; the sum is taken in list order, so the result does not depend on timing) and divided by its maximum; sources whose map {@link MapTrust}
 * refuses are left out, and when only priors ({@link SaliencySource#prior}) remain the result is the
 * empty map (a centre bias alone is no evidence of a subject); the rest are averaged with their weights, refined on the photo
 * ({@link SuperpixelRefinement}) and stretched so that the share {@code low} of the image with
 * the lowest values becomes 0 and the share {@code 1 − high} with the highest becomes 1
 * (linear between the two quantiles). Takes any list of sources, so detector sources plug in
 * beside MS-ROI, spectral residual and the centre prior: their maps hold scores in [0, 1] and enter
 * as they are ({@link Scale#SCORES}), and a detector whose subject must always be covered (faces,
 * people) also bounds the result from below ({@link Scale#COVERING}). With {@code emphasis} E &gt; 0 the
 * detector maps (scores and covering) are added once more after the stretch, E times their score, and the
 * result divided by its maximum: a detected object ranks above the background evidence around it instead of
 * being averaged into it. Thread-safe if its sources are.
 *
 * @param name       what reports call the fused map ({@code auto})
 * @param sources    the sources and their weights (&gt; 0)
 * @param refinement the object-extent refinement
 * @param low        quantile mapped to 0, in [0, high)
 * @param high       quantile mapped to 1, in (low, 1]
 * @param emphasis   weight of the detector maps added after the stretch, &ge; 0 (0: none)
 */
public record SaliencyFusion(String name, List<Weighted> sources, SuperpixelRefinement refinement, double low, double high,
        double emphasis) implements SaliencySource {
    /** How a source's map enters the fusion. */
    public enum Scale {
        /** Divided by its maximum (maps whose values only rank pixels: MS-ROI, spectral residual, priors). */
        RELATIVE,
        /** As it is, values in [0, 1] (detection scores, probabilities): a weak detection stays weak. */
        SCORES,
        /** As {@link #SCORES}, and the fused map is at least this map (its subject is always covered). */
        COVERING
    }

    /** A source, its weight and how its map enters. */
    public record Weighted(SaliencySource source, double weight, Scale scale) {
        public Weighted {
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of " + source.name() + " must be positive, got " + weight);
            }
        }

        /** A source whose map is divided by its maximum ({@link Scale#RELATIVE}). */
        public Weighted(SaliencySource source, double weight) {
            this(source, weight, Scale.RELATIVE);
        }
    }

    /**
     * What one source contributed to a fused map.
     *
     * @param name    the source's name
     * @param weight  its weight
     * @param used    whether its map entered the fusion
     * @param verdict the trust check of its map
     * @param millis  time to compute its map
     */
    public record Contribution(String name, double weight, boolean used, MapTrust.Verdict verdict, double millis) {
    }

    /** A fused map (at the refinement's working size; zero everywhere when no source was trusted) and what went into it. */
    public record Result(SaliencyMap map, List<Contribution> contributions, MapTrust.Verdict verdict) {
    }

    public SaliencyFusion {
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a fusion needs at least one source");
        }
        if (!(low >= 0 && low < high && high <= 1)) {
            throw new IllegalArgumentException("stretch quantiles need 0 <= low < high <= 1, got " + low + ", " + high);
        }
        if (!(emphasis >= 0) || Double.isInfinite(emphasis)) {
            throw new IllegalArgumentException("emphasis must be a finite number >= 0, got " + emphasis);
        }
    }

    /** A fusion without emphasis. */
    public SaliencyFusion(String name, List<Weighted> sources, SuperpixelRefinement refinement, double low, double high) {
        this(name, sources, refinement, low, high, 0);
    }

    @Override
    public SaliencyMap map(Planar rgb) {
        return fuse(rgb).map();
    }

    /** Fuses the sources' maps of {@code rgb}. */
    public Result fuse(Planar rgb) {
        Slic.Segmentation seg = refinement.segment(rgb);
        int w = seg.width(), h = seg.height(), n = w * h;
        float[] sum = new float[n];
        double total = 0;
        boolean evidence = false;
        float[] floor = null, detected = null;
        List<Contribution> contributions = new ArrayList<>();
        SaliencyMap[] maps = new SaliencyMap[sources.size()];
        double[] millis = new double[maps.length];
        int[] order = IntStream.range(0, maps.length).boxed()
                .sorted(Comparator.comparing((Integer k) -> sources.get(k).scale() == Scale.RELATIVE)).mapToInt(Integer::intValue).toArray();
        AtomicInteger next = new AtomicInteger();
        IntStream.range(0, Math.min(maps.length, ForkJoinPool.getCommonPoolParallelism() + 1)).parallel().forEach(worker -> {
            for (int i = next.getAndIncrement(); i < order.length; i = next.getAndIncrement()) {
                int k = order[i];
                long t0 = System.nanoTime();
                maps[k] = sources.get(k).source().map(rgb, seg).resizedTo(w, h);
                millis[k] = (System.nanoTime() - t0) / 1e6;
            }
        });
        for (int k = 0; k < maps.length; k++) {
            Weighted s = sources.get(k);
            MapTrust.Verdict v = MapTrust.check(maps[k]);
            contributions.add(new Contribution(s.source().name(), s.weight(), v.trusted(), v, millis[k]));
            if (!v.trusted()) {
                continue;
            }
            float[] values = maps[k].values();
            float max = 0;
            for (float x : values) {
                max = Math.max(max, x);
            }
            float divisor = s.scale() == Scale.RELATIVE ? max : 1;
            for (int i = 0; i < n; i++) {
                sum[i] += (float) (s.weight() * values[i] / divisor);
            }
            if (s.scale() == Scale.COVERING) {
                floor = floor == null ? new float[n] : floor;
                for (int i = 0; i < n; i++) {
                    floor[i] = Math.max(floor[i], Math.min(values[i], 1f));
                }
            }
            if (s.scale() != Scale.RELATIVE && emphasis > 0) {
                detected = detected == null ? new float[n] : detected;
                for (int i = 0; i < n; i++) {
                    detected[i] += (float) (emphasis * Math.min(values[i], 1f));
                }
            }
            total += s.weight();
            evidence |= !s.source().prior();
        }
        if (!evidence) {
            SaliencyMap zero = SaliencyMap.uniform(w, h, 0f);
            MapTrust.Verdict v = MapTrust.check(zero);
            String why = total == 0 ? v.reason() : "empty: no source but a prior found anything in the image";
            return new Result(zero, contributions, new MapTrust.Verdict(false, why, 0, 0, 0));
        }
        SaliencyMap refined = refinement.refine(seg, new SaliencyMap(w, h, sum));
        SaliencyMap stretched = stretch(refined, low, high);
        float[] v = stretched.values();
        if (floor != null) {
            for (int i = 0; i < n; i++) {
                v[i] = Math.max(v[i], floor[i]);
            }
        }
        if (detected != null) {
            float max = 0;
            for (int i = 0; i < n; i++) {
                v[i] += detected[i];
                max = Math.max(max, v[i]);
            }
            for (int i = 0; max > 1 && i < n; i++) {
                v[i] /= max;
            }
        }
        return new Result(stretched, contributions, MapTrust.check(stretched));
    }

    /** {@code map} mapped linearly from its {@code low} / {@code high} quantiles to 0 / 1, clamped. */
    static SaliencyMap stretch(SaliencyMap map, double low, double high) {
        float[] v = map.values();
        float[] sorted = v.clone();
        Arrays.sort(sorted);
        float lo = sorted[(int) Math.floor(low * (sorted.length - 1))], hi = sorted[(int) Math.ceil(high * (sorted.length - 1))];
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = hi > lo ? (v[i] - lo) / (hi - lo) : (v[i] >= hi && hi > 0 ? 1f : 0f);
        }
        return new SaliencyMap(map.width(), map.height(), out);
    }
}
