#!/usr/bin/env bash
# JMH benchmark of whole `check` runs in a warmed-up JVM (src/jmh/java/dev/stalecheck/check/CheckBenchmark.java):
# the search's speed once the JIT compiler is done, beside bench/check-scaling.sh's cold single runs. For each case
# (N=24 and N=28 of the issue-4 family, civac and ivac; SIZES="24 28 32" to choose) it prints the states stored,
# the median and fastest of six measured runs after four warm-up runs, and the rate at the median. WORKERS=n sets the
# workers (default 2); extra arguments go to JMH. Ten to thirty seconds per case.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
read -r -a sizes <<< "${SIZES:-24 28}"
workers="${WORKERS:-2}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$here" && mvn -B -q -Pjmh -Dmaven.test.skip=true package) > "$tmp/build" 2>&1 || { cat "$tmp/build"; exit 1; }
"$here/stalecheck" presets generic > /dev/null
printf '%-4s %-6s %9s %10s %10s %12s\n' N op states median_ms min_ms states/s
for n in "${sizes[@]}"; do
  for op in civac ivac; do
    f="$tmp/scaling-$n-$op.scn"
    "$here/bench/scaling-scenario.sh" "$n" "$op" > "$f"
    states=$("$here/stalecheck" check -q --json "$f" | python3 -c 'import json, sys; print(json.load(sys.stdin)["states"])' \
      || true)
    java -cp "$here/target/jmh/stalecheck.jar" org.openjdk.jmh.Main CheckBenchmark -p file="$f" -p workers="$workers" \
      -rf csv -rff "$tmp/r.csv" "$@" > "$tmp/log" || { cat "$tmp/log"; exit 1; }
    read -r median min < <(grep -E '^Iteration +[0-9]+:' "$tmp/log" | awk '{print $3}' | sort -n \
      | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2), a[1]}')
    printf '%-4s %-6s %9s %10.0f %10.0f %12.0f\n' "$n" "$op" "$states" "$median" "$min" "$(echo "$states * 1000 / $median" | bc -l)"
  done
done
