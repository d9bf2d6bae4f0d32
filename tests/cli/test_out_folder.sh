# `--out DIR` is all or nothing (issue 11, point 4): DIR changes only when
# the command succeeds; an error, SIGINT or SIGTERM leaves it as it was with
# nothing beside it; a second run aimed at DIR is refused at once; names that
# would collide with a comparison's own files, and paths too long to write,
# are refused before anything is simulated; a full disk is reported as such.
. "$(dirname "$0")/lib.sh"
SCEN=tests/scenarios/citizens.cfg
run_out() {     # run_out DIR [options...]: a short run into DIR
    local dir=$1; shift
    "$CHANMIX" run "$SCEN" --replications 2 --quiet --out "$dir" "$@" >/dev/null
}
have_gnuplot=0; command -v gnuplot >/dev/null && have_gnuplot=1

# A fake gnuplot that says it started, then hangs until killed.
cat > "$T/slowplot" <<'SH'
#!/bin/sh
echo $$ > "$FAKE_MARK.pid"
touch "$FAKE_MARK"
exec sleep 60
SH
chmod +x "$T/slowplot"
wait_for() { for _ in $(seq 200); do [ -e "$1" ] && return 0; sleep 0.1; done; return 1; }

# -- a fresh folder, then a second run replacing it whole
out=$T/out
run_out "$out" 2>"$T/e1"; expect_status 0 $? "run --out into a new folder"
expect_true "summary.json, report.html and the mark written" \
    test -f "$out/summary.json" -a -f "$out/report.html" -a -f "$out/.chanmix-output"
expect_true "nothing left beside it" no_leftovers "$out"
echo stale > "$out/stale.csv"
run_out "$out" --seed 99 2>"$T/e2"; expect_status 0 $? "a second run into the same folder"
expect_true "the folder was replaced whole" test ! -e "$out/stale.csv" -a -f "$out/summary.json"
expect_true "nothing left beside it after replacing" no_leftovers "$out"
before=$(tree_sum "$out")

# -- an error (gnuplot fails) leaves DIR as it was
CHANMIX_GNUPLOT=/bin/false run_out "$out" --seed 5 2>"$T/e3"; expect_status 1 $? "failing gnuplot"
expect_in "$T/e3" "left as it was" "the failure says DIR was left alone"
expect_true "DIR unchanged after an error" test "$(tree_sum "$out")" = "$before"
expect_true "nothing left after an error" no_leftovers "$out"

# -- SIGTERM while the charts are drawn, SIGINT while simulating
set -m      # background jobs keep SIGINT (a shell without job control ignores it for them)
FAKE_MARK=$T/started CHANMIX_GNUPLOT=$T/slowplot "$CHANMIX" run "$SCEN" --replications 2 \
    --quiet --seed 6 --out "$out" >/dev/null 2>"$T/e4" &
pid=$!; cleanup_pids+=("$pid")
if wait_for "$T/started"; then
    # -- meanwhile a second run aimed at the same folder is refused at once
    start=$SECONDS
    timeout 60 "$CHANMIX" run "$SCEN" --replications 100000 --quiet --out "$T/./out" \
        >/dev/null 2>"$T/e5"
    expect_status 1 $? "a second run into a folder being written"
    expect_in "$T/e5" "is being written by another chanmix (process $pid)" "the refusal names the owner"
    expect_true "refused before simulating" test $((SECONDS - start)) -lt 30
    kill -TERM "$pid"; wait "$pid"; st=$?
    expect_status 143 "$st" "SIGTERM during the charts ends the run by the signal"
    kill -KILL "$(cat "$T/started.pid")" 2>/dev/null
else
    fail "the fake gnuplot never started"; kill -KILL "$pid"
fi
expect_true "DIR unchanged after SIGTERM" test "$(tree_sum "$out")" = "$before"
expect_true "nothing left after SIGTERM" no_leftovers "$out"

