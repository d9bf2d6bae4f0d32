#!/usr/bin/env bash
# How replications scale with threads, and how much of what is lost is the
# machine's.  Usage: bench/bench_scaling.sh [BUILD] [REPLICATIONS] [DAYS] [THREADS ...]
#   BUILD defaults to build/, REPLICATIONS to 192, DAYS to 56, THREADS to
#   2 4 8 ... up to the number of cores.
# For each thread count N it prints bench_threads' figures (the same
# replications of the baseline on 1 and on N threads: speed-up, efficiency,
# CPU(N)/CPU(1), same bytes) and, beside them, the machine's own slowdown:
# N independent bench_year processes (4 years of the baseline each) started at
# once, the median of their CPU seconds over the median of 3 runs alone.  Where the two CPU ratios agree,
# the threads lose what any N processes lose on that machine (shared cache,
# memory, a host's other tenants), not what chanmix's threads cost each other.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}; reps=${2:-192}; days=${3:-56}; shift $(( $# < 3 ? $# : 3 ))
counts=("$@")
if [ ${#counts[@]} -eq 0 ]; then
    n=2; while [ "$n" -le "$(nproc)" ]; do counts+=("$n"); n=$((n * 2)); done
fi
for b in bench_threads bench_year; do
    [ -x "$build/$b" ] || { echo "bench_scaling: $build/$b not built" >&2; exit 2; }
done
out=$(mktemp -d)
cleanup() {   # on the way out, interrupted too: no bench_year left running, no folder behind
    local status=$?
    jobs -pr | xargs -r kill 2>/dev/null || true
    rm -rf "$out"
    exit "$status"
}
trap cleanup EXIT
year_cpu() {   # CPU seconds of one bench_year of four years, from its own report
    "$build/bench_year" 1460 | awk '/CPU/ {print $3}'
}
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
alone=$(for _ in 1 2 3; do year_cpu; done | median)
echo "bench_scaling: $reps replications of $days days; 4 years of bench_year alone: $alone CPU s (median of 3)"
printf '%7s %9s %10s %14s %17s %6s\n' threads speed-up efficiency "CPU(N)/CPU(1)" "N processes' CPU" bytes
for n in "${counts[@]}"; do
    line=$("$build/bench_threads" "$n" "$reps" "$days" | tail -1)
    for i in $(seq "$n"); do year_cpu > "$out/y$i" & done; wait
    host=$(cat "$out"/y* | median); rm -f "$out"/y*
    echo "$line" | awk -v n="$n" -v h="$host" -v a="$alone" '{
        gsub(/,|;/, "");
        printf "%7d %9s %10s %14s %17.2f %6s\n", n, $3, $5, $8, h / a, ($10 == "byte-identical" ? "same" : "DIFFER")
    }'
done
