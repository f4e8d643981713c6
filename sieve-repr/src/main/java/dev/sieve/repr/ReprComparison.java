package dev.sieve.repr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.nn.data.Augmentation;
import dev.sieve.nn.data.DataSets;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.data.SubsetDataset;
import dev.sieve.nn.model.Architectures;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.report.ReportJson;
import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.OptimizerKind;
import dev.sieve.nn.train.Schedule;
import dev.sieve.nn.train.TrainingConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Standard training beside RePr (any ranking metric, with ablation flags), DSD and BAN on the same data,
 * architecture, optimizer and initialization over several seeds (thesis Figure 5.1, Tables 5.1 and 5.4).
 * Seed s initializes the model and orders the data identically for every scheme. The study lives in a
 * folder: {@code config.json} (the shared settings; a folder holds one study) and every (scheme, seed) run
 * checkpointed after each epoch in {@code runs/SCHEME/seed-S.ckpt} (BAN: {@code runs/ban/seed-S-gen-G.ckpt}),
 * so resuming continues each run exactly and may add schemes or seeds. The {@link Result} covers every
 * complete run in the folder.
 */
public final class ReprComparison {
    private static final Pattern SEED_FILE = Pattern.compile("seed-(\\d+)\\.ckpt");
    /** The {@code schema} of config.json (with {@code "version": 1}); a resumed study compares the settings only. */
    static final String CONFIG_SCHEMA = "sieve.repr.config";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The study's settings.
     *
     * @param arch          architecture name
     * @param data          data set (a name or folder)
     * @param seeds         seeds 1..seeds
     * @param schemes       schemes beside standard (their {@link SchemeSpec} texts)
     * @param generations   BAN generations after the standard run (null: {@code iterations}, at least 1)
     * @param trainLimit    first training images used (null = all), the held-out validation images included
     * @param validation    last training images held out (the Oracle ranks on them)
     * @param testLimit     first test images used (null = all)
     * @param rankingImages training images the data-driven rankings look at
     */
    public record Settings(String arch, String data, int seeds, List<String> schemes, int epochs, int s1, int s2, double prune, int iterations,
            Integer generations, OptimizerKind optimizer, float lr, float weightDecay, int batchSize, boolean augment, Integer trainLimit,
            int validation, Integer testLimit, int rankingImages) {
        /** BAN's generations. */
        public int banGenerations() {
            return generations == null ? Math.max(1, iterations) : generations;
        }
    }

    /** A study folder that cannot take this study: it holds another one, or the data are too small for the settings. */
    public static final class Refused extends IllegalArgumentException {
        Refused(String message) {
            super(message);
        }
    }

    /** What a study tells its caller while it works. */
    public interface Listener {
        /** Training starts: {@code images} training images are to be seen in all. */
        void start(long images);

        /** A run starts. */
        void run(String scheme, int seed);

        /** {@code images} more training images were seen. */
        void batch(int images);

        /** An epoch of a run ended. */
        void epoch(String scheme, int seed, EpochResult r);

        /** Another process holds the claim of a run ({@link RunClaim}): this one leaves it and its {@code images} to that one. */
        void elsewhere(String scheme, int seed, long images);

        /** A run is complete (after {@code seconds}); {@code report} covers every complete run so far. */
        void complete(String scheme, int seed, double seconds, Result report) throws IOException;
    }

    /** One complete run as the report sees it; BAN's is its last generation, {@code generations} all of them. */
    public record Run(String scheme, int seed, ReprRun result, List<ReprRun> generations) {
        /** The last epoch. */
        public EpochResult last() {
            return result.epochs().get(result.epochs().size() - 1);
        }
    }

    private final Settings s;
    private final List<SchemeSpec> specs = new ArrayList<>();
    private final Path out;

