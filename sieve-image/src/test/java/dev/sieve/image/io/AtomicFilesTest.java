package dev.sieve.image.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void deviceNodeTargetIsRefusedAndLeftUntouched() throws Exception {
        Path devNull = Path.of("/dev/null");
        assertThatThrownBy(() -> AtomicFiles.write(devNull, new byte[] {1}))
                .hasMessage("/dev/null: exists and is not a regular file (a device, pipe or symbolic link); refusing to replace it");
        assertThat(Files.isRegularFile(devNull)).isFalse();
        assertThat(Files.exists(devNull)).isTrue();
    }

    @Test
    void symbolicLinkTargetIsRefusedAndItsFileKept() throws Exception {
        Path real = Files.writeString(dir.resolve("real.txt"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), real);
        assertThatThrownBy(() -> AtomicFiles.write(link, new byte[] {1})).hasMessageContaining("not a regular file");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("keep");
    }

    @Test
    void folderTargetAndMissingFolderFailBeforeAnyWork() {
        assertThatThrownBy(() -> AtomicFiles.checkTarget(dir)).hasMessageEndingWith(": is a folder; give a file name");
        assertThatThrownBy(() -> AtomicFiles.checkOutput(dir.resolve("no/such/out.jpg")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void regularTargetIsReplacedAndNoTemporaryFileRemains() throws Exception {
        Path f = Files.writeString(dir.resolve("out.bin"), "old");
        AtomicFiles.write(f, new byte[] {7, 8});
        assertThat(Files.readAllBytes(f)).containsExactly(7, 8);
        try (var s = Files.list(dir)) {
            assertThat(s).containsExactly(f);
        }
    }

    @Test
    void sigtermWhileWritingRemovesTheTemporaryFile() throws Exception {
        Path target = dir.resolve("slow.bin");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlowWriter.class.getName(), target.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("writing");
            try (var s = Files.list(dir)) {
                assertThat(s.map(x -> x.getFileName().toString())).singleElement().asString().endsWith(".part");
            }
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (var s = Files.list(dir)) {
            assertThat(s).isEmpty();
        }
    }

    /** Writes a file through {@link AtomicFiles} that never finishes: the child process of the SIGTERM test. */
    public static final class SlowWriter {
        public static void main(String[] args) throws Exception {
            AtomicFiles.write(Path.of(args[0]), out -> {
                out.write(new byte[1 << 17]);
                out.flush();
                System.out.println("writing");
                System.out.flush();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
