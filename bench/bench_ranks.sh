#!/usr/bin/env bash
# Speed-up of a run spread over MPI ranks (and, for comparison, OpenMP threads),
# all giving the same bytes.  Usage: bench/bench_ranks.sh [BUILD] [REPLICATIONS] [MAX_RANKS]
#   BUILD defaults to build/, REPLICATIONS to 16, MAX_RANKS to the number of cores.
# Prints one line per configuration: wall seconds (best of 3), speed-up over one
# process with one thread, and whether the output equals that single process's.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}; reps=${2:-16}; max=${3:-$(nproc)}
chanmix="$build/chanmix"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
best() {   # best wall time of 3 runs of "$@", output kept in $out/last
    local b=
    for _ in 1 2 3; do
        local s e
        s=$(date +%s.%N); "$@" > "$out/last"; e=$(date +%s.%N)
        b=$(echo "$s $e ${b:-1e9}" | awk '{t = $2 - $1; print (t < $3 ? t : $3)}')
    done
    echo "$b"
}
args=(run scenarios/baseline.cfg --replications "$reps" --quiet --json)
t1=$(best "$chanmix" "${args[@]}" --threads 1); cp "$out/last" "$out/one"
printf '%-28s %8s s  speed-up %5s  same bytes\n' "1 process x 1 thread" "$t1" "1.00"
for n in $(seq 2 "$max"); do
    t=$(best "$chanmix" "${args[@]}" --threads "$n")
    same=$(cmp -s "$out/one" "$out/last" && echo yes || echo NO)
    printf '%-28s %8s s  speed-up %5.2f  %s\n' "1 process x $n threads" "$t" \
        "$(echo "$t1 $t" | awk '{print $1 / $2}')" "$same"
    if command -v mpirun > /dev/null; then
        t=$(best mpirun --oversubscribe -np "$n" "$chanmix" "${args[@]}" --threads 1)
        same=$(cmp -s "$out/one" "$out/last" && echo yes || echo NO)
        printf '%-28s %8s s  speed-up %5.2f  %s\n' "$n ranks x 1 thread" "$t" \
            "$(echo "$t1 $t" | awk '{print $1 / $2}')" "$same"
    fi
done
