package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.nn.data.Augmentation;
import dev.sieve.nn.data.FashionMnist;
import dev.sieve.nn.data.InMemoryDataset;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.train.OptimizerKind;
import dev.sieve.nn.train.Schedule;
import dev.sieve.nn.train.Training;
import dev.sieve.nn.train.TrainingConfig;
import dev.sieve.nn.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalDefenseCommandTest {
    @TempDir
    static Path dir;
    static Path model;

    /** A C^1(8) trained for 60 steps on Fashion-MNIST, saved as a checkpoint. */
    @BeforeAll
    static void trainTinyModel() throws Exception {
        InMemoryDataset train = FashionMnist.load(FashionMnist.DEBIAN_DIR, true);
        ModelInfo info = new ModelInfo("c1-8", train.classes(),
                new InputSpec(1, 28, 28, new Normalization(new float[] {0.286f}, new float[] {0.353f})), "test");
        try (SieveModel m = SieveModel.create(info, 1)) {
            new Training(m, new TrainingConfig(1, 64, OptimizerKind.MOMENTUM, 0.01f, 0f, Schedule.FIXED, Augmentation.NONE, 1))
                    .run(train.head(3840), train.head(64), new TrainingListener() { });
            model = dir.resolve("tiny.safetensors");
            m.save(model);
        }
    }

    @Test
    void budgetSweepWritesAReportPerBudgetAndTheRobustnessCurve() throws Exception {
        Path out = dir.resolve("sweep");
        CliRun r = CliRun.of("eval", "defense", "--model", model.toString(), "--attacks", "pgd:steps=5,apgd-dlr:steps=5",
                "--defenses", "none,bitdepth:bits=2", "--ensemble", "1", "--adaptive", "1", "--budgets", "linf=0.02;linf=0.2",
                "--limit", "12", "--batch", "12", "-d", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(out.resolve("linf=0.02").resolve("results.csv")).exists();
        assertThat(out.resolve("linf=0.2").resolve("table.md")).exists();
        List<String> rows = Files.readAllLines(out.resolve("robustness.csv"));
        // header + 2 budgets × 2 defenses × (plain, adaptive)
        assertThat(rows).hasSize(1 + 2 * 2 * 2);
        assertThat(rows.get(0)).isEqualTo("norm,epsilon,defense,attacks,robust_accuracy,low,high,worst_attack,images");
        double small = Double.parseDouble(rows.get(1).split(",")[4]), large = Double.parseDouble(rows.get(5).split(",")[4]);
        assertThat(rows.get(1)).startsWith("linf,0.020000,\"none\",plain,");
        assertThat(rows.get(5)).startsWith("linf,0.200000,\"none\",plain,");
        assertThat(large).as("robust accuracy at ε 0.2 vs 0.02").isLessThanOrEqualTo(small).isLessThan(0.2);
        assertThat(Files.readAllBytes(out.resolve("robustness.png"))).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readString(out.resolve("sanity.md"))).contains("| largest-budget-breaks | none | linf=0.2 |", "adaptive-not-weaker");
        assertThat(Files.readString(out.resolve("linf=0.2").resolve("table.md"))).contains("Adversarial samples: 8-bit", "Sanity checks");
        assertThat(CliRun.of("eval", "defense", "--model", model.toString(), "--budget", "linf=0.1", "--budgets", "linf=0.2",
                "-d", dir.resolve("x").toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void deflectionGuidedByTheDefendedModelsRcamRunsInTheHarnessAndNowhereWithoutAModel() throws Exception {
        Path out = dir.resolve("rcam");
        CliRun r = CliRun.of("eval", "defense", "--model", model.toString(), "--attacks", "fgsm:linf=0.1",
                "--defenses", "deflect:k=50,w=3,map=rcam,top=3", "--ensemble", "1", "--limit", "6", "--batch", "6", "-d", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("results.csv"))).contains("map=rcam,top=3");
        Path png = dir.resolve("any.png");
        dev.sieve.image.io.ImageFiles.writePng(dev.sieve.image.Planar.zeros(28, 28, 1), png);
        CliRun d = CliRun.of("defend", png.toString(), "-o", dir.resolve("d.png").toString(), "--pipeline", "deflect:map=rcam");
        assertThat(d.exitCode()).isEqualTo(2);
        assertThat(d.err().strip()).contains("needs the classifier being defended").doesNotContain("\n");
    }

    @Test
    void anInterruptedRunResumesFromItsCheckpointToTheSameReport() throws Exception {
        Path out = dir.resolve("resume");
        String[] args = {"eval", "defense", "--model", model.toString(), "--attacks", "fgsm:linf=0.1,deepfool", "--defenses",
            "none,bitdepth:bits=2", "--ensemble", "1", "--adaptive", "1", "--limit", "10", "--batch", "10", "-d", out.toString()};
        CliRun full = CliRun.of(args);
        assertThat(full.exitCode()).as(full.err()).isZero();
        List<String> expected = Files.readAllLines(out.resolve("results.csv"));
        List<String> lines = Files.readAllLines(out.resolve("checkpoint.jsonl"));
        assertThat(lines).hasSize(1 + expected.size() - 1);
        // as if killed while writing the fourth row
        Files.writeString(out.resolve("checkpoint.jsonl"), String.join("\n", lines.subList(0, 4)) + "\n" + lines.get(4).substring(0, 30));
        String[] resumed = java.util.Arrays.copyOf(args, args.length + 1);
        resumed[args.length] = "--resume";
        CliRun again = CliRun.of(resumed);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("3 rows done");
        assertThat(withoutSeconds(Files.readAllLines(out.resolve("results.csv")))).isEqualTo(withoutSeconds(expected));
        String[] other = resumed.clone();
        other[java.util.Arrays.asList(other).indexOf("--limit") + 1] = "12";
        CliRun refused = CliRun.of(other);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("holds a run with other parameters");
    }

    /** CSV rows without the attack_seconds values (wall time differs between runs; the only field with two decimals, before the quoted spec). */
    private static List<String> withoutSeconds(List<String> csv) {
        return csv.stream().map(l -> l.replaceFirst(",\\d+\\.\\d{2},\"", ",\"")).toList();
    }

    @Test
    void writesCsvJsonTableAndChartForAttacksAgainstDefenses() throws Exception {
        Path out = dir.resolve("report");
        CliRun r = CliRun.of("eval", "defense", "--model", model.toString(), "--data", "fashion-mnist",
                "--attacks", "fgsm:linf=0.1,deepfool", "--defenses", "none,bitdepth:bits=2", "--ensemble", "2", "--adaptive", "1",
                "--limit", "12", "--batch", "6", "-d", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(out.resolve("summary.json")).exists();
        assertThat(out.resolve("accuracy.png")).exists();
        assertThat(Files.readAllBytes(out.resolve("accuracy.png"))).startsWith(0x89, 'P', 'N', 'G');
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        // header + (clean + 2 attacks + 2 adaptive twins) × 2 defenses
        assertThat(csv).hasSize(1 + 5 * 2);
        assertThat(csv.get(0)).startsWith("attack,defense,adaptive,images,attack_success,mean_l2");
        assertThat(r.out()).contains("| deepfool |", "Destruction rate", "bitdepth:bits=2");
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"schema\" : \"sieve.eval.defense\"", "\"clean_accuracy\"", "\"rows\"", "\"accuracy_single\"");
    }

    @Test
    void semanticQuantizationStagesWithImageQualityColumns() throws Exception {
        ModelInfo info = new ModelInfo("msroi-2-4x2", List.of("a", "b", "c"),
                new InputSpec(3, 32, 32, new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f})), "test");
        Path msroi = dir.resolve("msroi.safetensors");
        try (SieveModel m = SieveModel.create(info, 2)) {
            m.save(msroi);
        }
        Path out = dir.resolve("report31");
        CliRun r = CliRun.of("eval", "defense", "--model", model.toString(), "--data", "fashion-mnist", "--attacks", "fgsm",
                "--budget", "l2=0.05", "--defenses", "jpeg:q=50;msroi-jpeg:model=" + msroi + ",size=32;aug-msroi-jpeg:model=" + msroi
                        + ",size=32,passes=2,mode=direct", "--ensemble", "1", "--quality", "--limit", "8", "-d", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertThat(csv).hasSize(1 + 2 * 3);
        assertThat(csv.get(0)).endsWith(",mse,ssim,psnr");
        assertThat(csv.get(1)).doesNotEndWith(",,,");
        assertThat(r.out()).contains("(Table 3.1 layout)", "| Accuracy (%) ↑ | MSE ↓ | SSIM ↑ | PSNR (dB) ↑ |", "| aug-msroi-jpeg:model=");
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"mse\"", "\"image_quality\" : true", "mode=direct");
        CliRun help = CliRun.of("defend", "--help");
        assertThat(help.out()).contains("msroi-jpeg", "aug-msroi-jpeg", "act-noise=0.25");
        CliRun bad = CliRun.of("eval", "defense", "--model", model.toString(), "--defenses", "msroi-jpeg:colour=1", "-d", dir.resolve("x").toString());
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err().strip()).contains("unknown parameter 'colour'").doesNotContain("\n");
    }

    @Test
    void attackCommandWritesAnAdversarialPngThatChangesTheClass() throws Exception {
        InMemoryDataset test = FashionMnist.load(FashionMnist.DEBIAN_DIR, false);
        float[] raw = new float[784];
        test.pixels(0, raw, 0);
        Path in = dir.resolve("boot.png");
        dev.sieve.image.io.ImageFiles.writePng(new dev.sieve.image.Planar(28, 28, raw), in);
        Path adv = dir.resolve("boot-adv.png");
        CliRun r = CliRun.of("attack", in.toString(), "-o", adv.toString(), "--model", model.toString(), "--attack", "deepfool");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(adv).exists();
        assertThat(r.out()).contains("success", "RMSE", "deepfool:");
        CliRun bad = CliRun.of("attack", in.toString(), "-o", dir.resolve("x.png").toString(), "--model", model.toString(), "--target", "Unicorn");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown class 'Unicorn'");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    @Test
    void estimatePrintsTheBoundWithEachDefensesTimeAndWritesNothing() {
        CliRun r = CliRun.of("eval", "defense", "--model", model.toString(), "--data", "fashion-mnist", "--limit", "16", "--attacks",
                "pgd:linf=0.1,steps=5", "--defenses", "none;jpeg:q=75;deflect:k=10,w=3", "--adaptive", "4", "--estimate");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("this run may take up to").contains("crafting", "evaluating", "ms per gradient pass per image",
                "ms per defense draw per image: jpeg:q=75 ", "deflect:k=10,w=3 ", "the costliest is pgd:linf=0.1,steps=5,eot=4 through ");
        CliRun missing = CliRun.of("eval", "defense", "--model", model.toString(), "--attacks", "fgsm");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--out-dir=OUT_DIR'");
    }

    @Test
    void badAttackFailsWithOneLineAndWritesNothing() {
        Path out = dir.resolve("never");
        CliRun r = CliRun.of("eval", "defense", "--model", model.toString(), "--attacks", "fgsm,warp", "-d", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).contains("unknown attack 'warp'").doesNotContain("\n");
        assertThat(out).doesNotExist();
        CliRun m = CliRun.of("eval", "defense", "--model", dir.resolve("missing.safetensors").toString(), "-d", out.toString());
        assertThat(m.exitCode()).isEqualTo(1);
        assertThat(m.err()).contains("missing.safetensors");
        assertThat(out).doesNotExist();
        CliRun b = CliRun.of("eval", "defense", "--model", model.toString(), "--budget", "l3=2", "-d", out.toString());
        assertThat(b.exitCode()).isEqualTo(2);
        assertThat(b.err()).contains("unknown norm");
        assertThat(out).doesNotExist();
    }
}
