#!/usr/bin/env bash
# A longer hostile-input fuzz run: the fuzz tests of the test command (every RPC, the framework JSON and scores CSV
# readers) with more iterations. Prints the seed, each target's counts and every failure with its bytes (hex).
#
#   deploy/fuzz/run.sh [ITERATIONS] [SEED] [TARGET]
#
# ITERATIONS: calls per RPC method, and 20 times as many inputs per file reader (default 600; the test command runs 60).
# SEED: replays a run (default: a new one, printed). TARGET: only the RPC methods or readers whose name contains it,
# e.g. cchc.v1.ScoringService/SubmitScores or ScoreCsv. A failure's full payloads are also saved under
# tests/Cchc.Server.Tests/bin/Release/net10.0/fuzz-failures/.
set -euo pipefail
cd "$(dirname "$0")/../.."

export CCHC_FUZZ_ITERATIONS="${1:-600}"
export CCHC_FUZZ_SEED="${2:-$(( (RANDOM << 15 | RANDOM) ))}"
if [ -n "${3:-}" ]; then
  export CCHC_FUZZ_TARGET="$3"
fi
echo "fuzz: seed $CCHC_FUZZ_SEED, $CCHC_FUZZ_ITERATIONS calls per RPC method, $((CCHC_FUZZ_ITERATIONS * 20)) inputs per file reader${CCHC_FUZZ_TARGET:+, only $CCHC_FUZZ_TARGET}"

dotnet build tests/Cchc.Server.Tests -c Release -nologo -v quiet
dotnet build tests/Cchc.Cli.Tests -c Release -nologo -v quiet

status=0
start=$SECONDS
log=$(mktemp)
for run in "tests/Cchc.Server.Tests Cchc.Server.Tests.Fuzzing.RpcFuzzTests.Hostile_requests" "tests/Cchc.Cli.Tests Cchc.Cli.Tests.Fuzzing"; do
  set -- $run
  dotnet test "$1" -c Release --no-build --nologo --filter "FullyQualifiedName~$2" --logger "console;verbosity=detailed" >"$log" 2>&1 || status=1
  # The tests print one line per target (seed, counts, statuses) and one per failure; the rest is the runner's.
  grep -E '^ ([A-Za-z0-9.]+/[A-Za-z]+|FrameworkFile|ScoreCsv): seed|^ FAILURE|^   (payload|saved)|input [0-9]+:|replay with|^(Passed|Failed)!' "$log" || true
done
rm -f "$log"
echo "fuzz: $((SECONDS - start)) s, $([ $status -eq 0 ] && echo 'no failure' || echo 'FAILED')"
exit $status
