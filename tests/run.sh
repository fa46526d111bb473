#!/usr/bin/env bash
# The whole test suite: the README's test command, and what .ci/run calls.
# Installs what the tests need that a new machine lacks, builds once, runs every test project,
# and ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

# promtool and prometheus (Debian's prometheus package) check the /metrics exposition, the alert rules and the
# compose cluster's scrape config; docker-compose (Compose's own loader, without Docker) validates deploy/compose;
# LibreOffice Calc (headless, libreoffice-calc-nogui) opens the .xlsx exports and saves them back for the tests to read;
# chromium is the real browser the live board's test drives through Playwright; h2load (nghttp2-client) offers the
# overload test's bulk of calls.
if ! command -v h2load >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1 || ! command -v docker-compose >/dev/null 2>&1 || ! command -v soffice >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus docker-compose libreoffice-calc-nogui chromium nghttp2-client >/dev/null
  # The package may start a system service on :9090; the tests run their own Prometheus on free ports.
  (service prometheus stop || pkill -x prometheus) >/dev/null 2>&1 || true
fi

# Node clients for the interop tests (@grpc/grpc-js, @bufbuild/buf) and the deploy/ validators (kubernetes-models,
# dockerfile-utils), each pinned by its package-lock.json.
for dir in tests/interop tests/deploy; do
  if [ -f "$dir/package-lock.json" ]; then
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
done

dotnet build CchcGrpc.sln -c Release -warnaserror -nologo -v quiet

log=$(mktemp)
# Figures the cluster tests (failover, restart, rolling restart) and the overload and fault tests measure, printed after the results.
export CCHC_TEST_FIGURES=$(mktemp)
status=0
# Quiet, but a failed test's message and stack trace are printed (the console logger at normal verbosity).
test_args=(-c Release --no-build --nologo -v quiet --logger "console;verbosity=normal" --blame-hang-timeout 5m)
# Every project but the cluster's, two at a time as dotnet test runs them; then the cluster tests on their own. Their
# time limits (a whole cluster serving again within 30 s of a restart, a killed silo's province within 5 s) are for
# three servers on this machine, not for three servers sharing two cores with another test project: beside the server
# tests the restart once took 30.2 s, alone it takes 14 to 18 s.
dotnet test CchcGrpc.sln "${test_args[@]}" --filter "FullyQualifiedName!~Cchc.Cluster.Tests" 2>&1 | tee "$log" || status=$?
dotnet test tests/Cchc.Cluster.Tests "${test_args[@]}" 2>&1 | tee -a "$log" || status=$?

# A summary has a "Failed:" line only when a test failed; no match is no failure.
passed=$( (grep -Eo '^ +Passed: +[0-9]+' "$log" || true) | awk '{s+=$2} END {print s+0}')
failed=$( (grep -Eo '^ +Failed: +[0-9]+' "$log" || true) | awk '{s+=$2} END {print s+0}')
# The console logger names a failed test on a line "  Failed <name> [<time>]" followed by its message. Both are
# repeated at the end, because a reader of a long log (or of only its tail) looks there first.
failed_names=$(grep -E -A 8 '^ +Failed [A-Za-z_]' "$log" || true)
rm -f "$log"
if [ -s "$CCHC_TEST_FIGURES" ]; then
  echo "== figures measured by tests/Cchc.Cluster.Tests and the overload and fault tests of tests/Cchc.Server.Tests"
  cat "$CCHC_TEST_FIGURES"
fi
rm -f "$CCHC_TEST_FIGURES"
if [ -n "$failed_names" ]; then
  echo "== failed (their messages and stack traces are above, where each ran)"
  echo "$failed_names"
fi
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test ran" >&2
  status=1
fi
echo "$passed passed, $failed failed"
exit "$status"
