#!/bin/sh
# tests/run.sh - run every test: unit and golden binaries (build/tests/test_*),
# CLI tests (tests/cli/*.sh), fuzz corpus replays (build/fuzz/*_replay).
# Each prints "N passed, N failed" last; this script adds them up and prints
# the total as its own last line. Exit 1 when anything failed.
# Environment: WINNOW (the command under test), BUILD (object folder).
: "${WINNOW:=./winnow}"
: "${BUILD:=build}"
export WINNOW
total_p=0
total_f=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

tally() { # $1 = name; reads the command's output from $log, its status in $2
    last=$(tail -n 1 "$log")
    p=$(echo "$last" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1/p')
    f=$(echo "$last" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\2/p')
    if [ -z "$p" ]; then
        # no summary line: the binary crashed or printed nothing
        p=0
        f=1
        echo "FAIL $1: no summary line (exit $2)"
        tail -n 20 "$log"
    elif [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
        echo "FAIL $1: exit status $2"
    fi
    if [ "$f" -ne 0 ]; then
        echo "---- $1: $f failed"
        grep -v '^skip:' "$log" | tail -n 40
    fi
    grep '^skip:' "$log" | sed "s|^|  $1: |"
    echo "$1: $last"
    total_p=$((total_p + p))
    total_f=$((total_f + f))
}

for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    # a binary left from a test whose source is gone is not a test
    [ -f "tests/$(basename "$t").c" ] || continue
    "$t" >"$log" 2>&1
    tally "$(basename "$t")" $?
done

for t in tests/cli/*.sh; do
    case $(basename "$t") in _*) continue ;; esac # helpers, not tests
    sh "$t" >"$log" 2>&1
    tally "cli/$(basename "$t" .sh)" $?
done

for r in "$BUILD"/fuzz/*_replay; do
    [ -x "$r" ] || continue
    name=$(basename "$r" _replay)
    dir=fuzz/corpus/${name#fuzz_}
    if [ -d "$dir" ]; then
        "$r" "$dir" >"$log" 2>&1
        tally "replay/$name" $?
    fi
done

echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