"$CHANMIX" run "$SCEN" --replications 5000 --threads 1 --quiet --out "$out" >/dev/null 2>"$T/e6" &
pid=$!; cleanup_pids+=("$pid")
sleep 1
expect_true "the lock is held while simulating" test -e "$T/.out.chanmix-lock"
kill -INT "$pid"; wait "$pid"; st=$?
expect_status 130 "$st" "SIGINT while simulating ends the run by the signal"
expect_true "DIR unchanged after SIGINT" test "$(tree_sum "$out")" = "$before"
expect_true "nothing left after SIGINT" no_leftovers "$out"
set +m

# -- folders chanmix must not replace
mkdir -p "$T/mine"; echo notes > "$T/mine/notes.txt"
run_out "$T/mine" 2>"$T/e7"; expect_status 2 $? "a folder of the user's own is refused"
expect_in "$T/e7" "chanmix did not write" "the refusal says why"
expect_true "the user's folder is untouched" test "$(ls -A "$T/mine")" = notes.txt
echo x > "$T/afile"
run_out "$T/afile" 2>"$T/e8"; expect_status 2 $? "a file as DIR is refused"

# -- names that would collide with a comparison's own files
for name in charts comparison.json Comparison.XLSX Report.html; do
    printf 'extends = "%s/%s";\nname = "%s";\n' "$PWD" "$SCEN" "$name" > "$T/$name.cfg"
    start=$SECONDS
    timeout 60 "$CHANMIX" compare "$SCEN" "$T/$name.cfg" --replications 100000 --quiet \
        --out "$T/cmp" >/dev/null 2>"$T/e9"
    expect_status 2 $? "compare --out with a scenario named '$name'"
    expect_in "$T/e9" "$T/$name.cfg: name: scenario name '$name'" "the refusal names file and setting"
    expect_true "refused before simulating" test $((SECONDS - start)) -lt 30
done
expect_true "no comparison folder was made" test ! -e "$T/cmp"

# -- long paths: 1,100 bytes work with every file named in full; too long is refused
long=$T
for i in 1 2 3 4; do long=$long/$(printf 'd%.0s' $(seq 250)); done
long=$long/$(printf 'o%.0s' $(seq 60))
run_out "$long" 2>"$T/e10"; expect_status 0 $? "a ${#long}-byte folder"
expect_true "its files have their names" test -f "$long/summary.json" -a -f "$long/report.html" \
    -a -f "$long/intervals.csv"
if [ $have_gnuplot = 1 ]; then
    expect_true "its charts have their names" test -s "$long/charts/mix.png"
fi
expect_true "nothing with a cut name" test "$(find "$T" -name '.*.tmp*' | wc -l)" = 0
toolong=$long
for i in $(seq 14); do toolong=$toolong/$(printf 'x%.0s' $(seq 200)); done
start=$SECONDS
timeout 60 "$CHANMIX" run "$SCEN" --replications 100000 --quiet --out "$toolong" >/dev/null 2>"$T/e11"
expect_status 2 $? "a ${#toolong}-byte folder is refused"
expect_in "$T/e11" "at most 3800 are supported" "the refusal gives the limit"
expect_true "refused before simulating" test $((SECONDS - start)) -lt 30
run_out "$T/$(printf 'b%.0s' $(seq 230))" 2>"$T/e12"
expect_status 2 $? "a 230-byte last name is refused"

# -- a full disk: a small file system of its own (a user namespace), where the data fits
if unshare -rm true 2>/dev/null; then
    for size in 200k 300k; do
        unshare -rm sh -c "mount -t tmpfs -o size=$size tmpfs '$T/mine' &&
            '$CHANMIX' run '$SCEN' --replications 2 --quiet --out '$T/mine/o' >/dev/null \
                2>'$T/full.err'; echo \$? > '$T/full.rc'; ls -A '$T/mine' > '$T/full.ls'"
        expect_status 1 "$(cat "$T/full.rc")" "a full disk ($size) fails the run"
        expect_in "$T/full.err" "No space left on device" "it says the disk is full ($size)"
        expect_not_in "$T/full.err" "gnuplot" "it does not blame gnuplot ($size)"
        expect_true "nothing is left on the full disk ($size)" test ! -s "$T/full.ls"
    done
else
    echo "skip: full disk (no user namespaces to mount a small file system)"
fi
finish
