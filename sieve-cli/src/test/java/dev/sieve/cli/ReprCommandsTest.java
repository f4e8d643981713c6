package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RePr commands end to end, in-process, on a tiny CIFAR-10-format data set. */
class ReprCommandsTest {
    @TempDir
    static Path dir;
    static Path data;

    /** 80 training and 32 test images of 32×32 in CIFAR-10 binary layout, class = brightness decile. */
    @BeforeAll
    static void writeData() throws IOException {
        data = Files.createDirectories(dir.resolve("cifar"));
        SplittableRandom rnd = new SplittableRandom(6);
        for (String name : new String[] {"data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch"}) {
            int n = name.startsWith("test") ? 32 : 16;
            byte[] b = new byte[n * 3073];
            for (int i = 0; i < n; i++) {
                int label = rnd.nextInt(10);
                b[i * 3073] = (byte) label;
                for (int p = 1; p < 3073; p++) {
                    b[i * 3073 + p] = (byte) Math.min(255, label * 25 + rnd.nextInt(20));
                }
            }
            Files.write(data.resolve(name + ".bin"), b);
        }
    }

    @Test
    void trainWithReprSchemeReportsTheSchemeAndDropsFilters() {
        NnCommandsTest.Result r = NnCommandsTest.run("train", "--arch", "c3-4", "--data", data.toString(), "--epochs", "3", "--batch-size", "16",
                "--scheme", "repr", "--s1", "1", "--s2", "1", "--iterations", "1", "--metric", "weights", "--out-dir", dir.resolve("t").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"scheme\" : \"repr\"", "\"metric\" : \"weights\"");
        assertThat(r.err()).contains("RePr 1/1: dropped 2 filters before epoch 2", "re-initialized 2 filters after epoch 2");
        assertThat(dir.resolve("t/model.safetensors")).exists();
    }

