#!/usr/bin/env bash
# JMH benchmarks of the replay hot path (src/jmh/java, Maven profile `jmh`): cachegrind's rules over in-memory
# batches, the binary decoder over an in-memory buffer, and both together. Builds target/jmh/stalecheck.jar, runs
# the benchmarks (2 forks, 3 warm-up and 5 measured iterations of 2 s each: about two minutes) and prints ns per
# reference and M references/s. Extra arguments go to JMH (e.g. a benchmark name pattern, or -f 1 -wi 1 -i 3).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$here" && mvn -B -q -Pjmh -Dmaven.test.skip=true package) > "$tmp/build" 2>&1 || { cat "$tmp/build"; exit 1; }
java -cp "$here/target/jmh/stalecheck.jar" org.openjdk.jmh.Main -rf csv -rff "$tmp/result.csv" "$@" \
  > "$tmp/log" || { cat "$tmp/log"; exit 1; }
grep -A20 '^Benchmark' "$tmp/log"
echo
# CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"
awk -F, 'NR > 1 { gsub(/"/, ""); name = $1; sub(/.*\./, "", name);
  printf "%-18s %6.2f ns/ref (+- %.2f)  %7.1f M refs/s\n", name, $5, $6, 1000 / $5 }' "$tmp/result.csv"
