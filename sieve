#!/usr/bin/env bash
# Runs the sieve command, building it first when the jar is missing or older than the sources.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$root/sieve-cli/target/sieve.jar"
stale() {
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$root" -path "$root/.git" -prune -o -path '*/target' -prune -o \
      \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) -type f -newer "$jar" -print -quit)" ]
}
if stale; then
  command -v mvn >/dev/null || { echo "sieve: Maven (mvn) and a JDK 17 are needed to build; install them first" >&2; exit 1; }
  echo "sieve: building (first run or sources changed)..." >&2
  (cd "$root" && mvn -q -B -ntp -DskipTests package -pl sieve-cli -am >&2) || { echo "sieve: build failed" >&2; exit 1; }
fi
exec java ${SIEVE_JAVA_OPTS:--Xmx8g} -Djava.awt.headless=true -jar "$jar" "$@"