    @Test
    void benchReprSaysWhichSchemeAndRoundRunsWhileItWorks() {
        CliRun r = CliRun.of("bench", "repr", "--arch", "c2-4", "--images", "256", "--rounds", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("bench repr: c2-4, standard training, round 1/1 (3 epochs)...",
                "bench repr: c2-4, RePr training, round 1/1 (3 epochs)...");
        assertThat(r.out()).contains("median of 1 rounds");
    }

    @Test
    void trainWithDsdThenABornAgainGenerationFromIt() {
        NnCommandsTest.Result d = NnCommandsTest.run("train", "--arch", "c3-4", "--data", data.toString(), "--epochs", "3", "--batch-size", "16",
                "--scheme", "dsd", "--s1", "1", "--s2", "1", "--iterations", "1", "--out-dir", dir.resolve("dsd").toString());
        assertThat(d.exit()).as(d.err()).isZero();
        assertThat(d.out()).contains("\"scheme\" : \"dsd\"");
        assertThat(d.err()).contains("DSD 1/1: pruned the smallest 30 % of every weight tensor before epoch 2");
        NnCommandsTest.Result b = NnCommandsTest.run("train", "--arch", "c3-4", "--data", data.toString(), "--epochs", "2", "--batch-size", "16",
                "--scheme", "ban", "--teacher", dir.resolve("dsd/model.safetensors").toString(), "--out-dir", dir.resolve("ban").toString());
        assertThat(b.exit()).as(b.err()).isZero();
        assertThat(b.out()).contains("\"scheme\" : \"ban\"", "\"temperature\" : 1.0", "\"kd_weight\" : 1.0");
        NnCommandsTest.Result n = NnCommandsTest.run("train", "--arch", "c3-4", "--data", data.toString(), "--scheme", "ban", "--out-dir",
                dir.resolve("ban2").toString());
        assertThat(n.exit()).isEqualTo(2);
        assertThat(n.err()).contains("born-again training needs a teacher checkpoint");
        assertThat(dir.resolve("ban2")).doesNotExist();
    }

    @Test
    void evalReprWritesCurvesTableAndCcaWithMeanAndStdOverSeeds() throws IOException {
        Path out = dir.resolve("e");
        NnCommandsTest.Result r = NnCommandsTest.run("eval", "repr", "--arch", "c2-4", "--data", data.toString(), "--seeds", "2", "--epochs", "3",
                "--s1", "1", "--s2", "1", "--iterations", "1", "--metrics", "ortho,random", "--batch-size", "16", "--cca", "-d", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.path("final_test_accuracy").path("repr-ortho").path("per_seed")).hasSize(2);
        assertThat(report.path("final_test_accuracy").path("standard").path("std").isNumber()).isTrue();
        JsonNode drops = report.path("final_test_accuracy").path("repr-ortho").path("dropped_per_layer_mean");
        assertThat(drops).hasSize(1);
        assertThat(drops.get(0).get(0).asDouble()).as("first layer excluded").isZero();
        assertThat(drops.get(0).get(1).asDouble()).as("30 %% of the 4 layer-2 filters").isEqualTo(1.0);
        assertThat(report.path("final_test_accuracy").path("standard").path("dropped_per_layer_mean")).isEmpty();
        assertThat(Files.readAllLines(out.resolve("table.csv"))).hasSize(4).anyMatch(l -> l.startsWith("repr-random,2,"));
        List<String> runsMd = Files.readAllLines(out.resolve("runs.md"));
        assertThat(runsMd).hasSize(2 + 6);
        assertThat(runsMd.get(2)).startsWith("| standard | 1 | " + String.format(java.util.Locale.ROOT, "%.4f",
                report.path("final_test_accuracy").path("standard").path("per_seed").get(0).asDouble()) + " | ").contains("| epochs 1-3: ");
        assertThat(Files.readAllLines(out.resolve("epochs.csv"))).hasSize(1 + 3 * 2 * 3).anyMatch(l -> l.startsWith("repr-ortho,1,0,2,true,"));
        assertThat(ImageIO.read(out.resolve("curves.png").toFile()).getWidth()).isEqualTo(1400);
        assertThat(out.resolve("ablations.png")).as("no ablation ran").doesNotExist();
        assertThat(ImageIO.read(out.resolve("cca.png").toFile())).isNotNull();
        assertThat(report.path("schema").asText()).isEqualTo("sieve.eval.repr");
        assertThat(report.path("kernels")).hasSize(6).allSatisfy(k -> assertThat(k.path("epochs").get(0).asText())
                .as(k.path("scheme").asText() + " seed " + k.path("seed").asInt()).matches("epochs 1-3: .+, \\d+ threads?"));
        assertThat(Files.readAllLines(out.resolve("epochs.csv")).get(1)).matches(".*,\".+, \\d+ threads?\"");
        JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertThat(config.path("schema").asText()).isEqualTo("sieve.repr.config");
        assertThat(config.path("version").asInt()).isEqualTo(1);
        assertThat(SieveTest.keys(config, new java.util.ArrayList<>())).allMatch(k -> k.matches("[a-z][a-z0-9_]*"));
    }

    @Test
    void evalReprResumesGrowsSeedsRunsDsdBanAndAblationsAndRefusesOtherSettings() throws IOException {
        Path out = dir.resolve("resume");
        java.util.function.Function<String[], NnCommandsTest.Result> run = extra -> {
            java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("eval", "repr", "--arch", "c2-4", "--data", data.toString(),
                    "--epochs", "3", "--s1", "1", "--s2", "1", "--iterations", "1", "--batch-size", "16", "-d", out.toString()));
            a.addAll(java.util.List.of(extra));
            return NnCommandsTest.run(a.toArray(new String[0]));
        };
        NnCommandsTest.Result first = run.apply(new String[] {"--seeds", "1", "--schemes", "dsd,ban,repr-ortho-signed+per-layer+no-predrop"});
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(out.resolve("runs/ban/seed-1-gen-1.ckpt")).exists();
        assertThat(Files.readString(out.resolve("table54.md"))).contains("| test error (%), mean ± std |").contains("not run");
        assertThat(Files.readAllLines(out.resolve("table.csv"))).hasSize(5).anyMatch(l -> l.startsWith("repr-ortho-signed+per-layer+no-predrop,1,"));
        assertThat(ImageIO.read(out.resolve("ablations.png").toFile()).getWidth()).isEqualTo(1400);

        NnCommandsTest.Result again = run.apply(new String[] {"--seeds", "1", "--schemes", "dsd"});
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("holds a study already", "--resume");
        NnCommandsTest.Result other = run.apply(new String[] {"--seeds", "1", "--lr", "0.02", "--resume"});
        assertThat(other.exit()).isEqualTo(2);
        assertThat(other.err()).contains("learning_rate");

        NnCommandsTest.Result more = run.apply(new String[] {"--seeds", "2", "--schemes", "dsd", "--resume"});
        assertThat(more.exit()).as(more.err()).isZero();
        assertThat(more.err()).contains("standard seed 2 complete", "dsd seed 2 complete").doesNotContain("seed 1 complete");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode dsd = report.path("final_test_accuracy").path("dsd");
        assertThat(dsd.path("per_seed")).hasSize(2);
        assertThat(dsd.path("paired_seeds").asInt()).isEqualTo(2);
        assertThat(report.path("final_test_accuracy").path("ban").path("per_seed")).hasSize(1);
        assertThat(Files.readAllLines(out.resolve("epochs.csv"))).anyMatch(l -> l.startsWith("ban,1,1,3,false,"));
    }

