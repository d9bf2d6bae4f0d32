# Every command exits non-zero when its standard output cannot be written
# (issue 11, point 3): /dev/full takes nothing, and stdio says so only at the
# final flush.  With --out, the folder is then not written either.
. "$(dirname "$0")/lib.sh"
src=$PWD
printf 'extends = "%s/tests/scenarios/staff_stationary.cfg";\nhorizon_days = 2.0;\nplanning = { replications = 2; max_iterations = 2; };\n' \
    "$src" > "$T/staff.cfg"
citizens=tests/scenarios/citizens.cfg
i=0
full() {    # full WHAT ARGS...: chanmix ARGS > /dev/full fails with exit 1 and says why
    local what=$1; shift
    i=$((i + 1))
    "$CHANMIX" "$@" >/dev/full 2>"$T/full$i.err"
    expect_status 1 $? "$what > /dev/full"
    expect_in "$T/full$i.err" "cannot write the standard output: No space left on device" \
        "$what says why"
}
full "run --json" run "$citizens" --replications 2 --quiet --json
full "run" run "$citizens" --replications 2 --quiet
full "compare" compare "$citizens" tests/scenarios/erlang_c.cfg --replications 2 --quiet
full "compare --json" compare "$citizens" tests/scenarios/erlang_c.cfg --replications 2 --quiet --json
full "staff" staff "$T/staff.cfg" --quiet
full "staff --json" staff "$T/staff.cfg" --quiet --json
full "validate" validate scenarios/baseline.cfg
full "erlang" erlang --calls 100 --interval 1800 --aht 180
full "erlang --json" erlang --calls 100 --interval 1800 --aht 180 --json
full "help" --help
full "run --help" run --help
full "forecast" forecast scenarios/data/history.csv --weeks 1 --out "$T/forecast.csv"
sweep=(sweep tests/scenarios/sweep_erlang.cfg --method lhs --points 3 --replications 1 --quiet)
full "sweep" "${sweep[@]}"
full "sweep --json" "${sweep[@]}" --json

# the same to a file that is fine: exit 0
"$CHANMIX" validate scenarios/baseline.cfg >"$T/ok.txt" 2>"$T/ok.err"
expect_status 0 $? "validate to a file"

# with --out, a failed stdout leaves the folder as it was (here: not there)
"$CHANMIX" run "$citizens" --replications 2 --quiet --out "$T/out" >/dev/full 2>"$T/out.err"
expect_status 1 $? "run --out > /dev/full"
expect_true "the folder was not written" test ! -e "$T/out"
expect_true "nothing left beside it" no_leftovers "$T/out"
"$CHANMIX" staff "$T/staff.cfg" --quiet --out "$T/plan" >/dev/full 2>"$T/plan.err"
expect_status 1 $? "staff --out > /dev/full"
expect_true "the plan's folder was not written" test ! -e "$T/plan"
CHANMIX_GNUPLOT=/nonexistent "$CHANMIX" "${sweep[@]}" --out "$T/sweep" >/dev/full 2>"$T/sweep.err"
expect_status 1 $? "sweep --out > /dev/full"
expect_true "the sweep's folder was not written" test ! -e "$T/sweep"
printf 'segment,channel,share\nonline,desk,6%%\nonline,phone,25%%\nonline,web,50%%\noffline,desk,25%%\noffline,phone,55%%\n' \
    > "$T/survey.csv"
"$CHANMIX" calibrate tests/scenarios/calibrate.cfg --observed "$T/survey.csv" --quiet \
    --out "$T/fit" >/dev/full 2>"$T/fit.err"
expect_status 1 $? "calibrate --out > /dev/full"
expect_in "$T/fit.err" "cannot write the standard output: No space left on device" "calibrate says why"
expect_true "the calibration's folder was not written" test ! -e "$T/fit"
expect_true "nothing left beside it" no_leftovers "$T/fit"
"$CHANMIX" calibrate tests/scenarios/calibrate.cfg --observed "$T/survey.csv" --quiet \
    --out "$T/fit" >/dev/null 2>"$T/fit.err"
expect_status 0 $? "calibrate --out to a terminal that takes it"
expect_true "its folder is there, whole" test -f "$T/fit/calibrated.cfg" -a -f "$T/fit/report.html"
finish
