# The smaller faults of issue 11 (point 7), as a user meets them: extends of
# a FIFO, a folder or an unreadable file is refused with file:line at once;
# erlang with a tiny patience gives the loss system's abandonment, not 0; and
# erlang's range messages say what is wrong with the number given.
. "$(dirname "$0")/lib.sh"
src=$PWD

# -- extends: a FIFO (it blocked for ever), a folder, a file that fails to read
mkfifo "$T/fifo"; mkdir "$T/folder"
printf 'extends = "fifo";\n' > "$T/fifo.cfg"
printf 'name = "x";\nextends = "folder";\n' > "$T/folder.cfg"
printf 'extends = "/proc/self/mem";\n' > "$T/mem.cfg"
timeout 20 "$CHANMIX" validate "$T/fifo.cfg" >/dev/null 2>"$T/fifo.err"
expect_status 2 $? "extends of a FIFO"
expect_in "$T/fifo.err" "$T/fifo.cfg:1: extends: 'fifo' ($T/fifo) is a FIFO, not a regular file" \
    "the error names file, line and what the FIFO is"
"$CHANMIX" validate "$T/folder.cfg" >/dev/null 2>"$T/folder.err"
expect_status 2 $? "extends of a folder"
expect_in "$T/folder.err" "$T/folder.cfg:2: extends: 'folder' ($T/folder) is a folder" "with its line"
"$CHANMIX" validate "$T/mem.cfg" >/dev/null 2>"$T/mem.err"
expect_status 2 $? "extends of a file that cannot be read through"
expect_in "$T/mem.err" "/proc/self/mem:1: cannot read the file: Input/output error" \
    "a read error has a file and a line"
expect_not_in "$T/mem.err" "flex scanner" "and is not the scanner's own message"

# -- erlang: patience far below the handling time is Erlang B's loss system
"$CHANMIX" erlang --calls 100 --interval 1800 --aht 300 --agents 20 --patience 1e-15 --json \
    >"$T/e.json" 2>"$T/e.err"
expect_status 0 $? "erlang --patience 1e-15"
p=$(sed -n 's/.*"p_abandon": \([0-9.e+-]*\).*/\1/p' "$T/e.json")
# Erlang B for 16.667 Erlang on 20 agents: 0.0784625791
expect_true "p_abandon is Erlang B's blocking, 0.07846 (got $p)" \
    awk -v p="$p" 'BEGIN { exit !(p > 0.078462 && p < 0.078463) }'
o=$(sed -n 's/.*"occupancy": \([0-9.e+-]*\).*/\1/p' "$T/e.json")
expect_true "occupancy counts the calls lost (got $o)" \
    awk -v o="$o" 'BEGIN { exit !(o > 0.767947 && o < 0.767949) }'

# -- erlang: messages about numbers say what is wrong with them
msg() {     # msg WHAT TEXT ARGS...: erlang ARGS fails with exit 2 and says TEXT
    local what=$1 text=$2; shift 2
    "$CHANMIX" erlang "$@" >/dev/null 2>"$T/m.err"
    expect_status 2 $? "$what"
    expect_in "$T/m.err" "$text" "$what: the message"
}
msg "a patience too short to compute with" \
    "--patience: 1e-320 s is too short to compute with" \
    --calls 100 --interval 1800 --aht 300 --patience 1e-320
msg "an interval that makes the rate infinite" "--interval 1e-320 s" \
    --calls 100 --interval 1e-320 --aht 300
msg "a number beyond a double" "--calls: '1e400' is too large a number" \
    --calls 1e400 --interval 1800 --aht 300
msg "a negative number" "--calls: must be a finite number >= 0, got '-5'" \
    --calls -5 --interval 1800 --aht 300
"$CHANMIX" erlang --calls 1e-320 --interval 1800 --aht 300 >/dev/null 2>"$T/tiny.err"
expect_status 0 $? "a tiny number of calls is a number >= 0"
finish
