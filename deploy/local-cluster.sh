#!/usr/bin/env bash
# Three cchc-server silos on this machine, one cluster over a throwaway PostgreSQL 15 (the image's binaries in
# /usr/lib/postgresql/15/bin, a temp directory, a free loopback port; never a system service).
#
#   deploy/local-cluster.sh [DATA_DIR]     (default ./cluster-data)
#
# gRPC on 127.0.0.1:5001-5003, /metrics on 127.0.0.1:9465-9467 (the Orleans Dashboard too, at /dashboard), silo
# ports 11111-11113, Orleans gateways 30001-30003. The shared signing key is written to DATA_DIR/auth-signing-key so
# `cchc token --data-dir DATA_DIR` and `cchc demo --data-dir DATA_DIR` work. Ctrl+C (or SIGTERM) stops the silos
# gracefully, then PostgreSQL, and removes the database. Each silo's log is in DATA_DIR/silo-N.log.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(realpath -m "${1:-./cluster-data}")
pgbin=/usr/lib/postgresql/15/bin
mkdir -p "$data"

pg=$(mktemp -d /tmp/cchc-cluster-pg.XXXXXX)
as_postgres() {
  # From the cluster's own directory: the postgres user may not enter the one the script was started in.
  if [ "$(id -u)" = 0 ]; then (cd "$pg" && runuser -u postgres -- "$@"); else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres:postgres "$pg"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_postgres "$pgbin/initdb" -D "$pg/data" -U postgres -A trust -E UTF8 >/dev/null
as_postgres "$pgbin/pg_ctl" -D "$pg/data" -w -l "$pg/log" \
  -o "-p $port -k $pg -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on" start >/dev/null
as_postgres "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U postgres cchc
postgres="Host=127.0.0.1;Port=$port;Username=postgres;Database=cchc"
echo "PostgreSQL 15 on 127.0.0.1:$port ($pg)"

key_file="$data/auth-signing-key"
if [ ! -s "$key_file" ]; then
  (umask 077 && head -c 32 /dev/urandom | base64 > "$key_file")
fi

dotnet build src/Cchc.Server -c Release -nologo -v quiet >/dev/null
dll=src/Cchc.Server/bin/Release/net10.0/cchc-server.dll
pids=()
stopping=
stop() {
  # Once only, and not cut short: a second Ctrl+C or TERM while stopping (a terminal's, or one a wrapper such as
  # timeout forwards) must not leave PostgreSQL running.
  [ -n "$stopping" ] && return
  stopping=1
  trap '' INT TERM
  echo "stopping the silos (graceful leave), then PostgreSQL"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  as_postgres "$pgbin/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null || true
  rm -rf "$pg"
}
trap stop INT TERM EXIT

for n in 1 2 3; do
  mkdir -p "$data/silo-$n"
  CCHC_AUTH_KEY=$(cat "$key_file") dotnet "$dll" --listen "127.0.0.1:500$n" --metrics-listen "127.0.0.1:946$((n + 4))" \
    --silo-port "1111$n" --gateway-port "3000$n" --postgres "$postgres" --data-dir "$data/silo-$n" --dashboard on \
    >"$data/silo-$n.log" 2>&1 &
  pids+=("$!")
done

for n in 1 2 3; do
  until grep -q "^cchc-server listening on" "$data/silo-$n.log"; do
    if ! kill -0 "${pids[$((n - 1))]}" 2>/dev/null; then
      echo "silo $n did not start:" >&2
      cat "$data/silo-$n.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  grep -E "^cchc-server (listening|silo)" "$data/silo-$n.log"
done
echo "cluster serving: --server http://127.0.0.1:5001,http://127.0.0.1:5002,http://127.0.0.1:5003 --data-dir $data (Ctrl+C stops it)"
wait "${pids[@]}"
