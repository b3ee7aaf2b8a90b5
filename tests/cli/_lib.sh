# tests/cli/_lib.sh - tiny helpers for CLI tests (sourced). Each check prints
# a FAIL line with what differed; the script ends with `summary`, which
# prints "N passed, N failed".
: "${WINNOW:=./winnow}"
PASSED=0
FAILED=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# run ARGS...: runs winnow, sets $OUT $ERR (files) and $RC
run() {
    OUT=$TMP/out
    ERR=$TMP/err
    "$WINNOW" "$@" >"$OUT" 2>"$ERR"
    RC=$?
}
ok() { PASSED=$((PASSED + 1)); }
bad() { FAILED=$((FAILED + 1)); echo "FAIL: $*"; }
expect_rc() { if [ "$RC" -eq "$1" ]; then ok; else bad "$2: exit $RC, expected $1"; sed 's/^/  stderr: /' "$ERR" | head -5; fi; }
expect_err() { if grep -q -- "$1" "$ERR"; then ok; else bad "$2: stderr lacks '$1'"; sed 's/^/  stderr: /' "$ERR" | head -5; fi; }
expect_out() { if grep -q -- "$1" "$OUT"; then ok; else bad "$2: stdout lacks '$1'"; head -c 300 "$OUT" | sed 's/^/  stdout: /'; fi; }
expect_no_err() { if [ ! -s "$ERR" ]; then ok; else bad "$1: unexpected stderr"; head -5 "$ERR"; fi; }
expect_same() { if cmp -s "$1" "$2"; then ok; else bad "$3: $1 differs from $2"; diff "$1" "$2" | head -10; fi; }
summary() { echo "$PASSED passed, $FAILED failed"; [ "$FAILED" -eq 0 ]; }
