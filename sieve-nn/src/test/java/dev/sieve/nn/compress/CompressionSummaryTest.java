package dev.sieve.nn.compress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.image.metrics.Channels;
import dev.sieve.jpeg.Tune;
import dev.sieve.jpeg.eval.SemanticComparison;
import dev.sieve.jpeg.semantic.SemanticMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompressionSummaryTest {
    private static final SemanticComparison.Config CONFIG = new SemanticComparison.Config(50, List.of(SemanticMode.DIRECT), Tune.PSNR, true, 4,
            0.5, Channels.LUMA);

    private static Map<String, Map<String, Object>> means() {
        return Map.of("plain", Map.of("psnr", 30.0), "direct", Map.of("psnr", 31.0));
    }

    @Test
    void aFolderEvaluationAndASparkRunWriteTheSameKeysForTheSameThings() {
        BaselineSpec cjpeg = new BaselineSpec(List.of("cjpeg=cjpeg -quality {q}"), List.of(30.0, 60.0), 60);
        Map<String, Object> folder = new CompressionSummary("eval.compression", CONFIG, cjpeg).input("input", "photos")
                .input("map_dir", null).input("saliency", "spectral").images(2, 0)
                .identities(List.of(Map.of("name", "a.png"), Map.of("name", "b.png"))).means(means()).rateDistortion(null, Map.of()).build();
        Map<String, Object> spark = new CompressionSummary("spark.evaluate", CONFIG, cjpeg).input("input", "hdfs:///photos")
                .input("glob", "*.png").input("saliency", "spectral").images(3, 1).means(means()).rateDistortion(null, Map.of("c.png", "bad"))
                .build();
        List<String> folderKeys = new ArrayList<>(folder.keySet());
        folderKeys.remove("images");
        assertThat(folderKeys).containsExactlyElementsOf(spark.keySet());
        assertThat(spark.keySet()).containsExactly("schema", "version", "software", "parameters", "image_count", "failed", "means", "table_2_1",
                "rate_distortion", "rate_distortion_failed");
        assertThat(folder.get("schema")).isEqualTo("sieve.eval.compression");
        assertThat(spark.get("schema")).isEqualTo("sieve.spark.evaluate");
        assertThat(spark.get("image_count")).isEqualTo(3L);
        assertThat(spark.get("failed")).isEqualTo(1L);

        @SuppressWarnings("unchecked")
        Map<String, Object> fp = (Map<String, Object>) folder.get("parameters"), sp = (Map<String, Object>) spark.get("parameters");
        assertThat(new ArrayList<>(fp.keySet()).subList(0, 3)).containsExactly("input", "map_dir", "saliency");
        assertThat(new ArrayList<>(sp.keySet()).subList(0, 3)).containsExactly("input", "glob", "saliency");
        assertThat(fp.keySet().stream().skip(3).toList()).isEqualTo(sp.keySet().stream().skip(3).toList());
        assertThat(sp).containsEntry("match_quality", 50.0).containsEntry("tune", "psnr").containsEntry("baseline_timeout_s", 60.0)
                .containsEntry("sweep", List.of(30.0, 50.0, 60.0));
    }

    @Test
    void withoutBaselinesThereIsNoRateDistortionBlock() {
        Map<String, Object> s = new CompressionSummary("spark.evaluate", CONFIG, null).input("input", "in").images(1, 0).means(means()).build();
        assertThat(s).doesNotContainKeys("rate_distortion", "rate_distortion_failed", "images");
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) s.get("parameters");
        assertThat(p).doesNotContainKeys("baseline_timeout_s", "sweep", "baselines");
        @SuppressWarnings("unchecked")
        Map<String, Object> table = (Map<String, Object>) s.get("table_2_1");
        assertThat(table.get("columns")).isEqualTo(List.of("PSNR-S", "PSNR", "PSNR-HVS", "PSNR-HVSM", "SSIM", "MS-SSIM", "VIFP"));
    }
}