    /**
     * A study of {@code settings} in folder {@code out}; bad settings are an {@link IllegalArgumentException}
     * (checked before any data is read).
     */
    public ReprComparison(Settings settings, Path out) throws IOException {
        this.s = settings;
        this.out = out;
        if (s.seeds() < 1 || s.seeds() > 100) {
            throw new IllegalArgumentException("seeds must be in 1..100, got " + s.seeds());
        }
        if ((s.trainLimit() != null && s.trainLimit() < 1) || (s.testLimit() != null && s.testLimit() < 1) || s.validation() < 0
                || s.rankingImages() < 1) {
            throw new IllegalArgumentException("train and test limits and ranking images must be ≥ 1, validation images ≥ 0");
        }
        if (s.banGenerations() < 1 || s.banGenerations() > 10) {
            throw new IllegalArgumentException("BAN generations must be in 1..10, got " + s.banGenerations());
        }
        Architectures.build(s.arch(), 2);
        specs.add(SchemeSpec.parse("standard"));
        for (String n : s.schemes()) {
            SchemeSpec sp = SchemeSpec.parse(n);
            if (specs.stream().noneMatch(x -> x.name().equals(sp.name()))) {
                specs.add(sp);
            }
        }
        for (SchemeSpec sp : specs) {
            sp.config(s.s1(), s.s2(), s.prune(), s.iterations(), s.rankingImages());
        }
        training(1);
        if (s.iterations() * (s.s1() + s.s2()) > s.epochs()) {
            throw new IllegalArgumentException("iterations × (s1 + s2) = " + s.iterations() * (s.s1() + s.s2()) + " epochs, more than the "
                    + s.epochs() + " epochs of a run");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException(out + ": exists and is not a folder");
        }
    }

