# Sharded runs and MPI: parts merged give the unsharded output byte for
# byte (run and compare, stdout and --out folder); merge refuses parts that
# do not belong together; under mpirun the output is the single process's.
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."

base=scenarios/baseline.cfg
other=scenarios/digital-first.cfg

# run: three shards of five replications, merged in another order
"$CHANMIX" run $base --replications 5 --quiet --out "$T/whole" > "$T/whole.txt"
for k in 1 2 3; do
    "$CHANMIX" run $base --replications 5 --quiet --shard $k/3 --out "$T/run$k.rec"
    expect_status 0 $? "run shard $k/3"
done
"$CHANMIX" merge "$T/run3.rec" "$T/run1.rec" "$T/run2.rec" --out "$T/merged" > "$T/merged.txt"
expect_status 0 $? "merge of the run's shards"
expect_true "run: merged stdout is the unsharded stdout" cmp -s "$T/whole.txt" "$T/merged.txt"
expect_true "run: merged --out folder is the unsharded one" \
    test "$(tree_sum "$T/whole")" = "$(tree_sum "$T/merged")"
"$CHANMIX" merge "$T/run1.rec" "$T/run2.rec" "$T/run3.rec" --json > "$T/merged.json"
"$CHANMIX" run $base --replications 5 --quiet --json > "$T/whole.json"
expect_true "run: merged JSON is the unsharded JSON" cmp -s "$T/whole.json" "$T/merged.json"

# compare: two shards
"$CHANMIX" compare $base $other --replications 4 --quiet --json > "$T/cmp.json"
for k in 1 2; do
    "$CHANMIX" compare $base $other --replications 4 --quiet --shard $k/2 --out "$T/cmp$k.rec"
done
"$CHANMIX" merge "$T/cmp1.rec" "$T/cmp2.rec" --json > "$T/cmp-merged.json"
expect_status 0 $? "merge of the comparison's shards"
expect_true "compare: merged JSON is the unsharded JSON" cmp -s "$T/cmp.json" "$T/cmp-merged.json"

# sweep: the design points over three shards, merged in another order (stdout, JSON, folder)
sweep_args=(sweep tests/scenarios/erlang_c.cfg --vary channels.phone.handling.mean_s=200:300
            --points 2 --replications 2 --quiet)
"${CHANMIX}" "${sweep_args[@]}" --out "$T/sw-whole" > "$T/sw.txt"
"${CHANMIX}" "${sweep_args[@]}" --json > "$T/sw.json"
for k in 1 2 3; do
    "$CHANMIX" "${sweep_args[@]}" --shard $k/3 --out "$T/sw$k.rec"
    expect_status 0 $? "sweep shard $k/3"
done
"$CHANMIX" merge "$T/sw2.rec" "$T/sw3.rec" "$T/sw1.rec" --out "$T/sw-merged" > "$T/sw-merged.txt"
expect_status 0 $? "merge of the sweep's shards"
expect_true "sweep: merged stdout is the unsharded stdout" cmp -s "$T/sw.txt" "$T/sw-merged.txt"
expect_true "sweep: merged --out folder is the unsharded one" \
    test "$(tree_sum "$T/sw-whole")" = "$(tree_sum "$T/sw-merged")"
"$CHANMIX" merge "$T/sw1.rec" "$T/sw2.rec" "$T/sw3.rec" --json > "$T/sw-merged.json"
expect_true "sweep: merged JSON is the unsharded JSON" cmp -s "$T/sw.json" "$T/sw-merged.json"
"$CHANMIX" "${sweep_args[@]}" --method lhs --shard 2/3 --out "$T/sw-lhs.rec"
"$CHANMIX" merge "$T/sw1.rec" "$T/sw-lhs.rec" "$T/sw3.rec" 2> "$T/err"
expect_status 2 $? "a part of a sweep of another design"
expect_in "$T/err" "not a part of the same run" "says the part is another sweep's"

