#!/bin/sh
# tests/eval/filter_compare.sh - do two builds give the same quality-filter
# records on texts the parity vectors do not hold?
#
#   sh tests/eval/filter_compare.sh OLD_WINNOW [NEW_WINNOW]
#
# The parity test (tests/test_filter_parity.c) pins the filters to the
# reference on its 658 documents; a speed change can still break a case
# those documents never reach. This runs every filter with --all-filters
# (every value recorded, kept and rejected) through both builds on
#   - winnow's own extraction of the 1,358 WCXB dev pages and the WARC files,
#   - the 1,337 WCXB ground-truth texts,
#   - those texts mutated three times over with a fixed seed
#     (tests/eval/mutate_texts.py: quotes, clitics, abbreviations, ellipses,
#     brackets, citations, Unicode spaces and line breaks, repeated lines and
#     n-grams glued without spaces),
# and compares the outputs byte for byte, and the fineweb profile as run by
# default: its kept documents byte for byte, its rejected ones verdict for
# verdict. Exit 0 when all are equal.
set -eu
OLD=${1:?usage: filter_compare.sh OLD_WINNOW [NEW_WINNOW]}
NEW=${2:-./winnow}
SHARED=../shared
[ -d "$SHARED/corpus/wcxb-dev" ] || { echo "filter_compare: no $SHARED/corpus/wcxb-dev; skipped"; exit 0; }
T=${TMPDIR:-/tmp}/winnow-filter-compare.$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
"$NEW" extract -q -j2 "$SHARED"/corpus/wcxb-dev/html/*.html.gz >"$T/ext.jsonl"
"$NEW" extract -q "$SHARED"/corpus/warc/* >>"$T/ext.jsonl" 2>/dev/null || true
python3 tests/eval/mutate_texts.py "$SHARED/corpus/wcxb-dev/ground-truth" "$T/gt.jsonl" "$T/mut.jsonl"
status=0
for set in ext gt mut; do
    for side in old new; do
        w=$OLD
        [ "$side" = new ] && w=$NEW
        "$w" filter --filters gopher_quality,gopher_repetition,c4_quality,c4_badwords,fineweb_quality \
            --all-filters -j2 -q --rejected "$T/$set.$side.rej" "$T/$set.jsonl" >"$T/$set.$side.out"
        "$w" filter --profile fineweb -j2 -q --rejected "$T/$set.$side.fwr" "$T/$set.jsonl" >"$T/$set.$side.fw"
        # the default mode's rejected records: every verdict (the values
        # may end early there, where a filter stopped at its first failing check)
        python3 -c 'import json, sys
for l in open(sys.argv[1]):
    w = json.loads(l)["winnow"]
    print(w.get("rule"), w.get("reason"), [(k, v["kept"], v["reason"]) for k, v in w["filters"].items()])' \
            "$T/$set.$side.fwr" >"$T/$set.$side.fwv"
    done
    docs=$(wc -l <"$T/$set.jsonl")
    if cmp -s "$T/$set.old.out" "$T/$set.new.out" && cmp -s "$T/$set.old.rej" "$T/$set.new.rej" &&
        cmp -s "$T/$set.old.fw" "$T/$set.new.fw" && cmp -s "$T/$set.old.fwv" "$T/$set.new.fwv"; then
        echo "$set: $docs documents: identical"
    else
        echo "$set: $docs documents: DIFFERENT"
        status=1
    fi
done
exit $status
