#!/usr/bin/env bash
# Capacity on paper, measured (deploy/capacity.md): memory per grain kind and per silo on the national data, per
# live watcher, and one silo's fan-out throughput, then the silos a country-wide publication day needs.
# cchc-bench capacity starts a real cchc-server (SQLite in a temp dir) per shape: 63 provinces / 10,047 communes
# (year 2024) and 34 provinces / 3,321 communes (2025); it reads memory from the server's /metrics after full GCs
# that it induces over EventPipe, and Orleans' own activation counts by grain type.
# Usage: deploy/bench/capacity.sh [cchc-bench capacity options]   e.g. --provinces 3 --watchers 50,100 (a quick subset)
#        OUT=FILE also writes the report to FILE (it always goes to stdout).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dotnet build "$REPO/src/Cchc.LoadGen/Cchc.LoadGen.csproj" -c Release -nologo -v quiet >&2
echo "# env: nproc=$(nproc) mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) load=$(cut -d' ' -f1-3 /proc/loadavg)" \
  "DOTNET_gcServer=${DOTNET_gcServer:-unset} DOTNET_GCHeapCount=${DOTNET_GCHeapCount:-unset}"
if [[ -n "${OUT:-}" ]]; then
  dotnet "$REPO/src/Cchc.LoadGen/bin/Release/net10.0/cchc-bench.dll" capacity "$@" | tee "$OUT"
else
  exec dotnet "$REPO/src/Cchc.LoadGen/bin/Release/net10.0/cchc-bench.dll" capacity "$@"
fi
