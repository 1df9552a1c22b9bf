#!/usr/bin/env bash
# JMH benchmark of whole `check` runs of realistic scenarios in a warmed-up JVM (CheckBenchmark, as
# bench/check-jmh.sh runs it for the scaling family): by default bench/realistic/dma-a9-8.scn and
# bench/realistic/clean-page.scn, each explored completely; MAX_STATES=N cuts every file at N distinct states (a
# deterministic cut that makes each run the same work; default 0, no bound). Four warm-up and six measured runs per
# file; prints JMH's summary (milliseconds per check).
# Usage: bench/realistic-jmh.sh [FILE ...]   (WORKERS=n sets the workers, default 2; JMH_ARGS="-wi 1 -i 2" goes to JMH)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
files=("$@")
[ "${#files[@]}" -gt 0 ] || files=("$here/bench/realistic/dma-a9-8.scn" "$here/bench/realistic/clean-page.scn")
read -r -a jmh_args <<< "${JMH_ARGS:-}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$here" && mvn -B -q -Pjmh -Dmaven.test.skip=true package) > "$tmp/build" 2>&1 || { cat "$tmp/build"; exit 1; }
list="$(IFS=,; echo "${files[*]}")"
java -cp "$here/target/jmh/stalecheck.jar" org.openjdk.jmh.Main CheckBenchmark -p file="$list" \
  -p maxStates="${MAX_STATES:-0}" -p workers="${WORKERS:-2}" ${jmh_args[@]+"${jmh_args[@]}"} \
  > "$tmp/log" || { cat "$tmp/log"; exit 1; }
grep -A10 '^Benchmark' "$tmp/log"
