package dev.sieve.jpeg.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.Psnr;
import dev.sieve.jpeg.JpegDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ExternalEncoder} with libjpeg-turbo's cjpeg (Debian libjpeg-turbo-progs) and small shell tools. */
class ExternalEncoderTest {
    private static final Planar PHOTO = Resample.resize(SamplePhotos.kodim07(), 96, 64);

    @Test
    void splitsLikeAShellWithoutOne() {
        assertThat(ExternalEncoder.split("cjpeg -optimize  -quality {q}")).containsExactly("cjpeg", "-optimize", "-quality", "{q}");
        assertThat(ExternalEncoder.split("'/opt/my tools/cjpeg' -q {q}")).containsExactly("/opt/my tools/cjpeg", "-q", "{q}");
        assertThat(ExternalEncoder.split("a\"b c\"d 'e\"f' \"g\\\"h\\\\\" i\\ j ''")).containsExactly("ab cd", "e\"f", "g\"h\\", "i j", "");
        assertThat(ExternalEncoder.split("  \t")).isEmpty();
        assertThat(ExternalEncoder.split("x '$HOME' \"\\n\"")).containsExactly("x", "$HOME", "\\n");
        assertThatThrownBy(() -> ExternalEncoder.split("cjpeg 'oops")).hasMessageContaining("unterminated '");
        assertThatThrownBy(() -> ExternalEncoder.split("cjpeg \"oops")).hasMessageContaining("unterminated \"");
        assertThatThrownBy(() -> ExternalEncoder.split("cjpeg \\")).hasMessageContaining("trailing \\");
    }

    @Test
    void specsAreCheckedWhenParsed() {
        ExternalEncoder e = ExternalEncoder.parse("moz=/path/cjpeg -quality {q} -quant-table 2");
        assertThat(e.name()).isEqualTo("moz");
        assertThat(e.template()).isEqualTo("/path/cjpeg -quality {q} -quant-table 2");
        assertThat(e.command(52.5, null, null)).containsExactly("/path/cjpeg", "-quality", "52.5", "-quant-table", "2");
        assertThat(e.command(50, null, null)).contains("50");
        assertThat(ExternalEncoder.parse("x=enc -q={q} -o {out} {in}").command(7, Path.of("/t/i.ppm"), Path.of("/t/o.jpg")))
                .containsExactly("enc", "-q=7", "-o", "/t/o.jpg", "/t/i.ppm");
        assertThatThrownBy(() -> ExternalEncoder.parse("cjpeg -quality {q}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NAME=COMMAND");
        assertThatThrownBy(() -> ExternalEncoder.parse("cjpeg=cjpeg -quality 50")).hasMessageContaining("must contain {q}");
        assertThatThrownBy(() -> ExternalEncoder.parse("a b=cjpeg {q}")).hasMessageContaining("encoder name");
        assertThatThrownBy(() -> ExternalEncoder.parse("x=   ")).hasMessageContaining("empty");
    }

    @Test
    void stdinAndTempFileModesGiveTheBytesCjpegWritesForThePpm(@TempDir Path dir) throws Exception {
        byte[] viaPipe = new ExternalEncoder("cjpeg", "cjpeg -optimize -quality {q}").encode(PHOTO, 60);
        byte[] viaFiles = new ExternalEncoder("cjpeg", "cjpeg -optimize -quality {q} -outfile {out} {in}").encode(PHOTO, 60);
        Path ppm = dir.resolve("in.ppm");
        Files.write(ppm, ExternalEncoder.toPnm(PHOTO));
        Process p = new ProcessBuilder("cjpeg", "-optimize", "-quality", "60", ppm.toString()).start();
        byte[] direct;
        try (InputStream in = p.getInputStream()) {
            direct = in.readAllBytes();
        }
        assertThat(p.waitFor()).isZero();
        assertThat(viaPipe).isEqualTo(direct);
        assertThat(viaFiles).isEqualTo(direct);
        Planar back = JpegDecoder.decode(viaPipe);
        assertThat(back.width()).isEqualTo(96);
        assertThat(back.channels()).isEqualTo(3);
        assertThat(Psnr.of(PHOTO, back, Channels.LUMA)).isBetween(25.0, 45.0);
        byte[] q90 = new ExternalEncoder("cjpeg", "cjpeg -optimize -quality {q}").encode(PHOTO, 90);
        assertThat(q90.length).isGreaterThan(viaPipe.length);
    }

    @Test
    void grayscaleGoesAsP5AndComesBackGray() throws Exception {
        Planar gray = PHOTO.channel(1);
        byte[] pgm = ExternalEncoder.toPnm(gray);
        assertThat(new String(pgm, 0, 2, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("P5");
        assertThat(pgm).hasSize("P5\n96 64\n255\n".length() + 96 * 64);
        Planar back = JpegDecoder.decode(new ExternalEncoder("cjpeg", "cjpeg -quality {q}").encode(gray, 75));
        assertThat(back.channels()).isEqualTo(1);
    }

    @Test
    void pnmSamplesAreRoundedAndClampedInPixelOrder() {
        Planar p = new Planar(2, 1, new float[] {-3f, 254.5f}, new float[] {10.49f, 300f}, new float[] {0f, 128f});
        byte[] b = ExternalEncoder.toPnm(p);
        int h = "P6\n2 1\n255\n".length();
        assertThat(new String(b, 0, h, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("P6\n2 1\n255\n");
        assertThat(new int[] {b[h] & 255, b[h + 1] & 255, b[h + 2] & 255, b[h + 3] & 255, b[h + 4] & 255, b[h + 5] & 255})
                .containsExactly(0, 10, 0, 255, 255, 128);
    }

    @Test
    void failuresAreOneLineWithTheCommandsStandardError() {
        assertThatThrownBy(() -> new ExternalEncoder("cj", "cjpeg -quality {q} -no-such-switch").encode(PHOTO, 50))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")
                        .startsWith("cj: `cjpeg -quality 50 -no-such-switch` exited with status 1: ")
                        .doesNotContain("(nothing on standard error)"));
        assertThatThrownBy(() -> new ExternalEncoder("sh", "sh -c 'echo first >&2; echo {q} is bad >&2; exit 3'").encode(PHOTO, 40))
                .hasMessageEndingWith("exited with status 3: first | 40 is bad");
        assertThatThrownBy(() -> new ExternalEncoder("none", "/no/such/encoder -q {q}").encode(PHOTO, 50))
                .isInstanceOf(IOException.class).hasMessage("none: cannot run `/no/such/encoder`: No such file or directory");
        assertThatThrownBy(() -> new ExternalEncoder("echo", "echo {q}").encode(PHOTO, 50))
                .hasMessage("echo: `echo 50` did not write a JPEG (3 bytes, starting 35 30; a JPEG starts with FF D8)");
        assertThatThrownBy(() -> new ExternalEncoder("lazy", "true {q} {out}").encode(PHOTO, 50))
                .hasMessageContaining("did not write its output file");
    }

    @Test
    void aHangingCommandIsStoppedAtTheTimeout() {
        ExternalEncoder slow = new ExternalEncoder("slow", "sleep 30 {q}").withTimeout(Duration.ofMillis(400));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> slow.encode(PHOTO, 1)).isInstanceOf(IOException.class)
                .hasMessage("slow: `sleep 30 1` did not finish within 0.4 s");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
        assertThat(List.of(slow.timeout())).containsExactly(Duration.ofMillis(400));
    }
}