    /**
     * Runs every (scheme, seed) not yet complete in the study folder. Without {@code resume} the folder must hold
     * no study; with it, the study's settings must equal these ({@link Refused} otherwise). With {@code cca}, also
     * writes {@code cca.png} (thesis Figure 5.11: CCA of the filters of layers 1 and 2, lower and upper triangle, of
     * standard and the first RePr scheme, seed 1, on up to 500 test images) when both runs are complete.
     */
    public Result run(boolean resume, boolean cca, Listener listener) throws IOException {
        ImageDataset all = DataSets.open(s.data(), true, 3, 32), test = DataSets.open(s.data(), false, 3, 32);
        all = s.trainLimit() == null ? all : all.head(s.trainLimit());
        test = s.testLimit() == null ? test : test.head(s.testLimit());
        int v = s.validation();
        if (v > 0 && all.size() < 2 * v) {
            throw new Refused(v + " validation images need at least " + 2 * v + " training images, there are " + all.size());
        }
        ImageDataset train = v == 0 ? all : new SubsetDataset(all, IntStream.range(0, all.size() - v).toArray());
        ImageDataset held = v == 0 ? null : new SubsetDataset(all, IntStream.range(all.size() - v, all.size()).toArray());
        ModelInfo info = new ModelInfo(s.arch(), train.classes(), new InputSpec(train.channels(), train.height(), train.width(),
                Normalization.of(train)), all.source());
        Map<String, Object> settings = settings(train, test);
        checkSettings(settings, resume);
        if (!Files.exists(out.resolve("config.json"))) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("schema", CONFIG_SCHEMA);
            config.put("version", 1);
            config.putAll(settings);
            Files.createDirectories(out);
            AtomicFiles.write(out.resolve("config.json"), MAPPER.writeValueAsString(config).getBytes(StandardCharsets.UTF_8));
        }
        Path runs = Files.createDirectories(out.resolve("runs"));
        long todo = 0;
        for (SchemeSpec sp : specs) {
            for (int seed = 1; seed <= s.seeds(); seed++) {
                todo += (long) epochsLeft(sp, seed) * train.size();
            }
        }
        listener.start(todo);
        Set<String> elsewhere = new HashSet<>();
        boolean trained = true;
        while (trained) {
            trained = false;
            scan:
            for (int seed = 1; seed <= s.seeds(); seed++) {
                for (SchemeSpec sp : specs) {
                    if (epochsLeft(sp, seed) == 0 || (sp.kind() == SchemeSpec.Kind.BAN && epochsLeft(specs.get(0), seed) > 0)) {
                        continue;
                    }
                    Optional<RunClaim> claim = RunClaim.tryClaim(runs.resolve(sp.name()).resolve("seed-" + seed + ".lock"));
                    if (claim.isEmpty()) {
                        if (elsewhere.add(sp.name() + "/" + seed)) {
                            listener.elsewhere(sp.name(), seed, (long) epochsLeft(sp, seed) * train.size());
                        }
                        continue;
                    }
                    try (RunClaim c = claim.get()) {
                        if (epochsLeft(sp, seed) > 0) {
                            train(sp, seed, info, train, held, test, settings, listener);
                            trained = true;
                        }
                        c.closeComplete();
                    }
                    if (trained) {
                        break scan;
                    }
                }
            }
        }
        Result r = result(settings);
        r.write(out);
        if (cca) {
            writeCca(r, info, test);
        }
        return r;
    }

    /** Trains (or continues) one run while this process holds its claim, then rewrites the report. */
    private void train(SchemeSpec sp, int seed, ModelInfo info, ImageDataset train, ImageDataset held, ImageDataset test,
            Map<String, Object> settings, Listener listener) throws IOException {
        Path runs = out.resolve("runs");
        long t0 = System.nanoTime();
        listener.run(sp.name(), seed);
        ReprListener l = listener(listener, sp.name(), seed);
        if (sp.kind() == SchemeSpec.Kind.BAN) {
            try (SieveModel teacher = restore(info, "standard", seed)) {
                new BornAgain(info, training(seed), s.banGenerations()).run(teacher, train, test, l,
                        g -> runs.resolve("ban").resolve("seed-" + seed + "-gen-" + g + ".ckpt"));
            }
        } else {
            ReprConfig rc = sp.config(s.s1(), s.s2(), s.prune(), s.iterations(), s.rankingImages());
            try (SieveModel model = SieveModel.create(info, seed)) {
                new ReprScheme(model, training(seed), rc).run(train, held, test, l, checkpoint(sp.name(), seed));
            }
        }
        Result sofar = result(settings);
        sofar.write(out);
        listener.complete(sp.name(), seed, (System.nanoTime() - t0) / 1e9, sofar);
    }

    private void writeCca(Result r, ModelInfo info, ImageDataset test) throws IOException {
        String firstRepr = r.schemes().stream().filter(x -> x.startsWith("repr-")).findFirst().orElse(null);
        if (firstRepr == null || !Files.exists(checkpoint("standard", 1)) || !Files.exists(checkpoint(firstRepr, 1))) {
            return;
        }
        ImageDataset sample = test.head(Math.min(500, test.size()));
        double[][][] panels = new double[2][][];
        String[] schemesCca = {"standard", firstRepr};
        for (int k = 0; k < 2; k++) {
            try (SieveModel m = restore(info, schemesCca[k], 1)) {
                panels[k] = merge(FilterCca.of(m, 0, sample, 4), FilterCca.of(m, 1, sample, 4));
            }
        }
        CcaHeatmap.write(out.resolve("cca.png"), panels, new String[] {"standard (lower: layer 1, upper: layer 2)",
            firstRepr + " (lower: layer 1, upper: layer 2)"});
    }

    private ReprListener listener(Listener listener, String scheme, int seed) {
        return new ReprListener() {
            @Override
            public void batch(int epoch, int images, double loss, double accuracy) {
                listener.batch(images);
            }

            @Override
            public void epoch(EpochResult r) {
                listener.epoch(scheme, seed, r);
            }
        };
    }

    /** The settings every run in the folder shares (config.json, snake_case); schemes and seeds are not among them. */
    private Map<String, Object> settings(ImageDataset train, ImageDataset test) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", s.arch());
        m.put("data", train.source());
        m.put("train_images", train.size());
        m.put("validation_images", s.validation());
        m.put("test_images", test.size());
        m.put("epochs", s.epochs());
        m.put("s1", s.s1());
        m.put("s2", s.s2());
        m.put("prune", s.prune());
        m.put("iterations", s.iterations());
        m.put("ban_generations", s.banGenerations());
        m.put("ranking_images", s.rankingImages());
        m.put("optimizer", s.optimizer().name().toLowerCase(Locale.ROOT));
        m.put("learning_rate", s.lr());
        m.put("weight_decay", s.weightDecay());
        m.put("batch_size", s.batchSize());
        m.put("augment", s.augment());
        return m;
    }

    /** Refuses to mix settings in one folder, and to touch existing runs without {@code resume}. */
    private void checkSettings(Map<String, Object> settings, boolean resume) throws IOException {
        Path file = out.resolve("config.json");
        if (!Files.exists(file)) {
            if (Files.isDirectory(out.resolve("runs"))) {
                throw new Refused(out + ": holds runs but no config.json; choose another folder");
            }
            return;
        }
        if (!resume) {
            throw new Refused(out + ": holds a study already; resume it, or choose another folder");
        }
        JsonNode had = MAPPER.readTree(Files.readString(file)), now = MAPPER.readTree(MAPPER.writeValueAsString(settings));
        for (var it = now.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!now.get(k).equals(had.get(k))) {
                throw new Refused(out + ": its runs used " + k + " = " + had.get(k) + ", this study " + now.get(k)
                        + "; resuming needs the same settings");
            }
        }
    }

    private Path checkpoint(String scheme, int seed) {
        return out.resolve("runs").resolve(scheme).resolve("seed-" + seed + ".ckpt");
    }

    private static int epochsDone(Path ckpt) throws IOException {
        return Files.exists(ckpt) ? RunCheckpoint.load(ckpt).epochsDone() : 0;
    }

    private int epochsLeft(SchemeSpec sp, int seed) throws IOException {
        if (sp.kind() != SchemeSpec.Kind.BAN) {
            return s.epochs() - epochsDone(checkpoint(sp.name(), seed));
        }
        int left = 0;
        for (int g = 1; g <= s.banGenerations(); g++) {
            left += s.epochs() - epochsDone(out.resolve("runs").resolve("ban").resolve("seed-" + seed + "-gen-" + g + ".ckpt"));
        }
        return left;
    }

    /** The final model of a complete run, rebuilt from its checkpoint. */
    private SieveModel restore(ModelInfo info, String scheme, int seed) throws IOException {
        Path ckpt = checkpoint(scheme, seed);
        RunCheckpoint cp = RunCheckpoint.load(ckpt);
        if (cp.epochsDone() != s.epochs()) {
            throw new IllegalStateException(ckpt + ": run not complete (" + cp.epochsDone() + " of " + s.epochs() + " epochs)");
        }
        SieveModel m = SieveModel.create(info, seed);
        try {
            cp.restoreInto(m, ckpt);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    private TrainingConfig training(long seed) {
        return new TrainingConfig(s.epochs(), s.batchSize(), s.optimizer(), s.lr(), s.weightDecay(), Schedule.FIXED,
                s.augment() ? new Augmentation(4, true) : Augmentation.NONE, seed);
    }

    /** Every complete run in the folder, by seed. */
    private Result result(Map<String, Object> settings) throws IOException {
        List<Run> found = new ArrayList<>();
        List<Path> dirs;
        try (Stream<Path> st = Files.list(out.resolve("runs"))) {
            dirs = st.filter(Files::isDirectory).sorted().toList();
        }
        int gens = s.banGenerations();
        for (Path dir : dirs) {
            String scheme = dir.getFileName().toString();
            List<Path> files;
            try (Stream<Path> st = Files.list(dir)) {
                files = st.sorted().toList();
            }
            for (Path f : files) {
                Matcher m = SEED_FILE.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                RunCheckpoint cp = RunCheckpoint.load(f);
                if (cp.epochsDone() == s.epochs()) {
                    found.add(new Run(scheme, Integer.parseInt(m.group(1)), cp.run(), List.of(cp.run())));
                }
            }
            if (scheme.equals("ban")) {
                for (int seed = 1; seed <= 100; seed++) {
                    List<ReprRun> g = new ArrayList<>();
                    for (int k = 1; k <= gens; k++) {
                        Path f = dir.resolve("seed-" + seed + "-gen-" + k + ".ckpt");
                        if (!Files.exists(f)) {
                            break;
                        }
                        RunCheckpoint cp = RunCheckpoint.load(f);
                        if (cp.epochsDone() != s.epochs()) {
                            break;
                        }
                        g.add(cp.run());
                    }
                    if (g.size() == gens) {
                        found.add(new Run("ban", seed, g.get(gens - 1), g));
                    }
                }
            }
        }
        found.sort(Comparator.comparingInt(Run::seed));
        return new Result(settings, s.epochs(), found);
    }

    /** Lower triangle from {@code lower}, upper triangle from {@code upper} (Figure 5.2's layout); they must be the same size. */
    private static double[][] merge(double[][] lower, double[][] upper) {
        if (lower.length != upper.length) {
            return upper;
        }
        double[][] m = new double[lower.length][lower.length];
        for (int a = 0; a < m.length; a++) {
            for (int b = 0; b < m.length; b++) {
                m[a][b] = a > b ? lower[a][b] : upper[a][b];
            }
        }
        return m;
    }

    /**
     * The complete runs of a study and their tables.
     *
     * @param settings the study's shared settings (config.json)
     * @param epochs   epochs per run
     * @param runs     the complete runs, by seed
     */
    public record Result(Map<String, Object> settings, int epochs, List<Run> runs) {
        /** The schemes in report order: standard, RePr-Ortho, -Weights, -random, other rankings, DSD, BAN, then the ablations ({@link SchemeSpec#ablation()}). */
        public List<String> schemes() {
            return runs.stream().map(Run::scheme).distinct().sorted(Comparator.comparingInt(Result::rank).thenComparing(Comparator.naturalOrder()))
                    .toList();
        }

        /** The schemes that are not ablations (Figure 5.1's curves). */
        public List<String> mainSchemes() {
            return schemes().stream().filter(x -> !SchemeSpec.parse(x).ablation()).toList();
        }

        /** The ablations ({@link SchemeSpec#ablation()}), in report order. */
        public List<String> ablations() {
            return schemes().stream().filter(x -> SchemeSpec.parse(x).ablation()).toList();
        }

        /** The seeds on which every one of {@code schemes} has a complete run, ascending. */
        public List<Integer> commonSeeds(List<String> schemes) {
            return runs.stream().map(Run::seed).distinct().sorted()
                    .filter(seed -> schemes.stream().allMatch(sc -> runs.stream().anyMatch(r -> r.scheme().equals(sc) && r.seed() == seed)))
                    .toList();
        }

        /** The epochs in which the first RePr or DSD run trained a pruned network (all false without one). */
        public boolean[] prunedEpochs() {
            return runs.stream().filter(r -> r.scheme().startsWith("repr-") || r.scheme().equals("dsd")).findFirst()
                    .map(r -> r.result().prunedEpochs()).orElse(new boolean[epochs]);
        }

        /**
         * The seeds complete for every scheme of {@link #mainSchemes()}, ascending: Figure 5.1 averages over these, so a
         * scheme with more finished seeds is not compared on a different sample; empty when the schemes share no seed.
         */
        public List<Integer> commonSeeds() {
            return commonSeeds(mainSchemes());
        }

        /** Mean train ({@code train}) or test accuracy at each epoch 1..epochs of {@code scheme}'s runs whose seed is in {@code seeds}. */
        public double[] meanAccuracy(String scheme, boolean train, Collection<Integer> seeds) {
            double[] v = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                int epoch = e;
                v[e] = runs.stream().filter(r -> r.scheme().equals(scheme) && seeds.contains(r.seed()))
                        .mapToDouble(r -> train ? r.result().epochs().get(epoch).trainAccuracy() : r.result().epochs().get(epoch).testAccuracy())
                        .average().orElse(Double.NaN);
            }
            return v;
        }

        /** epochs.csv: every epoch of every run. */
        public String epochsCsv() {
            StringBuilder csv = new StringBuilder(
                    "scheme,seed,generation,epoch,pruned,train_loss,train_accuracy,test_loss,test_accuracy,ortho_sum,seconds,kernels\n");
            for (Run r : runs) {
                for (int g = 0; g < r.generations().size(); g++) {
                    ReprRun run = r.generations().get(g);
                    for (EpochResult e : run.epochs()) {
                        String k = run.kernels()[e.epoch() - 1];
                        csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%b,%.6f,%.6f,%.6f,%.6f,%.4f,%.2f,%s%n", r.scheme(), r.seed(),
                                r.scheme().equals("ban") ? g + 1 : 0, e.epoch(), run.prunedEpochs()[e.epoch() - 1], e.trainLoss(), e.trainAccuracy(),
                                e.testLoss(), e.testAccuracy(), run.orthoSum()[e.epoch() - 1], e.seconds(), k == null ? "" : "\"" + k + "\""));
                    }
                }
            }
            return csv.toString();
        }

        /** Per scheme: final test accuracy over seeds, the paired comparison with standard, train accuracy, Ortho-sum and drops. */
        private record SchemeRow(String scheme, double[] test, int[] seeds, double mean, double std, SeedComparison cmp, double trainMean,
                double orthoMean, double[][] drops) {
        }

        private List<SchemeRow> rows() {
            Map<Integer, Double> standard = new LinkedHashMap<>();
            runs.stream().filter(r -> r.scheme().equals("standard")).forEach(r -> standard.put(r.seed(), r.last().testAccuracy()));
            List<SchemeRow> rows = new ArrayList<>();
            for (String sc : schemes()) {
                List<Run> rs = runs.stream().filter(r -> r.scheme().equals(sc)).toList();
                double[] test = rs.stream().mapToDouble(r -> r.last().testAccuracy()).toArray();
                List<Run> paired = rs.stream().filter(r -> standard.containsKey(r.seed())).toList();
                SeedComparison cmp = sc.equals("standard") ? null : SeedComparison.of(paired.stream().mapToDouble(r -> r.last().testAccuracy()).toArray(),
                        paired.stream().mapToDouble(r -> standard.get(r.seed())).toArray());
                rows.add(new SchemeRow(sc, test, rs.stream().mapToInt(Run::seed).toArray(), mean(test), std(test), cmp,
                        rs.stream().mapToDouble(r -> r.last().trainAccuracy()).average().orElse(Double.NaN),
                        rs.stream().mapToDouble(r -> r.result().orthoSum()[epochs - 1]).average().orElse(Double.NaN), meanDrops(rs)));
            }
            return rows;
        }

        /** table.csv: Table 5.1 per scheme. */
        public String tableCsv() {
            StringBuilder csv = new StringBuilder("scheme,seeds,test_accuracy_mean,test_accuracy_std,paired_seeds,difference_mean,difference_std,"
                    + "t,p,train_accuracy_mean,ortho_sum_mean,dropped_per_layer\n");
            for (SchemeRow w : rows()) {
                StringBuilder dropCell = new StringBuilder();
                for (double[] it : w.drops()) {
                    dropCell.append(dropCell.length() == 0 ? "" : " ");
                    for (int l = 0; l < it.length; l++) {
                        dropCell.append(l == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.1f", it[l]));
                    }
                }
                SeedComparison cmp = w.cmp();
                csv.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%s,%s,%s,%s,%s,%.4f,%.3f,%s%n", w.scheme(), w.test().length, w.mean(), w.std(),
                        cmp == null ? "" : cmp.pairs(), num(cmp == null ? Double.NaN : cmp.meanDifference(), 4),
                        num(cmp == null ? Double.NaN : cmp.sdDifference(), 4), num(cmp == null ? Double.NaN : cmp.t(), 3),
                        num(cmp == null ? Double.NaN : cmp.p(), 4), w.trainMean(), w.orthoMean(), dropCell));
            }
            return csv.toString();
        }

        /** table.md: Table 5.1 per scheme, with the per-seed accuracies. */
        public String tableMarkdown() {
            StringBuilder md = new StringBuilder("| scheme | seeds | test accuracy, mean ± std | per seed | − standard, paired mean ± std | t | p |"
                    + " train accuracy | Ortho-sum |\n|---|---|---|---|---|---|---|---|---|\n");
            for (SchemeRow w : rows()) {
                SeedComparison cmp = w.cmp();
                StringBuilder perSeed = new StringBuilder();
                for (double t : w.test()) {
                    perSeed.append(perSeed.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", t));
                }
                md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %.3f | %.0f |%n", w.scheme(), w.test().length,
                        meanStd(w.mean(), w.std(), w.test().length, 4), perSeed,
                        cmp == null ? "" : meanStd(cmp.meanDifference(), cmp.sdDifference(), cmp.pairs(), 4) + " (" + cmp.pairs() + ")",
                        cmp == null ? "" : num(cmp.t(), 2), cmp == null ? "" : num(cmp.p(), 3), w.trainMean(), w.orthoMean()));
            }
            return md.toString();
        }

        /**
         * runs.md: one row per complete run (BAN: its last generation), in the report's scheme order then by seed: final,
         * best (its epoch) and mean of the last 5 epochs' test accuracy, final training accuracy and Ortho-sum, the seconds of
         * its epochs and the kernels that trained it.
         */
        public String runsMarkdown() {
            StringBuilder md = new StringBuilder("| scheme | seed | final test accuracy | best (epoch) | mean of the last 5 epochs | training accuracy |"
                    + " Ortho-sum | seconds of epochs | kernels |\n|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
            for (String sc : schemes()) {
                for (Run r : runs.stream().filter(x -> x.scheme().equals(sc)).toList()) {
                    List<EpochResult> ep = r.result().epochs();
                    EpochResult best = ep.stream().max(Comparator.comparingDouble(EpochResult::testAccuracy)).orElseThrow();
                    double last5 = ep.subList(Math.max(0, ep.size() - 5), ep.size()).stream().mapToDouble(EpochResult::testAccuracy).average()
                            .orElse(Double.NaN);
                    double seconds = r.generations().stream().flatMap(g -> g.epochs().stream()).mapToDouble(EpochResult::seconds).sum();
                    md.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f (%d) | %.4f | %.3f | %.0f | %.0f | %s |%n", sc, r.seed(),
                            r.last().testAccuracy(), best.testAccuracy(), best.epoch(), last5, r.last().trainAccuracy(),
                            r.result().orthoSum()[ep.size() - 1], seconds, String.join("; ", r.result().kernelRanges())));
                }
            }
            return md.toString();
        }

        /** table54.md: Table 5.4's layout, test error of standard, DSD, BAN, RePr-Weights and RePr-Ortho. */
        public String table54() {
            StringBuilder t54 = new StringBuilder("| | Standard | DSD | BAN | RePr Weights | RePr Ortho |\n|---|---|---|---|---|---|\n| test error (%), mean ± std |");
            for (String sc : List.of("standard", "dsd", "ban", "repr-weights", "repr-ortho")) {
                double[] test = runs.stream().filter(r -> r.scheme().equals(sc)).mapToDouble(r -> r.last().testAccuracy()).toArray();
                t54.append(test.length == 0 ? " not run |" : String.format(Locale.ROOT, " %s (%d) |", meanStd(100 * (1 - mean(test)), 100 * std(test),
                        test.length, 2), test.length));
            }
            return t54.append("\n").toString();
        }

        /** report.json: {@link #report} under {@code "schema": "sieve.eval.repr"} and {@code "version"}. */
        public Map<String, Object> document() {
            return ReportJson.report("eval.repr", report());
        }

        /** Writes the report files into {@code out}: epochs.csv, table.csv, table.md, table54.md, runs.md and report.json ({@link #document}). */
        public void write(Path out) throws IOException {
            AtomicFiles.write(out.resolve("epochs.csv"), epochsCsv().getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(out.resolve("table.csv"), tableCsv().getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(out.resolve("table.md"), tableMarkdown().getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(out.resolve("table54.md"), table54().getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(out.resolve("runs.md"), runsMarkdown().getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(out.resolve("report.json"), ReportJson.write(document()).getBytes(StandardCharsets.UTF_8));
        }

        /** The report (snake_case keys): the settings, the ranking rule, complete runs, Table 5.1 per scheme and the training time. */
        public Map<String, Object> report() {
            Map<String, Object> table = new LinkedHashMap<>();
            for (SchemeRow w : rows()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("mean", w.mean());
                row.put("std", w.std());
                row.put("seeds", w.seeds());
                row.put("per_seed", w.test());
                if (w.cmp() != null) {
                    row.put("paired_seeds", w.cmp().pairs());
                    row.put("difference_mean", finite(w.cmp().meanDifference()));
                    row.put("difference_std", finite(w.cmp().sdDifference()));
                    row.put("paired_t", finite(w.cmp().t()));
                    row.put("paired_p", finite(w.cmp().p()));
                }
                row.put("train_accuracy_mean", w.trainMean());
                row.put("ortho_sum_mean", w.orthoMean());
                row.put("dropped_per_layer_mean", w.drops());
                table.put(w.scheme(), row);
            }
            Map<String, Object> report = new LinkedHashMap<>(settings);
            report.put("ranking", "global, first layer excluded, unless a scheme's +flags say otherwise");
            report.put("runs_complete", runs.size());
            report.put("final_test_accuracy", table);
            report.put("training_seconds", runs.stream().mapToDouble(r -> r.generations().stream()
                    .flatMap(g -> g.epochs().stream()).mapToDouble(EpochResult::seconds).sum()).sum());
            List<Map<String, Object>> kernels = new ArrayList<>();
            for (Run r : runs) {
                for (int g = 0; g < r.generations().size(); g++) {
                    Map<String, Object> k = new LinkedHashMap<>();
                    k.put("scheme", r.scheme());
                    k.put("seed", r.seed());
                    k.put("generation", r.scheme().equals("ban") ? g + 1 : 0);
                    k.put("epochs", r.generations().get(g).kernelRanges());
                    kernels.add(k);
                }
            }
            report.put("kernels", kernels);
            return report;
        }

        private static int rank(String scheme) {
            int base = List.of("standard", "repr-ortho", "repr-weights", "repr-random").indexOf(scheme);
            return base >= 0 ? base : SchemeSpec.parse(scheme).ablation() ? 7 : scheme.equals("dsd") ? 5 : scheme.equals("ban") ? 6 : 4;
        }

        /** Filters (RePr) or weights (DSD) dropped per layer at each iteration, mean over the runs' seeds ([iteration][layer]; empty for standard). */
        private static double[][] meanDrops(List<Run> runs) {
            int iterations = runs.stream().mapToInt(r -> r.result().droppedPerLayer().size()).min().orElse(0);
            double[][] m = new double[iterations][];
            for (int i = 0; i < iterations; i++) {
                m[i] = new double[runs.get(0).result().droppedPerLayer().get(i).length];
                for (Run r : runs) {
                    int[] d = r.result().droppedPerLayer().get(i);
                    for (int l = 0; l < d.length && l < m[i].length; l++) {
                        m[i][l] += d[l] / (double) runs.size();
                    }
                }
            }
            return m;
        }

        /** "mean ± std", or the mean alone for one seed (no spread to show). */
        private static String meanStd(double mean, double std, int n, int digits) {
            String m = String.format(Locale.ROOT, "%." + digits + "f", mean);
            return n < 2 ? m : m + " ± " + String.format(Locale.ROOT, "%." + digits + "f", std);
        }

        private static String num(double v, int digits) {
            return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "";
        }

        private static Double finite(double v) {
            return Double.isFinite(v) ? v : null;
        }

        private static double mean(double[] v) {
            double sum = 0;
            for (double x : v) {
                sum += x;
            }
            return v.length == 0 ? Double.NaN : sum / v.length;
        }

        /** Sample standard deviation (0 for one seed). */
        private static double std(double[] v) {
            if (v.length < 2) {
                return 0;
            }
            double m = mean(v), sum = 0;
            for (double x : v) {
                sum += (x - m) * (x - m);
            }
            return Math.sqrt(sum / (v.length - 1));
        }
    }
}
