#!/usr/bin/env bash
# Every figure of the README's "Performance" section in one run, one part after another on this machine, into one
# log: the anchors (h2load and Redis) on SQLite and on PostgreSQL, every cchc-bench scenario at national scale on
# SQLite, the live watch at 10,000 watchers, and every scenario on PostgreSQL and against a three-silo cluster over
# PostgreSQL with Thanh Hóa (38, 549 communes) loaded: its bulk load is the slow part there (about 2,000 items/s), and
# reads and the watch use that province in every run.
# Usage: deploy/bench/all.sh   (OUT=FILE: the log, default /tmp/cchc-bench-all-<UTC time>.log; about 20 minutes)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${OUT:-/tmp/cchc-bench-all-$(date -u +%Y%m%dT%H%MZ).log}"
B=(dotnet "$REPO/src/Cchc.LoadGen/bin/Release/net10.0/cchc-bench.dll")

# A part that ends with an error status is reported and the next one runs.
part() {
  local name="$1"; shift
  echo; echo "#### $name ($(date -u '+%Y-%m-%d %H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg))"
  "$@" || echo "#### $name ended with exit status $? (cchc-bench: 3 when a phase counted errors or missing deliveries)"
}

{
  echo "#### machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(dotnet --version), commit $(git -C "$REPO" rev-parse --short HEAD)"
  part "anchors, SQLite"                               "$REPO/deploy/bench/anchors.sh"
  part "anchors, PostgreSQL"                           "$REPO/deploy/bench/anchors.sh" --storage postgres
  part "national, SQLite"                              "${B[@]}" run --storage sqlite
  part "national, SQLite, 10,000 watchers x 100/s"     "${B[@]}" run --storage sqlite --scenario watch --watchers 10000 --watch-rate 100
  part "Thanh Hóa, PostgreSQL"                         "${B[@]}" run --storage postgres --provinces 38
  part "Thanh Hóa, three-silo cluster on PostgreSQL"   "$REPO/deploy/bench/cluster.sh" --provinces 38
  echo "#### done ($(date -u '+%Y-%m-%d %H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg))"
} 2>&1 | tee "$OUT"
echo "log: $OUT"
