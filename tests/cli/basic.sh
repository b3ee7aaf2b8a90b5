# tests/cli/basic.sh - the command's contract: help, version, usage errors,
# exit codes, malformed input reported with FILE:LINE and skipped, damaged
# compressed input reported with its offset after every good record.
. tests/cli/_lib.sh

run --help
expect_rc 0 "--help"
expect_out "Usage: winnow" "--help"
expect_out "Exit status" "--help exit codes"
run --version
expect_rc 0 "--version"
expect_out "^winnow [0-9]" "--version"
run --no-such-option
expect_rc 2 "unknown option"
expect_err "Try 'winnow --help'" "unknown option"
run --jobs 0 x
expect_rc 2 "--jobs 0"
run --format xml
expect_rc 2 "--format xml"
run --set nosuch.param=1 /dev/null
expect_rc 2 "--set unknown stage"
run --stages utf8_repair,nosuch /dev/null
expect_rc 2 "--stages unknown"
run --list-stages
expect_rc 0 "--list-stages"
expect_out "utf8_repair" "--list-stages"
run --help-man
expect_out "^.TH WINNOW 1" "--help-man"
if [ -f docs/winnow.1 ]; then expect_same "$OUT" docs/winnow.1 "docs/winnow.1 is current (make man)"; fi
run /nonexistent/input.jsonl
expect_rc 1 "missing input file"
expect_err "/nonexistent/input.jsonl: No such file" "missing input file"

# stdin to stdout
printf '{"id":"x","text":"a\\n\\n\\n\\nb","keep":[1,{"z":null}]}\n' >"$TMP/in.jsonl"
"$WINNOW" --stages utf8_repair,blank_run <"$TMP/in.jsonl" >"$TMP/o" 2>"$TMP/e"
RC=$?; ERR=$TMP/e; OUT=$TMP/o
expect_rc 0 "stdin"
expect_out '"text":"a\\n\\nb"' "stdin text"
expect_out '"keep":\[1,{"z":null}\]' "metadata kept untouched"
expect_out '"reason":"blank_run"' "evidence"

# malformed JSONL: reported, counted, skipped; the good records still come out
printf '{"text":"one"}\n{"text": oops}\n\n{"no_text":1}\n{"text":"four"}\n' >"$TMP/bad.jsonl"
run --stages utf8_repair,blank_run --stats "$TMP/stats.json" "$TMP/bad.jsonl"
expect_rc 1 "malformed JSONL"
expect_err "bad.jsonl:2: malformed JSON at column 10" "malformed JSONL line"
expect_err 'bad.jsonl:4: no "text" field' "missing text field"
expect_out '"text":"one"' "record before the bad line"
expect_out '"text":"four"' "record after the bad line"
if grep -q '"input_errors":2' "$TMP/stats.json" && grep -q '"docs_out":2' "$TMP/stats.json"; then ok; else bad "stats counts: $(cat "$TMP/stats.json")"; fi

# truncated gzip: the records before the damage are written, offset reported
i=0; : >"$TMP/many.jsonl"
while [ $i -lt 2000 ]; do echo "{\"id\":$i,\"text\":\"record number $i with some words to compress $i\"}"; i=$((i + 1)); done >>"$TMP/many.jsonl"
gzip -c "$TMP/many.jsonl" >"$TMP/many.jsonl.gz"
size=$(wc -c <"$TMP/many.jsonl.gz")
head -c $((size / 2)) "$TMP/many.jsonl.gz" >"$TMP/trunc.jsonl.gz"
run --stages utf8_repair,blank_run -q "$TMP/trunc.jsonl.gz"
expect_rc 1 "truncated gzip exit code"
run --stages utf8_repair,blank_run "$TMP/trunc.jsonl.gz"
expect_err "trunc.jsonl.gz: offset [0-9]*: gzip stream is truncated" "truncated gzip message"
n=$(grep -c '"id":' "$OUT")
if [ "$n" -gt 100 ] && [ "$n" -lt 2000 ]; then ok; else bad "truncated gzip kept $n records"; fi
# the records written are exactly a prefix of the input, nothing half-written
if grep -q '"id":0,' "$OUT" && tail -n 1 "$OUT" | grep -q '"winnow":{'; then ok; else bad "truncated gzip prefix"; fi

