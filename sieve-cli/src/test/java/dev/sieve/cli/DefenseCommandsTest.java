package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.SamplePhotos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sieve deflect}, {@code denoise} and {@code defend} end to end, in process. */
class DefenseCommandsTest {
    @TempDir
    Path dir;

    private Path photo;
    private String err;
    private String out;

    @BeforeEach
    void writePhoto() throws Exception {
        photo = dir.resolve("photo.png");
        ImageFiles.writePng(Resample.resize(SamplePhotos.kodim07(), 192, 128).quantized8(), photo);
    }

    private int run(String... args) {
        CliRun r = CliRun.of(args);
        err = r.err();
        out = r.out();
        return r.exitCode();
    }

    @Test
    void deflectChangesAtMostKPixelsAndIsReproducible() throws Exception {
        Path a = dir.resolve("a.png"), b = dir.resolve("b.png");
        assertThat(run("deflect", photo.toString(), "-o", a.toString(), "--deflections", "50", "--seed", "4")).isZero();
        assertThat(run("deflect", photo.toString(), "-o", b.toString(), "-k", "50", "--seed", "4")).isZero();
        assertThat(out.strip()).startsWith(b + ": deflect:k=50,w=10,").endsWith("(seed 4)").doesNotContain("\n");
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        Planar in = ImageFiles.read(photo), res = ImageFiles.read(a);
        int changed = 0;
        for (int i = 0; i < in.pixels(); i++) {
            if (in.plane(0)[i] != res.plane(0)[i] || in.plane(1)[i] != res.plane(1)[i] || in.plane(2)[i] != res.plane(2)[i]) {
                changed++;
            }
        }
        assertThat(changed).isBetween(1, 50);
    }

    @Test
    void deflectWithAWhiteMapChangesNothing() throws Exception {
        Path map = dir.resolve("map.png"), o = dir.resolve("o.png");
        Planar white = Planar.zeros(16, 16, 1);
        java.util.Arrays.fill(white.plane(0), 255f);
        ImageFiles.writePng(white, map);
        assertThat(run("deflect", photo.toString(), "-o", o.toString(), "-k", "5000", "--map", map.toString())).isZero();
        assertThat(ImageFiles.read(o)).isEqualTo(ImageFiles.read(photo));
    }

    @Test
    void denoiseAndDefendWriteSmoothedImages() throws Exception {
        Path d = dir.resolve("d.png"), f = dir.resolve("f.png");
        assertThat(run("denoise", photo.toString(), "-o", d.toString(), "--method", "visu", "--wavelet", "db2", "--sigma", "auto")).isZero();
        assertThat(out.strip()).isEqualTo(d + ": wavelet:method=visu,mode=soft,sigma=auto,wavelet=db2,levels=0,ycbcr=true");
        assertThat(ImageFiles.read(d)).isNotEqualTo(ImageFiles.read(photo));
        assertThat(run("defend", photo.toString(), "-o", f.toString(), "--pipeline", "deflect:k=100|jpeg:q=50|wavelet", "--seed", "2")).isZero();
        assertThat(out).contains("deflect:k=100,w=10").contains("jpeg:q=50").contains("(seed 2)");
        assertThat(ImageFiles.read(f).width()).isEqualTo(192);
    }

    @Test
    void badInputExitsOneBadOptionsTwoEachWithOneLineAndNoOutput() throws Exception {
        Path o = dir.resolve("o.png");
        String[][] cases = {
            {"1", "deflect", dir.resolve("missing.png").toString(), "-o", o.toString()},
            {"2", "deflect", photo.toString(), "-o", o.toString(), "--window", "-1"},
            {"1", "deflect", photo.toString(), "-o", o.toString(), "--map", dir.resolve("nomap.png").toString()},
            {"2", "denoise", photo.toString(), "-o", o.toString(), "--method", "magic"},
            {"2", "denoise", photo.toString(), "-o", o.toString(), "--sigma", "-3"},
            {"2", "denoise", photo.toString(), "-o", o.toString(), "--wavelet", "db7"},
            {"2", "defend", photo.toString(), "-o", o.toString(), "--pipeline", "deflect:k=1|blur"},
            {"2", "defend", photo.toString(), "-o", o.toString(), "--pipeline", "wavelet:sigma=abc"},
            {"2", "defend", photo.toString(), "-o", dir.resolve("o.jpg").toString()},
            {"1", "denoise", photo.toString(), "-o", photo.toString()},
        };
        byte[] before = Files.readAllBytes(photo);
        for (String[] e : cases) {
            String[] c = java.util.Arrays.copyOfRange(e, 1, e.length);
            assertThat(run(c)).as(String.join(" ", c)).isEqualTo(Integer.parseInt(e[0]));
            assertThat(err.strip()).as(String.join(" ", c)).startsWith("sieve " + c[0] + ": ").doesNotContain("\n").doesNotContain("Exception");
        }
        assertThat(Files.readAllBytes(photo)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("photo.png");
        }
    }
}
