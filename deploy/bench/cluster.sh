#!/usr/bin/env bash
# The cchc-bench scenarios against a three-silo cluster on this machine: a throwaway PostgreSQL 15 (the image's
# binaries, a temp directory, a free loopback port), three cchc-server silos over it (authentication off, as in
# every benchmark), and cchc-bench sending its calls round-robin to the three. CPU and resident memory are summed
# over the three silos (--server-pid); the restart scenario needs a server cchc-bench started, so it is skipped.
# Usage: deploy/bench/cluster.sh [cchc-bench run options]   e.g. --provinces 38 --scenario reads
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PG_BIN=/usr/lib/postgresql/15/bin
WORK="$(mktemp -d /tmp/cchc-bench-cluster-XXXXXX)"
PIDS=()

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
as_postgres() { if [[ "$(id -u)" == 0 ]]; then (cd "$WORK/pg" && runuser -u postgres -- "$@"); else "$@"; fi; }

cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -d "$WORK/pg/data" ]] && as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

dotnet build "$REPO/src/Cchc.LoadGen" -c Release -v q -nologo >/dev/null
BENCH=(dotnet "$REPO/src/Cchc.LoadGen/bin/Release/net10.0/cchc-bench.dll")
SERVER_DLL="$REPO/src/Cchc.Server/bin/Release/net10.0/cchc-server.dll"

chmod 755 "$WORK"   # the postgres user must reach its directory inside
mkdir -p "$WORK/pg"
[[ "$(id -u)" == 0 ]] && chown postgres:postgres "$WORK/pg"
PG_PORT="$(free_port)"
as_postgres "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $WORK/pg -c fsync=on -c max_connections=300" start >/dev/null
POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
echo "# PostgreSQL 15 on 127.0.0.1:$PG_PORT (fsync on)"

URLS=()
for n in 1 2 3; do
  port="$(free_port)"
  mkdir -p "$WORK/silo-$n"
  dotnet "$SERVER_DLL" --listen "127.0.0.1:$port" --metrics-listen off --insecure-no-auth --postgres "$POSTGRES" \
    --silo-port "$(free_port)" --gateway-port "$(free_port)" --data-dir "$WORK/silo-$n" >"$WORK/silo-$n.log" 2>&1 &
  PIDS+=($!)
  URLS+=("http://127.0.0.1:$port")
done
for n in 1 2 3; do
  for _ in $(seq 1 600); do
    grep -q "^cchc-server listening on" "$WORK/silo-$n.log" && break
    kill -0 "${PIDS[$((n - 1))]}" 2>/dev/null || { echo "silo $n did not start:" >&2; cat "$WORK/silo-$n.log" >&2; exit 1; }
    sleep 0.1
  done
done
echo "# three silos: ${URLS[*]} (pids ${PIDS[*]})"

SERVERS="$(IFS=,; echo "${URLS[*]}")"
SILO_PIDS="$(IFS=,; echo "${PIDS[*]}")"
"${BENCH[@]}" run --server "$SERVERS" --server-pid "$SILO_PIDS" --storage postgres "$@"
