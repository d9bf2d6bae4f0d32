# Well-defined settings and bounded resources (issue 11, points 1 and 2):
# settings whose derived quantities are not finite, or that would make work
# without end, are refused at load with file:line (exit 2, never a crash);
# a line that grows past max_in_system stops the run with exit 1 and says
# which channel, when, and its offered load, instead of filling the memory.
. "$(dirname "$0")/lib.sh"
src=$PWD
scenario() {    # scenario NAME TEXT: $T/NAME.cfg
    printf '%s\n' "$2" > "$T/$1.cfg"
}

# -- refused at load, each with its file and line
scenario weibull "extends = \"$src/scenarios/baseline.cfg\";
channels = ( { name = \"phone\";
  patience = { dist = \"weibull\"; mean_s = 600.0; shape = 0.003; }; } );"
scenario chase "extends = \"$src/scenarios/baseline.cfg\";
back_office = {
  chase_after = { dist = \"exponential\"; mean_s = 1e-9; }; };"
scenario arrivals "extends = \"$src/tests/scenarios/erlang_c.cfg\";
arrivals = ( { channel = \"phone\"; per_interval = 5e8; } );"
scenario needs "extends = \"$src/scenarios/baseline.cfg\";
population = 50000000;
services = ( { name = \"waste\"; per_1000_year = 100000.0; } );"
check_refused() {   # check_refused NAME FILE:LINE: SETTING WHAT
    "$CHANMIX" validate "$T/$1.cfg" >/dev/null 2>"$T/$1.err"
    expect_status 2 $? "$3"
    expect_in "$T/$1.err" "$T/$1.cfg:$2" "$3: the error names file, line and setting"
}
check_refused weibull "3: channels.phone.patience.shape: parameters out of range" \
    "a Weibull shape whose Gamma(1 + 1/shape) overflows"
expect_in "$T/weibull.err" "Gamma(1 + 1/shape) overflows" "the error says what overflows"
check_refused chase "3: back_office.chase_after.mean_s: must be at least 60 s" \
    "chases a nanosecond apart"
check_refused arrivals "2: arrivals[0].per_interval: must be <= 100000" \
    "500 million arrivals per interval"
check_refused needs "2: population: needs would arise at" "171 needs a second"

# -- a line that grows without end: phone with 2 agents and 20,000 calls per half hour
scenario overload "extends = \"$src/tests/scenarios/erlang_c.cfg\";
name = \"overloaded\";
replications = 3;
horizon_days = 366.0;
channels = ( { name = \"phone\"; agents = 2; } );
arrivals = ( { channel = \"phone\"; per_interval = 20000.0; } );"
start=$SECONDS
timeout 300 "$CHANMIX" run "$T/overload.cfg" --quiet --threads 2 >"$T/o.out" 2>"$T/o.err"
expect_status 1 $? "an overloaded channel stops the run"
expect_true "within seconds" test $((SECONDS - start)) -lt 120
expect_in "$T/o.err" "scenario 'overloaded', replication 1, stopped at day 2 (Tue) 01:0" \
    "the message says when (the first replication, whatever the threads)"
expect_in "$T/o.err" "the channel 'phone' held 1000000 contacts at once, beyond max_in_system = 1000000" \
    "the message names the channel and the bound"
# The load is an estimate: 40,000 calls an hour times the mean of the handling times drawn
# after warm-up, some 840 of them (2 agents, 3 an hour each, 21 hours): within 3.29
# standard errors (180 s / sqrt(840), 3.45%) of 2,000 Erlang, so 1,773 to 2,227.
load=$(sed -n 's/.*an offered load of \([0-9.]*\) Erlang.*/\1/p' "$T/o.err")
expect_true "the message gives the offered load (${load:-none}, 2,000 expected)" \
    awk -v x="${load:-0}" 'BEGIN { exit !(x >= 1773 && x <= 2227) }'
expect_in "$T/o.err" "against 2 agents on duty" "and the agents"
expect_true "nothing on stdout" test ! -s "$T/o.out"

# the bound is a setting; the run is the same with 1 thread, and in a comparison
printf 'extends = "%s/overload.cfg";\nname = "small-bound";\nmax_in_system = 20000;\n' "$T" \
    > "$T/bound.cfg"
"$CHANMIX" run "$T/bound.cfg" --quiet --threads 1 >/dev/null 2>"$T/b.err"
expect_status 1 $? "max_in_system = 20000"
expect_in "$T/b.err" "held 20000 contacts at once, beyond max_in_system = 20000" "a smaller bound"
"$CHANMIX" compare "$src/tests/scenarios/erlang_c.cfg" "$T/bound.cfg" --replications 2 --quiet \
    >/dev/null 2>"$T/c.err"
expect_status 1 $? "compare with an overloaded scenario"
expect_in "$T/c.err" "chanmix compare: scenario 'small-bound', replication 1" \
    "compare names the scenario"
printf 'extends = "%s/bound.cfg";\nchannels = ( { name = "phone";\n  targets = { service_level = 0.8; within_s = 20.0; }; } );\nplanning = { replications = 2; max_iterations = 1; };\n' \
    "$T" > "$T/staff.cfg"
"$CHANMIX" staff "$T/staff.cfg" --quiet >/dev/null 2>"$T/s.err"
expect_status 1 $? "staff on an overloaded scenario"
expect_in "$T/s.err" "chanmix staff: scenario 'small-bound', replication 1" "staff names the scenario"
expect_in "$T/s.err" "the channel 'phone' held 20000 contacts" "and the channel"
finish
