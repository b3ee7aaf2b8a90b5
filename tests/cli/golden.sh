# tests/cli/golden.sh - golden tests: for each tests/golden/NAME.args, run
# `winnow $(cat NAME.args) NAME.in*` and compare stdout with NAME.out.
# Set WN_UPDATE_GOLDEN=1 to rewrite the .out files (then review the diff).
. tests/cli/_lib.sh
for a in tests/golden/*.args; do
    name=${a%.args}
    in=$(ls "$name".in* 2>/dev/null | head -n 1)
    [ -n "$in" ] || { bad "$name: no input"; continue; }
    # shellcheck disable=SC2046
    "$WINNOW" $(cat "$a") "$in" >"$TMP/g.out" 2>"$TMP/g.err"
    if [ -n "$WN_UPDATE_GOLDEN" ]; then cp "$TMP/g.out" "$name.out"; fi
    if cmp -s "$TMP/g.out" "$name.out"; then ok; else bad "golden $(basename "$name")"; diff "$name.out" "$TMP/g.out" | head -20; fi
done
summary
