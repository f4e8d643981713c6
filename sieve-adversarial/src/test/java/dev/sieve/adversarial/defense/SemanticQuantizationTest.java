package dev.sieve.adversarial.defense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.adversarial.eval.AttackSpec;
import dev.sieve.adversarial.eval.Preset;
import dev.sieve.adversarial.eval.SpecList;
import dev.sieve.adversarial.attack.Budget;
import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.defense.Defense;
import dev.sieve.image.defense.DefensePipeline;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.msroi.MsroiModels;
import dev.sieve.nn.saliency.SaliencyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SemanticQuantizationTest {
    @TempDir
    static Path dir;
    static Path modelFile;

    @BeforeAll
    static void tinyMsroiModel() throws Exception {
        ModelInfo info = new ModelInfo("msroi-2-4x2", List.of("a", "b", "c"),
                new InputSpec(3, 32, 32, new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f})), "test");
        try (SieveModel m = SieveModel.create(info, 3)) {
            modelFile = dir.resolve("msroi-tiny.safetensors");
            m.save(modelFile);
        }
    }

    /** kodim07 at 96×64 with Gaussian noise of σ 6, like a perturbed photo. */
    static Planar photo(long seed) {
        Planar img = Resample.resize(SamplePhotos.kodim07(), 96, 64);
        SplittableRandom r = new SplittableRandom(seed);
        for (int c = 0; c < img.channels(); c++) {
            float[] p = img.plane(c);
            for (int i = 0; i < p.length; i++) {
                double g = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
                p[i] = (float) Math.max(0, Math.min(255, p[i] + 6 * g));
            }
        }
        return img;
    }

    private static double psnr(Planar a, Planar b, int x0, int x1) {
        double s = 0;
        long n = 0;
        for (int c = 0; c < a.channels(); c++) {
            for (int y = 0; y < a.height(); y++) {
                for (int x = x0; x < x1; x++) {
                    double d = a.get(c, x, y) - b.get(c, x, y);
                    s += d * d;
                    n++;
                }
            }
        }
        return 10 * Math.log10(255.0 * 255.0 / (s / n));
    }

    @Test
    void salientHalfIsKeptBetterThanTheBackground() {
        Planar img = photo(1);
        float[] m = new float[img.pixels()];
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width() / 2; x++) {
                m[y * img.width() + x] = 1f;
            }
        }
        SaliencyMap left = new SaliencyMap(img.width(), img.height(), m);
        float[] flipped = new float[m.length];
        for (int i = 0; i < m.length; i++) {
            flipped[i] = 1 - m[i];
        }
        SaliencyMap right = new SaliencyMap(img.width(), img.height(), flipped);
        for (String mode : List.of("mosaic", "direct")) {
            var o = SemanticQuantization.defaultOptions().withMode(mode.equals("mosaic")
                    ? dev.sieve.jpeg.semantic.SemanticMode.MOSAIC : dev.sieve.jpeg.semantic.SemanticMode.DIRECT);
            Planar l = new SemanticQuantization("test", "map=left", (x, s) -> left, o).apply(img, 0);
            Planar r = new SemanticQuantization("test", "map=right", (x, s) -> right, o).apply(img, 0);
            assertThat(l.width()).isEqualTo(img.width());
            assertThat(l.height()).isEqualTo(img.height());
            assertThat(l.channels()).isEqualTo(3);
            int half = img.width() / 2;
            // the same half of the photo is better kept when it is the salient one, and worse when it is the background
            assertThat(psnr(img, l, 0, half)).as(mode + " left").isGreaterThan(psnr(img, r, 0, half) + 0.25);
            assertThat(psnr(img, r, half, img.width())).as(mode + " right").isGreaterThan(psnr(img, l, half, img.width()) + 0.25);
        }
    }

    @Test
    void augmentedStageIsDeterministicForASeedKeepsTheSizeAndIsThreadSafe() throws Exception {
        DefensePipeline p = Defenses.registry().parse("aug-msroi-jpeg:model=" + modelFile + ",passes=2,size=48,jitter=4");
        Planar img = photo(2);
        Planar a = p.apply(img, 11);
        Planar b = p.apply(img, 11);
        assertThat(a).isEqualTo(b);
        assertThat(a.width()).isEqualTo(96);
        assertThat(a.height()).isEqualTo(64);
        assertThat(a.channels()).isEqualTo(3);
        for (float v : a.plane(0)) {
            assertThat(v).isBetween(0f, 255f).isEqualTo((float) Math.rint(v));
        }
        // grayscale input stays grayscale; the plain stage ignores the seed
        Planar gray = img.channel(1);
        DefensePipeline plain = Defenses.registry().parse("msroi-jpeg:model=" + modelFile + ",size=32,mode=direct");
        Planar g = plain.apply(gray, 1);
        assertThat(g.channels()).isEqualTo(1);
        assertThat(g).isEqualTo(plain.apply(gray, 2));
        // the harness defends in a parallel stream: the same outputs as one after another
        List<Planar> inputs = IntStream.range(0, 6).mapToObj(SemanticQuantizationTest::photo).toList();
        Planar[] seq = new Planar[6];
        for (int i = 0; i < 6; i++) {
            seq[i] = p.apply(inputs.get(i), i);
        }
        Planar[] par = new Planar[6];
        IntStream.range(0, 6).parallel().forEach(i -> par[i] = p.apply(inputs.get(i), i));
        assertThat(par).containsExactly(seq);
    }

    @Test
    void specSpellsEveryParameterOutAndRoundTrips() throws Exception {
        Defense plain = Defenses.registry().parse("msroi-jpeg:model=" + modelFile);
        assertThat(plain.spec()).isEqualTo("msroi-jpeg:model=" + modelFile + ",select=topk,t=0,k=5,size=256,mode=mosaic,levels=5,q-low=30,"
                + "q-high=70,inclusive-levels=false,match-quality=50,fixed-quality=0,tolerance=0.01,subsampling=420,block-method=dead-zone");
        Defense aug = Defenses.registry().parse("aug-msroi-jpeg:model=" + modelFile + ",select=threshold,t=-0.5,passes=3,noise=4.5,"
                + "act-noise=0.1,jitter=2,mode=direct,levels=4,q-low=10,q-high=90,match-quality=40,subsampling=444,block-method=requantize");
        String spec = aug.spec();
        assertThat(spec).isEqualTo("aug-msroi-jpeg:model=" + modelFile + ",select=threshold,t=-0.5,k=5,size=256,passes=3,noise=4.5,"
                + "act-noise=0.1,jitter=2,mode=direct,levels=4,q-low=10,q-high=90,inclusive-levels=false,match-quality=40,"
                + "fixed-quality=0,tolerance=0.01,subsampling=444,block-method=requantize");
        assertThat(Defenses.registry().parse(spec).spec()).isEqualTo(spec);
        assertThat(Defenses.registry().parse(plain.spec()).spec()).isEqualTo(plain.spec());
        // one model instance per file, however it is spelled, shared with the other saliency users
        assertThat(SemanticQuantization.model(modelFile.toString()))
                .isSameAs(SemanticQuantization.model(modelFile.getParent().resolve(".").resolve(modelFile.getFileName()).toString()))
                .isSameAs(SaliencyModels.open(modelFile.toString()));
        assertThat(SemanticQuantization.model(SemanticQuantization.DEFAULT_MODEL)).isSameAs(SaliencyModels.open(MsroiModels.DEFAULT));
        assertThat(Defenses.registry().names()).endsWith("jpeg", "msroi-jpeg", "aug-msroi-jpeg", "quilting");
    }

    @Test
    void badParametersFailWithOneLine() throws Exception {
        assertThatThrownBy(() -> Defenses.registry().parse("msroi-jpeg:foo=1"))
                .hasMessageStartingWith("stage 'msroi-jpeg': unknown parameter 'foo'").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Defenses.registry().parse("msroi-jpeg:passes=3"))
                .hasMessageContaining("unknown parameter 'passes'");
        assertThatThrownBy(() -> Defenses.registry().parse("aug-msroi-jpeg:mode=plain"))
                .hasMessage("stage 'aug-msroi-jpeg': mode must be mosaic or direct, got 'plain'");
        assertThatThrownBy(() -> Defenses.registry().parse("aug-msroi-jpeg:passes=0,model=" + modelFile))
                .hasMessageStartingWith("stage 'aug-msroi-jpeg': ").hasMessageContaining("passes");
        assertThatThrownBy(() -> Defenses.registry().parse("msroi-jpeg:q-low=80,q-high=20"))
                .hasMessageContaining("q-low ≤ q-high");
        assertThatThrownBy(() -> Defenses.registry().parse("msroi-jpeg:model=" + dir.resolve("missing.safetensors")))
                .hasMessageContaining("missing.safetensors").hasMessageNotContaining("\n");
        Path notMsroi = dir.resolve("c1.safetensors");
        ModelInfo info = new ModelInfo("c1-2-gap", List.of("a", "b"), new InputSpec(1, 8, 8, new Normalization(new float[] {0f}, new float[] {1f})), "test");
        try (SieveModel m = SieveModel.create(info, 1)) {
            m.save(notMsroi);
        }
        assertThatThrownBy(() -> Defenses.registry().parse("msroi-jpeg:model=" + notMsroi)).hasMessageContaining("is not an MS-ROI network");
        assertThat(Files.exists(notMsroi)).isTrue();
    }

    @Test
    void table31PresetListsJpegMsroiAndAugMsroi() {
        Preset p = Preset.parse("table3.1");
        assertThat(Preset.parse("3.1")).isSameAs(p);
        assertThat(p.key()).isEqualTo("table3.1");
        assertThat(SpecList.split(p.defenses()))
                .containsExactly("jpeg:q=50", "msroi-jpeg:mode=mosaic,match-quality=50", "aug-msroi-jpeg:mode=mosaic,match-quality=50");
        assertThat(SpecList.split(p.attacks())).allSatisfy(AttackSpec::parse).hasSize(6);
        assertThat(Budget.parse(p.budget()).toString()).contains("0.02");
        assertThat(p.imageQuality()).isTrue();
        assertThat(p.ensemble()).isEqualTo(1);
    }
}
