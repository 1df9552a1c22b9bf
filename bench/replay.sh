#!/usr/bin/env bash
# Benchmark of `stalecheck replay`: a lackey trace of `gzip -c` over 135 KB of base64 text (about 38 M references),
# replayed with --rules cachegrind from the text and from the binary format, and with --rules dinero from the
# binary format. Prints references/s for each.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$here/stalecheck" presets generic >/dev/null
head -c 100000 /dev/urandom | base64 > "$tmp/text"     # 100 KB+ of text
valgrind --tool=lackey --trace-mem=yes --log-file="$tmp/trace.txt" gzip -c "$tmp/text" > /dev/null
refs=$(grep -c '^I\|^ [LSM]' "$tmp/trace.txt")
"$here/stalecheck" replay -q --convert "$tmp/trace.bin" "$tmp/trace.txt" > /dev/null
geom=(--I1 32768,4,32 --D1 32768,4,32 --LL 262144,8,32)
ls -l "$tmp/trace.txt" "$tmp/trace.bin" | awk '{print $5, $9}'
for input in trace.txt trace.bin; do
  best=999999
  for run in 1 2 3; do
    start=$(date +%s%N)
    "$here/stalecheck" replay -q --timing --rules cachegrind "${geom[@]}" "$tmp/$input" > /dev/null 2> "$tmp/timing"
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    [ "$ms" -lt "$best" ] && best=$ms
    echo "  $input run $run: $(cat "$tmp/timing") (wall with JVM start: $ms ms)"
  done
  printf '%-10s %12d refs, best wall %6d ms including JVM start: %6.1f M refs/s\n' "$input" "$refs" "$best" \
    "$(echo "$refs / $best / 1000" | bc -l)"
done
# Dinero IV's accounting (each line a reference touches is its own demand fetch) from the binary format.
"$here/stalecheck" replay -q --timing --rules dinero "${geom[@]}" "$tmp/trace.bin" 2>&1 > /dev/null \
  | sed 's/^/  dinero rules, trace.bin: /'