# refusals: missing, twice, another run, another seed, a changed scenario, a cut part
"$CHANMIX" merge "$T/run1.rec" "$T/run2.rec" 2> "$T/err"
expect_status 2 $? "a missing shard"
expect_in "$T/err" "shard 3/3 is missing" "says which shard is missing"
"$CHANMIX" merge "$T/run1.rec" "$T/run2.rec" "$T/run2.rec" "$T/run3.rec" 2> "$T/err"
expect_status 2 $? "a shard given twice"
expect_in "$T/err" "shard 2/3 is given twice" "says which shard is doubled"
"$CHANMIX" merge "$T/run1.rec" "$T/cmp2.rec" 2> "$T/err"
expect_status 2 $? "a part of another run"
expect_in "$T/err" "not a part of the same run" "says the part is another run's"
"$CHANMIX" run $base --replications 5 --seed 99 --quiet --shard 2/3 --out "$T/seed2.rec"
"$CHANMIX" merge "$T/run1.rec" "$T/seed2.rec" "$T/run3.rec" 2> "$T/err"
expect_status 2 $? "a part run with another seed"
expect_in "$T/err" "another seed" "says the seed differs"
mkdir "$T/moved" && cp tests/scenarios/erlang_c.cfg "$T/moved/line.cfg"
(cd "$T/moved" && for k in 1 2; do
    "$CHANMIX" run line.cfg --replications 2 --quiet --shard $k/2 --out "p$k.rec"; done)
echo "# an edit after the shards ran" >> "$T/moved/line.cfg"
sed -i 's/agents = 14/agents = 15/' "$T/moved/line.cfg"
(cd "$T/moved" && "$CHANMIX" merge p1.rec p2.rec 2> ../err-changed)
expect_status 2 $? "a scenario changed since the shards ran"
expect_in "$T/err-changed" "has changed since the shards ran" "says the scenario changed"
head -c 2000 "$T/run2.rec" > "$T/cut.rec"
"$CHANMIX" merge "$T/run1.rec" "$T/cut.rec" "$T/run3.rec" 2> "$T/err"
expect_status 2 $? "a part cut short"
"$CHANMIX" run $base --shard 4/3 --out "$T/x.rec" 2> "$T/err"
expect_status 2 $? "--shard 4/3"

# MPI: two ranks give the single process's bytes; an error on the ranks ends them all
if [ -n "${CHANMIX_MPI_BUILD:-}" ] && command -v mpirun > /dev/null; then
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
    mpirun --oversubscribe -np 2 "$CHANMIX" run $base --replications 5 --quiet --out "$T/mpi" \
        > "$T/mpi.txt"
    expect_status 0 $? "mpirun -np 2 chanmix run"
    expect_true "MPI run: stdout is the single process's" cmp -s "$T/whole.txt" "$T/mpi.txt"
    expect_true "MPI run: --out folder is the single process's" \
        test "$(tree_sum "$T/whole")" = "$(tree_sum "$T/mpi")"
    mpirun --oversubscribe -np 2 "$CHANMIX" compare $base $other --replications 4 --quiet --json \
        > "$T/mpi.json"
    expect_true "MPI compare: JSON is the single process's" cmp -s "$T/cmp.json" "$T/mpi.json"
    mpirun --oversubscribe -np 2 "$CHANMIX" "${sweep_args[@]}" --json > "$T/mpi-sw.json"
    expect_status 0 $? "mpirun -np 2 chanmix sweep"
    expect_true "MPI sweep: JSON is the single process's" cmp -s "$T/sw.json" "$T/mpi-sw.json"
    mpirun --oversubscribe -np 2 "$CHANMIX" "${sweep_args[@]}" --out "$T/mpi-sw" > "$T/mpi-sw.txt"
    expect_true "MPI sweep: stdout is the single process's" cmp -s "$T/sw.txt" "$T/mpi-sw.txt"
    expect_true "MPI sweep: --out folder is the single process's" \
        test "$(tree_sum "$T/sw-whole")" = "$(tree_sum "$T/mpi-sw")"
    printf 'name = "bad";\nhorizon_days = -1.0;\n' > "$T/bad.cfg"
    timeout 120 mpirun --oversubscribe -np 2 "$CHANMIX" run "$T/bad.cfg" --quiet 2> "$T/err"
    status=$?
    expect_true "MPI: a bad scenario ends every rank with a non-zero exit" test "$status" -ne 0
    expect_in "$T/err" "horizon_days" "MPI: the message names the setting"
else
    echo "skip: chanmix was built without MPI or mpirun is missing"
fi
finish