# zstd works by magic bytes, whatever the name
if command -v zstd >/dev/null 2>&1; then
    zstd -q -c "$TMP/many.jsonl" >"$TMP/many.bin"
    run --stages utf8_repair,blank_run -j2 "$TMP/many.bin"
    expect_rc 0 "zstd input"
    n=$(grep -c '"id":' "$OUT")
    if [ "$n" -eq 2000 ]; then ok; else bad "zstd records: $n"; fi
fi

# concatenated gzip members
gzip -c "$TMP/in.jsonl" >"$TMP/multi.gz"; gzip -c "$TMP/in.jsonl" >>"$TMP/multi.gz"
run --stages utf8_repair,blank_run "$TMP/multi.gz"
n=$(grep -c '"id":"x"' "$OUT")
if [ "$n" -eq 2 ]; then ok; else bad "multi-member gzip gave $n records"; fi

# binary junk as a text document: repaired, not a crash
head -c 5000 /dev/urandom >"$TMP/junk.bin" 2>/dev/null || dd if=/dev/urandom of="$TMP/junk.bin" bs=1000 count=5 2>/dev/null
run --stages utf8_repair,blank_run --input-format text "$TMP/junk.bin"
expect_rc 0 "binary junk"
if python3 -c "import json,sys; json.loads(open(sys.argv[1]).readline())" "$OUT" 2>/dev/null; then ok; else bad "binary junk output is not valid JSON"; fi

# too large: dropped, counted, in the rejected stream
head -c 3000 /dev/zero | tr '\0' 'a' >"$TMP/big.txt"
run --stages utf8_repair,blank_run --max-doc-size 1K --rejected "$TMP/rej.jsonl" --stats "$TMP/s2.json" "$TMP/big.txt"
expect_rc 0 "too_large is a verdict"
expect_err "larger than the limit" "too_large message"
if grep -q '"reason":"too_large"' "$TMP/rej.jsonl" && grep -q '"limits:too_large":1' "$TMP/s2.json"; then ok; else bad "too_large not rejected/counted"; fi

# a document as large as --max-doc-size allows gets through the quality
# filters (their working memory is bounded per document size, not dropped as
# a resource limit): 4 MB of ordinary-looking prose, seeded
python3 - "$TMP/prose.jsonl" <<'PY'
import json, random, sys
r = random.Random(7)
words = [''.join(r.choice('etaoinshrdlucmfwyp') for _ in range(r.randint(1, 9))) for _ in range(3000)]
out, size = [], 0
while size < 4000000:
    s = ' '.join(r.choice(words) for _ in range(r.randint(5, 20)))
    s = s[0].upper() + s[1:] + r.choice('...?!') + (' ' if r.random() < 0.8 else '\n\n')
    out.append(s)
    size += len(s)
open(sys.argv[1], 'w').write(json.dumps({"id": "prose", "text": ''.join(out)[:4000000]}) + '\n')
PY
run filter --all-filters --max-doc-size 4M -j1 --rejected "$TMP/rej4.jsonl" --stats "$TMP/s4.json" "$TMP/prose.jsonl"
expect_rc 0 "4 MB document at --max-doc-size 4M"
expect_no_err "4 MB document at --max-doc-size 4M"
if grep -q '"gopher_repetition":{"kept":true' "$OUT" "$TMP/rej4.jsonl" && ! grep -q stage_failed "$TMP/s4.json"; then ok; else bad "4 MB document: no gopher_repetition record"; fi

# duplicate "text" keys: the last one is the document, written once
printf '{"text":"first","id":"dup","text":"second"}\n' >"$TMP/dup.jsonl"
run --stages utf8_repair --no-evidence "$TMP/dup.jsonl"
if [ "$(cat "$OUT")" = '{"id":"dup","text":"second"}' ]; then ok; else bad "duplicate text keys: $(cat "$OUT")"; fi

# --lines and --format text
printf 'first doc\nsecond doc\n' >"$TMP/l.txt"
run --stages utf8_repair,blank_run --lines "$TMP/l.txt"
if [ "$(grep -c '"text":' "$OUT")" -eq 2 ]; then ok; else bad "--lines"; fi
run --stages utf8_repair,blank_run --format text -o "$TMP/t.txt" "$TMP/l.txt"
expect_same "$TMP/t.txt" "$TMP/l.txt" "--format text -o"

summary
