#!/bin/sh
# extract_bench.sh - throughput of HTML main-content extraction on the WCXB
# pages, next to libxml2's parse-only speed on the same pages in the same run.
#
#   sh bench/extract_bench.sh [WINNOW] [WCXB_DIR]
#
# Rows: parse only (charset + libxml2 parse + free), extract (the whole
# stage), and WARC -> JSONL end to end (a gzip-per-record WARC made by
# scripts/wcxb_to_warc.py: decompression, record parsing, extraction, JSON
# output), each at -j1 and -j2. MB/s is HTML bytes per wall-clock second.
# The output hash shows that -j1 and -j2 write identical bytes.
set -e
WINNOW=${1:-./winnow}
WCXB=${2:-/work/shared/corpus/wcxb-dev}
TMP=${TMPDIR:-/tmp}/wn-extract-bench
mkdir -p "$TMP/html"
if [ ! -f "$TMP/done" ]; then
    for f in "$WCXB"/html/*.html.gz; do
        b=$(basename "$f" .gz)
        gzip -dc "$f" > "$TMP/html/$b"
    done
    python3 "$(dirname "$0")/../scripts/wcxb_to_warc.py" "$WCXB/html" "$TMP/pages.warc.gz"
    touch "$TMP/done"
fi
BYTES=$(cat "$TMP"/html/*.html | wc -c)
PAGES=$(ls "$TMP"/html | wc -l)
echo "pages $PAGES, HTML $(echo "$BYTES" | awk '{printf "%.1f", $1/1e6}') MB"

run() { # name jobs args...
    name=$1; jobs=$2; shift 2
    t0=$(date +%s.%N)
    "$WINNOW" extract -q -j "$jobs" --no-evidence "$@" > "$TMP/out.jsonl" || true
    t1=$(date +%s.%N)
    h=$(sha256sum "$TMP/out.jsonl" | cut -c1-12)
    echo "$name $jobs $t0 $t1 $h" | awk -v b="$BYTES" '{s=$4-$3; printf "%-22s -j%s  %6.2f s  %7.1f MB/s  out %s\n", $1, $2, s, b/1e6/s, $5}'
}
run parse_only 1 --set extract.parse_only=1 "$TMP"/html/*.html
run parse_only 2 --set extract.parse_only=1 "$TMP"/html/*.html
run extract 1 "$TMP"/html/*.html
run extract 2 "$TMP"/html/*.html
run warc_to_jsonl 1 "$TMP/pages.warc.gz"
run warc_to_jsonl 2 "$TMP/pages.warc.gz"
