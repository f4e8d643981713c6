#!/usr/bin/env bash
# Runs the sieve command, building it first when the jar is missing or older than the sources.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$root/sieve-cli/target/sieve.jar"
# Spark's jars (sieve-spark/target/spark.classpath, written by the build) join the classpath only for `sieve spark`
spark_classpath="$root/sieve-spark/target/spark.classpath"
stale() {
  [ ! -f "$jar" ] || [ ! -f "$spark_classpath" ] && return 0
  [ -n "$(find "$root" -path "$root/.git" -prune -o -path '*/target' -prune -o \
      \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) -type f -newer "$jar" -print -quit)" ]
}
if stale; then
  command -v mvn >/dev/null || { echo "sieve: Maven (mvn) and a JDK 17 are needed to build; install them first" >&2; exit 1; }
  echo "sieve: building (first run or sources changed)..." >&2
  (cd "$root" && mvn -q -B -ntp -DskipTests package -pl sieve-cli -am >&2) || { echo "sieve: build failed" >&2; exit 1; }
fi
# Deep learning (DJL + libtorch): oneDNN's AVX-512, AVX2 and AVX convolution kernels compute wrong
# outputs and gradients on some CPUs, so cap oneDNN at the fastest ISA whose kernels pass Sieve's
# convolution self-check on this machine (probed once in child JVMs, cached under ~/.cache/sieve/onednn-isa);
# a cap set by the user wins. A faster ISA exact for aligned convolutions (input channels <= 8 or a
# multiple of 8) goes to SIEVE_ONEDNN_ALIGNED_ISA, which training commands on aligned networks use.
if [ -n "${ONEDNN_MAX_CPU_ISA:-}" ]; then
  export SIEVE_ONEDNN_ISA_SOURCE=user
  unset SIEVE_ONEDNN_ALIGNED_ISA
else
  # prints "ISA SOURCE ALIGNED": ISA is none when every ISA failed (Sieve then uses libtorch's own kernels)
  if read -r isa source aligned < <(java -XX:TieredStopAtLevel=1 -Djava.awt.headless=true -cp "$jar" dev.sieve.nn.IsaProbe); then
    [ "$isa" = none ] || export ONEDNN_MAX_CPU_ISA="$isa"
    export SIEVE_ONEDNN_ISA_SOURCE="$source"
    if [ -n "${aligned:-}" ] && [ "$aligned" != none ] && [ "$aligned" != "$isa" ]; then
      export SIEVE_ONEDNN_ALIGNED_ISA="$aligned"
    else
      unset SIEVE_ONEDNN_ALIGNED_ISA
    fi
  else
    export SIEVE_ONEDNN_ISA_SOURCE=failed
  fi
fi
# spinning OpenMP threads stall libtorch 5-10x when another process competes for the cores.
# glibc: one malloc arena, never trimmed, so libtorch's tensors reuse already-mapped memory (the JVM's
# threads would otherwise get per-thread arenas whose heaps are unmapped and page-faulted in every step).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.mmap_threshold=1073741824:glibc.malloc.trim_threshold=4294967296:glibc.malloc.arena_max=1}"
# DJL copies every array it creates from Java into a direct buffer that only a garbage collection frees; a
# large, quiet heap collects rarely, so cap direct memory: at 1 GB the JVM collects them (SIEVE_JAVA_OPTS wins).
java_opts=(-XX:MaxDirectMemorySize=1g ${SIEVE_JAVA_OPTS:--Xmx8g} -Djava.awt.headless=true -Dai.djl.offline=true
  -Dorg.slf4j.simpleLogger.log.ai.djl=warn -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error)
if [ "${1:-}" = spark ]; then
  # Spark on Java 17 needs the module openings of sieve-spark/java-options (spark-submit adds the same ones itself)
  exec java "${java_opts[@]}" @"$root/sieve-spark/java-options" -cp "$jar:$(cat "$spark_classpath")" dev.sieve.cli.Sieve "$@"
fi
exec java "${java_opts[@]}" -jar "$jar" "$@"