    @Test
    void evalReprLeavesARunAnotherProcessClaimedAndAResumeFinishesIt() throws IOException {
        Path out = dir.resolve("shared");
        java.util.function.Function<String, NnCommandsTest.Result> run = seeds -> NnCommandsTest.run("eval", "repr", "--arch", "c2-4", "--data",
                data.toString(), "--seeds", seeds, "--schemes", "dsd,ban", "--epochs", "3", "--s1", "1", "--s2", "1", "--iterations", "1",
                "--batch-size", "16", "--resume", "-d", out.toString());
        assertThat(run.apply("1").exit()).isZero();
        NnCommandsTest.Result claimed;
        try (dev.sieve.repr.RunClaim other = dev.sieve.repr.RunClaim.tryClaim(out.resolve("runs/standard/seed-2.lock")).orElseThrow()) {
            claimed = run.apply("2");
        }
        assertThat(claimed.exit()).as(claimed.err()).isZero();
        assertThat(claimed.err()).contains("standard seed 2 is being trained by another process", "dsd seed 2 complete")
                .as("BAN waits for its teacher").doesNotContain("standard seed 2 complete", "ban seed 2");
        assertThat(out.resolve("runs/standard/seed-2.ckpt")).doesNotExist();
        NnCommandsTest.Result after = run.apply("2");
        assertThat(after.exit()).as(after.err()).isZero();
        assertThat(after.err()).contains("standard seed 2 complete", "ban seed 2 complete").doesNotContain("dsd seed 2 complete");
        assertThat(out.resolve("runs/standard/seed-2.lock")).as("a complete run's lock file is removed").doesNotExist();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.path("final_test_accuracy").path("ban").path("per_seed")).hasSize(2);
        assertThat(report.path("final_test_accuracy").path("dsd").path("per_seed")).hasSize(2);
    }

    @Test
    void badReprOptionsFailWithOneLineAndNoOutput() {
        Path out = dir.resolve("bad");
        NnCommandsTest.Result r = NnCommandsTest.run("eval", "repr", "--data", data.toString(), "--epochs", "10", "-d", out.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("sieve eval repr: iterations × (s1 + s2) = 90 epochs, more than the 10 epochs of a run (see 'sieve eval repr --help')");
        NnCommandsTest.Result t = NnCommandsTest.run("train", "--scheme", "repr", "--metric", "hessian", "--data", data.toString(), "--out-dir", out.toString());
        assertThat(t.exit()).isEqualTo(2);
        assertThat(t.err()).contains("unknown ranking metric 'hessian'");
        NnCommandsTest.Result u = NnCommandsTest.run("eval", "repr", "--data", data.toString(), "--schemes", "repr-ortho+global", "-d", out.toString());
        assertThat(u.exit()).isEqualTo(2);
        assertThat(u.err()).contains("unknown flag 'global'");
        assertThat(out).doesNotExist();
    }
}
