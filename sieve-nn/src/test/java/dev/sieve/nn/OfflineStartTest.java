package dev.sieve.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineStartTest {
    @TempDir
    Path cache;

    @Test
    void cleanStartWithEmptyDjlCacheNeedsNoNetwork() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Every proxy points at a closed local port: any attempt to reach the network fails.
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9", "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9",
                "-DsocksProxyHost=127.0.0.1", "-DsocksProxyPort=9",
                OfflineStartProbe.class.getName());
        pb.environment().put("DJL_CACHE_DIR", cache.resolve("djl").toString());
        pb.environment().put("ENGINE_CACHE_DIR", cache.resolve("engine").toString());
        pb.environment().remove("PYTORCH_VERSION");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("OFFLINE-OK 2.7.1 2");
        try (Stream<Path> s = Files.walk(cache)) {
            List<String> libs = s.map(Path::toString).filter(n -> n.endsWith("libtorch_cpu.so")).toList();
            assertThat(libs).as("libtorch unpacked into the fresh cache from the classpath jar").isNotEmpty();
        }
    }
}
