#!/bin/sh
# scripts/setup.sh - everything a new user needs on Debian 12 / Ubuntu:
# installs the missing Debian packages (apt-get, through sudo when not root),
# builds ./winnow, and runs the whole pipeline on the sample in examples/.
#   sh scripts/setup.sh              install, build, run the sample
#   sh scripts/setup.sh --deps-only  install the packages only
set -e
cd "$(dirname "$0")/.."

PKGS="build-essential pkg-config zlib1g-dev libzstd-dev zstd libxml2-dev libuchardet-dev \
libbrotli-dev libcld2-dev libutf8proc-dev libxxhash-dev libpcre2-dev python3"

missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "setup: installing:$missing"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || { echo "setup: need root or sudo to install:$missing" >&2; exit 1; }
        SUDO=sudo
    fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
[ "$1" = "--deps-only" ] && exit 0

jobs=$(nproc 2>/dev/null || echo 2)
make -s -j"$jobs"
mkdir -p out
echo "setup: running winnow on examples/sample.jsonl.gz"
rc=0
./winnow -v examples/sample.jsonl.gz -o out/sample.clean.jsonl \
    --rejected out/sample.rejected.jsonl --stats out/sample.stats.json || rc=$?
echo "setup: kept documents:     out/sample.clean.jsonl"
echo "setup: dropped documents:  out/sample.rejected.jsonl"
echo "setup: statistics:         out/sample.stats.json"
echo "setup: try: ./winnow explain examples/sample.jsonl.gz   or   ./winnow --help"
exit $rc
