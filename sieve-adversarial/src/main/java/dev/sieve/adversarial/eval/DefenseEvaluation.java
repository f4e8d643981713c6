package dev.sieve.adversarial.eval;

import dev.sieve.adversarial.attack.Attack;
import dev.sieve.adversarial.attack.AttackResult;
import dev.sieve.adversarial.attack.Budget;
import dev.sieve.adversarial.attack.DefendedClassifier;
import dev.sieve.image.Planar;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.model.Classifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The defense evaluation protocol of thesis §4.9–4.10: of the first {@code limit} images, keep
 * those the model classifies correctly; attack them with each attack (in batches, seeded); pass
 * clean and adversarial images through each defense once (Single) and {@code ensemble} times for
 * a majority vote (Ens-N, the single run being the first of them; a defense that is not
 * {@linkplain dev.sieve.image.defense.Defense#randomized() randomized} runs once, its N votes being the same); report top-1 accuracy,
 * destruction rate and achieved perturbation norms. Plain attacks are crafted once against the
 * bare model and shared by every defense (the thesis' setting: the attacker does not know the
 * defense); adaptive ones ({@link AttackSpec#adaptive()}) are crafted per defense against
 * {@link DefendedClassifier} (BPDA/EOT), which for {@code none} is the plain attack (crafted once); their "no
 * defense" accuracy is the bare model's on the adaptive images (so the destruction rate measures
 * what the defense undoes, not 0 by construction). The defense
 * run {@code r} of image {@code i} has a seed that depends only on {@code seed}, {@code r} and
 * {@code i}, so clean and attacked images meet the same draws.
 */
public final class DefenseEvaluation {
    /**
     * What to run. {@code budget} null = minimal perturbations. With {@code imageQuality}, each row
     * also gets the mean MSE, SSIM and PSNR of the defended image (first run) against the clean image
     * (thesis Table 3.1). With {@code floatSamples}, adversarial images are judged as floats (the
     * thesis' protocol) instead of on the 8-bit grid an attacker must submit ({@link Attack#useFloatSamples}).
     * {@code adaptiveLimit} &gt; 0 crafts adaptive attacks through a defense on the first {@code adaptiveLimit} attacked
     * images only (their rows report on those; 0 = all).
     */
    public record Config(List<AttackSpec> attacks, List<NamedDefense> defenses, int ensemble, Budget budget, int limit, int batch, long seed,
            boolean imageQuality, boolean floatSamples, int adaptiveLimit) {
        /** 8-bit adversarial images, without image-quality measurements. */
        public Config(List<AttackSpec> attacks, List<NamedDefense> defenses, int ensemble, Budget budget, int limit, int batch, long seed) {
            this(attacks, defenses, ensemble, budget, limit, batch, seed, false, false, 0);
        }

        /** 8-bit adversarial images. */
        public Config(List<AttackSpec> attacks, List<NamedDefense> defenses, int ensemble, Budget budget, int limit, int batch, long seed,
                boolean imageQuality) {
            this(attacks, defenses, ensemble, budget, limit, batch, seed, imageQuality, false, 0);
        }

        public Config {
            if (ensemble < 1 || limit < 1 || batch < 1) {
                throw new IllegalArgumentException("ensemble, limit and batch must be ≥ 1");
            }
            if (adaptiveLimit < 0) {
                throw new IllegalArgumentException("the adaptive limit must be ≥ 0 (0 = every attacked image), got " + adaptiveLimit);
            }
            if (defenses.isEmpty()) {
                throw new IllegalArgumentException("no defense to evaluate (use none for the bare model)");
            }
            attacks = List.copyOf(attacks);
            defenses = List.copyOf(defenses);
        }
    }

    /**
     * Rows of an earlier, interrupted run of the same configuration, and where each new row goes as
     * soon as it is computed, so a long evaluation can stop at any point and resume.
     */
    public interface Checkpoint {
        /** The stored row for {@code key} ({@link #key}), or {@code null}. */
        EvaluationRow find(String key);

        void save(String key, EvaluationRow row);

        /** No stored rows, nothing kept. */
        Checkpoint NONE = new Checkpoint() {
            @Override
            public EvaluationRow find(String key) {
                return null;
            }

            @Override
            public void save(String key, EvaluationRow row) {
            }
        };

        /** The crafted batch stored under {@code key} ({@link #batchKey}) by an interrupted run, or {@code null}. */
        default AttackResult findBatch(String key) {
            return null;
        }

        /** Keeps a crafted batch, so a run stopped in the middle of an attack resumes from its last batch. */
        default void saveBatch(String key, AttackResult batch) {
        }

        /** The key of the batch from image {@code from} of {@code attack} (text as given), crafted against {@code target} ({@code none} for the bare model). */
        static String batchKey(String attack, String target, int from) {
            return attack + "\u0000" + target + "\u0000" + from;
        }

        /** The key of the row of {@code attack} (text as given, or {@code clean}) against {@code defense} (its label). */
        static String key(String attack, String defense) {
            return attack + "\u0000" + defense;
        }
    }

    private final Classifier model;
    private final Config config;

    public DefenseEvaluation(Classifier model, Config config) {
        this.model = model;
        this.config = config;
    }

    /** Units of work {@link #run} reports to its progress callback for {@code correct} images. */
    public long work(int correct) {
        long through = adaptiveImages(correct), work = 0;
        long defended = config.defenses().stream().filter(d -> !d.isNone()).count(), none = config.defenses().size() - defended;
        for (AttackSpec a : config.attacks()) {
            if (a.adaptive()) {
                work += 2 * (none * correct + defended * through);
            } else {
                work += correct + (long) config.defenses().size() * correct;
            }
        }
        return work + (long) correct * config.defenses().size();
    }

    private int adaptiveImages(int correct) {
        return adaptiveImages(config.adaptiveLimit(), correct);
    }

    /** Of {@code attacked} images, those an adaptive attack through a defense is crafted on: the first {@code adaptiveLimit}, or all (0). */
    static int adaptiveImages(int adaptiveLimit, int attacked) {
        return adaptiveLimit > 0 ? Math.min(adaptiveLimit, attacked) : attacked;
    }

    /** Runs the protocol on {@code data}; {@code onStart} gets the total work, {@code progress} each unit done. */
    public EvaluationReport run(ImageDataset data, String modelName, IntConsumer onStart, IntConsumer progress) {
        return run(data, modelName, Checkpoint.NONE, onStart, progress, phase -> { });
    }

    /**
     * Runs the protocol, taking rows {@code checkpoint} already holds and saving each new one there;
     * {@code phase} hears what runs next (e.g. {@code crafting deepfool}, {@code deepfool vs jpeg:q=75}).
     */
    public EvaluationReport run(ImageDataset data, String modelName, Checkpoint checkpoint, IntConsumer onStart, IntConsumer progress,
            java.util.function.Consumer<String> phase) {
        long start = System.nanoTime();
        var in = model.input();
        if (data.channels() != in.channels() || data.height() != in.height() || data.width() != in.width()) {
            throw new IllegalArgumentException(data.source() + ": images are " + data.width() + "x" + data.height() + "x" + data.channels()
                    + ", the model takes " + in.width() + "x" + in.height() + "x" + in.channels());
        }
        if (data.classes().size() != model.numClasses()) {
            throw new IllegalArgumentException(data.source() + ": " + data.classes().size() + " classes, the model has " + model.numClasses());
        }
        int examined = Math.min(config.limit(), data.size());
        List<Planar> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int from = 0; from < examined; from += config.batch()) {
            List<Planar> chunk = new ArrayList<>();
            int to = Math.min(examined, from + config.batch());
            for (int i = from; i < to; i++) {
                chunk.add(data.image(i));
            }
            int[] p = model.predict(chunk);
            for (int k = 0; k < chunk.size(); k++) {
                if (p[k] == data.label(from + k)) {
                    images.add(chunk.get(k));
                    labels.add(data.label(from + k));
                }
            }
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        onStart.accept((int) Math.min(Integer.MAX_VALUE, work(y.length)));
        List<EvaluationRow> rows = new ArrayList<>();
        boolean[] allCorrect = new boolean[y.length];
        java.util.Arrays.fill(allCorrect, true);
        for (NamedDefense d : config.defenses()) {
            String key = Checkpoint.key("clean", d.label());
            EvaluationRow done = checkpoint.find(key);
            if (done == null) {
                phase.accept("clean vs " + d.label());
                done = row("clean", "clean", d, false, null, images, images, y, allCorrect, 0, progress);
                checkpoint.save(key, done);
            } else {
                progress.accept(y.length);
            }
            rows.add(done);
        }
        Map<String, Crafted> bare = new HashMap<>();
        for (AttackSpec a : config.attacks()) {
            String bareKey = a.build(model, config.budget()).spec();
            boolean plainCounted = false;
            for (NamedDefense d : config.defenses()) {
                String key = Checkpoint.key(a.text(), d.label());
                boolean defended = a.adaptive() && !d.isNone();
                int m = defended ? adaptiveImages(y.length) : y.length;
                int[] ym = java.util.Arrays.copyOf(y, m);
                EvaluationRow done = checkpoint.find(key);
                if (done != null) {
                    progress.accept(m * (a.adaptive() ? 2 : 1));
                    rows.add(done);
                    continue;
                }
                Crafted c = defended ? null : bare.get(bareKey);
                phase.accept((c == null ? "crafting " : "") + a.text() + " vs " + d.label());
                if (c == null) {
                    long t0 = System.nanoTime();
                    AttackResult r = craft(a, defended ? d : null, defended ? a.text() : bareKey, images.subList(0, m), ym,
                            checkpoint, progress);
                    c = new Crafted(r, (System.nanoTime() - t0) / 1e9);
                    if (!defended) {
                        bare.put(bareKey, c);
                    }
                    plainCounted = true;
                } else if (a.adaptive() || !plainCounted) {
                    progress.accept(y.length);
                    plainCounted = true;
                }
                AttackResult r = c.result();
                String spec = bareKey + (a.adaptive() ? ",eot=" + (d.defense().randomized() ? a.eotSamples() : 1) : "");
                boolean[] undefended = correct(defended ? model.predict(r.images()) : r.predicted(), ym);
                EvaluationRow row = row(a.text(), spec, d, a.adaptive(), r, images.subList(0, m), r.images(), ym, undefended, c.seconds(), progress);
                checkpoint.save(key, row);
                rows.add(row);
            }
            if (!a.adaptive() && !plainCounted) {
                progress.accept(y.length);
            }
        }
        return new EvaluationReport(modelName, data.source(), examined, y.length, config.ensemble(),
                config.budget() == null ? "minimal" : config.budget().toString(), config.floatSamples() ? "float" : "8-bit", config.seed(),
                config.attacks().stream().map(AttackSpec::text).toList(), config.defenses().stream().map(NamedDefense::label).toList(),
                rows, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Crafts {@code a} against the bare model or, with {@code defense}, against it through BPDA/EOT, batch by
     * batch, the batches checkpointed under {@code attackKey}; each batch's attack and EOT draws are seeded from
     * {@code seed} and the batch's first image only, so a batch taken from the checkpoint leaves the others as an
     * uninterrupted run makes them.
     */
    /** Adversarial images and the seconds crafting them took. */
    private record Crafted(AttackResult result, double seconds) {
    }

    private AttackResult craft(AttackSpec a, NamedDefense defense, String attackKey, List<Planar> images, int[] y, Checkpoint checkpoint,
            IntConsumer progress) {
        List<Planar> adv = new ArrayList<>();
        int n = y.length;
        int[] predicted = new int[n];
        boolean[] success = new boolean[n];
        double[] l2 = new double[n], linf = new double[n];
        for (int from = 0; from < n; from += config.batch()) {
            int to = Math.min(n, from + config.batch());
            String key = Checkpoint.batchKey(attackKey, defense == null ? "none" : defense.label(), from);
            AttackResult r = checkpoint.findBatch(key);
            if (r == null || r.size() != to - from) {
                Classifier target = defense == null ? model
                        : new DefendedClassifier(model, defense.defense(), a.eotSamples(), (config.seed() ^ 0x5DEECE66DL) + from);
                Attack attack = a.build(target, config.budget());
                r = (config.floatSamples() ? attack.useFloatSamples() : attack)
                        .run(images.subList(from, to), java.util.Arrays.copyOfRange(y, from, to), config.seed() + from);
                checkpoint.saveBatch(key, r);
            }
            adv.addAll(r.images());
            System.arraycopy(r.predicted(), 0, predicted, from, to - from);
            System.arraycopy(r.success(), 0, success, from, to - from);
            System.arraycopy(r.l2(), 0, l2, from, to - from);
            System.arraycopy(r.linf(), 0, linf, from, to - from);
            progress.accept(to - from);
        }
        return new AttackResult(adv, predicted, success, l2, linf);
    }

    private EvaluationRow row(String attack, String attackSpec, NamedDefense d, boolean adaptive, AttackResult r, List<Planar> clean,
            List<Planar> images, int[] y, boolean[] undefended, double seconds, IntConsumer progress) {
        int n = y.length;
        int runs = config.ensemble();
        int[][] predictions = new int[runs][];
        ImageQuality.Mean quality = new ImageQuality.Mean();
        for (int run = 0; run < runs; run++) {
            predictions[run] = defendedPredictions(d, images, run, run == 0 && config.imageQuality() ? clean : null, quality);
            if (d.isNone() || !d.defense().randomized()) {
                for (int later = 1; later < runs; later++) {
                    predictions[later] = predictions[0];
                }
                break;
            }
        }
        progress.accept(n);
        boolean[] single = correct(predictions[0], y);
        boolean[] ensemble = correct(MajorityVote.of(predictions, model.numClasses()), y);
        boolean[] allClean = new boolean[n];
        java.util.Arrays.fill(allClean, true);
        return new EvaluationRow(attack, attackSpec, d.label(), d.defense().spec(), adaptive, n,
                r == null ? 0 : r.successRate(), r == null ? 0 : r.meanOverSuccessful(r.l2()), r == null ? 0 : r.meanOverSuccessful(r.linf()),
                fraction(undefended), fraction(single), fraction(ensemble),
                r == null ? Double.NaN : DestructionRate.of(allClean, undefended, single),
                r == null ? Double.NaN : DestructionRate.of(allClean, undefended, ensemble), seconds,
                quality.mse(), quality.ssim(), quality.psnr());
    }

    /**
     * Predictions for {@code T(x)} of run {@code run}, defenses applied in parallel; with
     * {@code clean}, adds each defended image's distance to its clean image to {@code quality}.
     */
    private int[] defendedPredictions(NamedDefense d, List<Planar> images, int run, List<Planar> clean, ImageQuality.Mean quality) {
        long runSeed = new SplittableRandom(config.seed() * 31 + run).nextLong();
        Planar[] defended = new Planar[images.size()];
        ImageQuality[] measured = new ImageQuality[images.size()];
        IntStream.range(0, images.size()).parallel().forEach(i -> {
            Planar t = d.defense().apply(images.get(i), new SplittableRandom(runSeed ^ (i * 0x9E3779B97F4A7C15L)).nextLong());
            if (clean != null) {
                measured[i] = ImageQuality.of(clean.get(i), t);
            }
            defended[i] = model.input().fit(t);
        });
        if (clean != null) {
            for (ImageQuality q : measured) {
                quality.add(q);
            }
        }
        int[] out = new int[images.size()];
        for (int from = 0; from < out.length; from += config.batch()) {
            int to = Math.min(out.length, from + config.batch());
            System.arraycopy(model.predict(java.util.Arrays.asList(defended).subList(from, to)), 0, out, from, to - from);
        }
        return out;
    }

    private static boolean[] correct(int[] predicted, int[] y) {
        boolean[] c = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            c[i] = predicted[i] == y[i];
        }
        return c;
    }

    private static double fraction(boolean[] b) {
        int s = 0;
        for (boolean v : b) {
            s += v ? 1 : 0;
        }
        return b.length == 0 ? Double.NaN : (double) s / b.length;
    }
}
