# Helpers for the command-line tests in tests/cli/test_*.sh.  ctest runs each
# as `bash tests/cli/test_NAME.sh CHANMIX` in the source folder; a test exits
# 0 when every check passed, 1 when one failed, 77 when it cannot run here.
set -u
CHANMIX=${1:?usage: bash tests/cli/test_NAME.sh path/to/chanmix}
T=$(mktemp -d /tmp/chanmix-cli-XXXXXX)
failures=0
cleanup_pids=()

on_exit() {
    for p in "${cleanup_pids[@]+"${cleanup_pids[@]}"}"; do kill -KILL "$p" 2>/dev/null; done
    rm -rf "$T"
}
trap on_exit EXIT

# Memory is shared: a runaway run fails here instead of filling the machine
# (not under AddressSanitizer, which reserves terabytes of address space).
if [ -z "${CHANMIX_SANITIZED:-}" ]; then ulimit -v 4000000; fi

ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# expect_status WANT GOT WHAT
expect_status() {
    if [ "$2" = "$1" ]; then ok "$3 (exit $2)"; else fail "$3: exit $2, expected $1"; fi
}

# expect_in FILE TEXT WHAT: TEXT (fixed string) is in FILE
expect_in() {
    if grep -qF -- "$2" "$1"; then ok "$3"; else
        fail "$3: '$2' not in $1:"; sed 's/^/    /' "$1" >&2
    fi
}

# expect_not_in FILE TEXT WHAT
expect_not_in() {
    if grep -qF -- "$2" "$1"; then fail "$3: '$2' in $1:"; sed 's/^/    /' "$1" >&2; else
        ok "$3"
    fi
}

# expect_true WHAT COMMAND...
expect_true() {
    local what=$1; shift
    if "$@"; then ok "$what"; else fail "$what"; fi
}

# The files under a folder with their checksums, one line each ("" when absent).
tree_sum() {
    if [ -e "$1" ]; then (cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r md5sum); fi
}

# Nothing chanmix leaves while it writes: no twin, lock or temporary file beside DIR.
no_leftovers() {
    local parent base
    parent=$(dirname "$1"); base=$(basename "$1")
    ! ls -a "$parent" | grep -q "^\.$base\.chanmix" &&
        ! find "$parent" -name '*.tmp' | grep -q .
}

finish() {
    if [ "$failures" -eq 0 ]; then echo "all passed"; exit 0; fi
    echo "$failures check(s) failed" >&2
    exit 1
}
