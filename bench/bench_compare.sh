#!/usr/bin/env bash
# bench_compare.sh: two or more builds of a benchmark on the same work, timed
# in turns on one core, so that the machine's moods fall on all of them alike.
#
# usage: bench/bench_compare.sh [-n ROUNDS] [-c CORE] BINARY... -- [ARGS...]
#
# Each round runs every BINARY once with ARGS, in the order given, pinned to
# CORE (default: the last core; -c none leaves it to the scheduler).  A run's
# time is its whole process's CPU time (user + system), so a run that waited
# for a core costs nothing extra.  Prints each binary's median and best CPU
# seconds, then the speed of each binary after the first relative to the
# first (its CPU time over theirs) round by round, with the median.
#
#   bench/bench_compare.sh -n 9 /tmp/old/bench_phone build/bench_phone -- 10 100
#
# The binaries must do the same work for the ratio to mean speed: the same
# benchmark, scenario and arguments.  Exits 2 on bad usage or a missing
# binary, 1 when a run fails or the figures cannot be written.
set -u

usage() { sed -n '5p' "$0" | sed 's/^# //' >&2; exit 2; }

rounds=7
core=$(( $(nproc) - 1 ))
while getopts "n:c:h" opt; do
    case $opt in
        n) rounds=$OPTARG ;;
        c) core=$OPTARG ;;
        *) usage ;;
    esac
done
shift $((OPTIND - 1))
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "bench_compare: -n wants a positive number of rounds, not '$rounds'" >&2; exit 2; }
[[ $core == none || $core =~ ^[0-9]+$ ]] || { echo "bench_compare: -c wants a core number or 'none', not '$core'" >&2; exit 2; }

bins=()
while [[ $# -gt 0 && $1 != -- ]]; do bins+=("$1"); shift; done
[[ $# -gt 0 ]] && shift     # the --
(( ${#bins[@]} >= 2 )) || { echo "bench_compare: give two binaries or more, then -- and their arguments" >&2; usage; }
for b in "${bins[@]}"; do
    [[ -x $b && -f $b ]] || { echo "bench_compare: $b: no such executable" >&2; exit 2; }
done
pin=()
if [[ $core != none ]]; then
    command -v taskset > /dev/null || { echo "bench_compare: taskset is missing; use -c none" >&2; exit 2; }
    (( core < $(nproc) )) || { echo "bench_compare: no core $core on this machine ($(nproc) cores)" >&2; exit 2; }
    pin=(taskset -c "$core")
fi

work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT      # a run under way finishes first; nothing is left behind
trap 'exit 143' TERM

TIMEFORMAT='%U %S'
for ((r = 1; r <= rounds; r++)); do
    for i in "${!bins[@]}"; do
        if ! { time "${pin[@]}" "${bins[$i]}" "$@" > "$work/out" 2> "$work/err"; } 2> "$work/time"; then
            echo "bench_compare: ${bins[$i]} failed in round $r:" >&2
            cat "$work/err" >&2
            exit 1
        fi
        awk -v r="$r" -v i="$i" '{ printf "%d %d %.3f\n", r, i, $1 + $2 }' "$work/time" >> "$work/cpu"
    done
done

{
echo "bench_compare: $rounds rounds, $([[ $core == none ]] && echo unpinned || echo "on core $core"), arguments: ${*:-(none)}"
awk -v n="${#bins[@]}" -v names="${bins[*]}" '
    function median(a, k,    i, j, t, b) {
        for (i = 1; i <= k; i++) b[i] = a[i]
        for (i = 2; i <= k; i++) for (j = i; j > 1 && b[j - 1] > b[j]; j--) { t = b[j]; b[j] = b[j - 1]; b[j - 1] = t }
        return k % 2 ? b[(k + 1) / 2] : (b[k / 2] + b[k / 2 + 1]) / 2
    }
    { cpu[$2, $1] = $3; if ($1 > rounds) rounds = $1 }
    END {
        split(names, name, " ")
        for (i = 0; i < n; i++) {
            best = ""
            for (r = 1; r <= rounds; r++) { v[r] = cpu[i, r]; if (best == "" || v[r] < best) best = v[r] }
            printf "  %-40s CPU median %.3f s, best %.3f s\n", name[i + 1], median(v, rounds), best
        }
        for (i = 1; i < n; i++) {
            line = ""
            for (r = 1; r <= rounds; r++) {
                s[r] = cpu[i, r] > 0 ? cpu[0, r] / cpu[i, r] : 0
                line = line sprintf(" %.3f", s[r])
            }
            printf "  speed of %s against %s, round by round:%s; median %.3f\n",
                   name[i + 1], name[1], line, median(s, rounds)
        }
    }' "$work/cpu"
} || exit 1     # the figures could not be written
