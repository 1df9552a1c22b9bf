#!/usr/bin/env bash
# Benchmark of `stalecheck check` on the scaling family of issue #4 (see scaling-scenario.sh).
# Prints, per case: distinct states stored, final outcomes, the verdict, wall time including JVM start,
# search states per second, and peak memory (RSS). Usage: bench/check-scaling.sh [N ...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes=("$@")
[ "${#sizes[@]}" -gt 0 ] || sizes=(8 12 16 20)
"$here/stalecheck" presets generic >/dev/null   # build the jar first if needed, outside the timings
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf '%-4s %-6s %10s %9s %-8s %9s %12s %9s\n' N op states outcomes verdict wall_s states/s rss_MB
for n in "${sizes[@]}"; do
  for op in civac ivac; do
    f="$tmp/scaling-$n-$op.scn"
    "$here/bench/scaling-scenario.sh" "$n" "$op" > "$f"
    start=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$tmp/rss" "$here/stalecheck" check --json -q "$f" > "$tmp/out.json" || true
    end=$(date +%s%N)
    wall=$(( (end - start) / 1000000 ))
    states=$(grep -o '"states":[0-9]*' "$tmp/out.json" | head -1 | cut -d: -f2)
    outcomes=$(grep -o '"final_outcomes":[0-9]*' "$tmp/out.json" | head -1 | cut -d: -f2)
    verdict=$(grep -o '"verdict":"[A-Z]*"' "$tmp/out.json" | head -1 | cut -d'"' -f4)
    rss=$(( $(tail -1 "$tmp/rss") / 1024 ))
    rate=$(( states * 1000 / (wall > 0 ? wall : 1) ))
    printf '%-4s %-6s %10s %9s %-8s %9.2f %12s %9s\n' "$n" "$op" "$states" "$outcomes" "$verdict" \
      "$(echo "$wall / 1000" | bc -l)" "$rate" "$rss"
  done
done
