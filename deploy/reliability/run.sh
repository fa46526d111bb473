#!/usr/bin/env bash
# The overload and fault runs of the README's "Reliability" section, longer than in the test command, with their
# figures: the same tests (tests/Cchc.Server.Tests: OverloadTests, PostgresOutageTests, DiskFullTests), which assert
# the same invariants, run with longer phases and both PostgreSQL stop modes.
#   1. overload: capacity measured (durable single-item writes, 64 callers) for CAPACITY_SECONDS, then FACTOR times
#      that rate offered for OVERLOAD_SECONDS, each call with a 2 s deadline: FACTOR-1 times capacity by h2load (16
#      connections), once capacity by Grpc.Net.Client with every call's outcome tracked; the server is a process of its
#      own (RSS), on core 0 with the load generators on the other cores when there are two or more (taskset); the
#      server's own admission figures (refusal and wait times, overruns) are read from its /metrics.
#   2. PostgreSQL stopped under writes, pg_ctl -m immediate, then -m fast; started again.
#   3. the SQLite volume full (a 16 MB tmpfs: needs root, as the test command does); space freed.
# A silo killed is measured by tests/Cchc.Cluster.Tests (the README's "Running a cluster").
# Usage: deploy/reliability/run.sh   (env: OVERLOAD_SECONDS default 30, CAPACITY_SECONDS default 10, FACTOR default 10)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

OVERLOAD_SECONDS="${OVERLOAD_SECONDS:-30}"
CAPACITY_SECONDS="${CAPACITY_SECONDS:-10}"
FACTOR="${FACTOR:-10}"
FIGURES="$(mktemp /tmp/cchc-reliability-XXXXXX)"

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo), $(uname -sr); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
if ! command -v h2load >/dev/null; then
  echo "== installing h2load (Debian's nghttp2-client), which offers the overload's bulk of calls"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nghttp2-client >/dev/null
fi
dotnet build tests/Cchc.Server.Tests -c Release -warnaserror -nologo -v quiet

status=0
LOG="$(mktemp /tmp/cchc-reliability-log-XXXXXX)"
trap 'rm -f "$FIGURES" "$LOG"' EXIT
run() { # filter, then VAR=value pairs for the run; a failed run makes the script exit 1, after every run
  local filter="$1"; shift
  if ! env "$@" CCHC_TEST_FIGURES="$FIGURES" dotnet test tests/Cchc.Server.Tests -c Release --no-build --nologo -v quiet \
      --logger "console;verbosity=normal" --filter "FullyQualifiedName~$filter" >"$LOG" 2>&1; then
    status=1
  fi
  grep -E '^\s+(Passed|Failed) |^\s+Error Message|^\s{3}\S' "$LOG" | grep -v '^\s*at ' || true
}

echo "== overload: capacity ${CAPACITY_SECONDS} s, then ${FACTOR}x for ${OVERLOAD_SECONDS} s"
run OverloadTests CCHC_OVERLOAD_SECONDS="$OVERLOAD_SECONDS" CCHC_OVERLOAD_CAPACITY_SECONDS="$CAPACITY_SECONDS" CCHC_OVERLOAD_FACTOR="$FACTOR"
for mode in immediate fast; do
  echo "== PostgreSQL stopped under writes (pg_ctl -m $mode)"
  run PostgresOutageTests CCHC_PG_STOP_MODE="$mode"
done
echo "== SQLite volume full"
run DiskFullTests

echo "== figures (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
cat "$FIGURES"
exit "$status"
