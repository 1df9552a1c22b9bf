#!/usr/bin/env bash
# Prints the benchmark scenario of issue #4 for N lines and a maintenance operation (civac or ivac):
# a cpu stores 1 to N lines 32 bytes apart, then cleans (or invalidates) each; a device at memory,
# after the cpu, loads each line's word; one expect that every load read 1.
set -euo pipefail
n="$1"; op="${2:-civac}"
echo "scenario \"scaling-$n-$op\""
echo "machine generic {"
echo "  cache l1i none"
echo "  cache l2 none"
echo "  cache l1d 256B 2-way 32B pipt write-back write-allocate"
echo "  invalidate l1d discard"
echo "}"
echo "explore { prefetch off }"
echo "device dma at memory"
echo "space s { 0x10000 -> 0x10000 size 4K normal }"
echo "thread cpu on cpu0 in s {"
for ((i = 0; i < n; i++)); do printf '  store [0x%x] = 1\n' $((0x10000 + 32 * i)); done
for ((i = 0; i < n; i++)); do printf '  dc %s [0x%x]\n' "$op" $((0x10000 + 32 * i)); done
echo "}"
echo "thread d on dma after cpu {"
for ((i = 0; i < n; i++)); do printf '  r%d = load [0x%x]\n' "$i" $((0x10000 + 32 * i)); done
echo "}"
printf 'expect '
for ((i = 0; i < n; i++)); do printf '%sd.r%d == 1' "$([ $i -gt 0 ] && echo ' && ')" "$i"; done
echo
