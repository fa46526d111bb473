#!/usr/bin/env bash
# Anchors, same run: what a team would otherwise pick for a live leaderboard, measured back to back with ours
# on this machine, at the same concurrency (64 calls in flight everywhere).
#   1. h2load: a raw Kestrel HTTP/2 endpoint (fixed gRPC-framed reply) vs our unary GetUnitRank, each measured on its
#      second run of N requests: the first warms it up (its code compiled at its last tier, the bulk load's aftermath
#      settled), as cchc-bench warms up before each phase.
#   2. redis-benchmark on a 600-member sorted set (Redis WITHOUT persistence: --save '' --appendonly no)
#      vs our equivalents: ZADD ~ one appraisal (durable before it is acknowledged), ZREVRANK ~ GetUnitRank,
#      ZREVRANGE 0 19 ~ a province's top 20, each measured with two clients: cchc-bench (.NET, grpc-dotnet; scenarios
#      appraisal.full, reads.unit, reads.top20) and, for the reads, h2load (C, nghttp2), as redis-benchmark is C.
#      h2load sees HTTP/2 only, so the server's own count of calls answered OK must equal what h2load sent.
# Usage: deploy/bench/anchors.sh [--storage sqlite|postgres]   (env: N requests per h2load/redis run, default 200000;
#        DURATION seconds per cchc-bench phase, default 10)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STORAGE="sqlite"
if [[ "${1:-}" == "--storage" ]]; then STORAGE="${2:?--storage needs sqlite or postgres}"; fi
N="${N:-200000}"
DURATION="${DURATION:-10}"
CONCURRENCY=64
PROVINCE=38          # Thanh Hóa, 549 communes: the size of the Redis set below
UNIT=14755           # Phường Hàm Rồng, Thanh Hóa
WORK="$(mktemp -d /tmp/cchc-anchors-XXXXXX)"
chmod 755 "$WORK"   # the postgres user must reach its cluster's directory inside
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_for_line() { # file pattern seconds
  for _ in $(seq 1 $(( $3 * 10 ))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "anchors: '$2' did not appear in $1:" >&2; cat "$1" >&2; exit 1
}

echo "== installing h2load and Redis (Debian packages)"
if ! command -v h2load >/dev/null || ! command -v redis-server >/dev/null || ! command -v redis-benchmark >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client redis-server redis-tools >/dev/null
fi

echo "== building cchc-bench and cchc-server (Release)"
dotnet build "$REPO/src/Cchc.LoadGen" -c Release -v q -nologo >/dev/null
BENCH=(dotnet "$REPO/src/Cchc.LoadGen/bin/Release/net10.0/cchc-bench.dll")
SERVER_DLL="$REPO/src/Cchc.Server/bin/Release/net10.0/cchc-server.dll"

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)"

# h2load prints "finished in 1.23s, 81234.56 req/s, ..." and a latency table; keep req/s and the request latency line.
h2load_rate() { awk '/^finished in/ { gsub(",", "", $4); print $4 }' "$1"; }
h2load_ok() { awk '/^requests:/ { print $8 }' "$1"; }

"${BENCH[@]}" make-request-file --out "$WORK/get-unit-rank.bin" --unit "$UNIT" --scope "$PROVINCE" --year 2024
"${BENCH[@]}" make-request-file --out "$WORK/get-top-20.bin" --scope "$PROVINCE" --year 2024 --page-size 20
H2LOAD=(h2load -n "$N" -c 4 -m 16 -t 1 --data="$WORK/get-unit-rank.bin" -H 'content-type: application/grpc' -H 'te: trailers')
H2LOAD_TOP=(h2load -n "$N" -c 4 -m 16 -t 1 --data="$WORK/get-top-20.bin" -H 'content-type: application/grpc' -H 'te: trailers')

echo "== 1a. h2load -> raw Kestrel HTTP/2 endpoint"
RAW_PORT="$(free_port)"
"${BENCH[@]}" raw-endpoint --listen "127.0.0.1:$RAW_PORT" >"$WORK/raw.log" 2>&1 &
PIDS+=($!)
wait_for_line "$WORK/raw.log" "raw-endpoint listening" 30
"${H2LOAD[@]}" "http://127.0.0.1:$RAW_PORT/cchc.v1.RankingService/GetUnitRank" >/dev/null   # warm-up, not measured
"${H2LOAD[@]}" "http://127.0.0.1:$RAW_PORT/cchc.v1.RankingService/GetUnitRank" >"$WORK/h2load-raw.txt"
grep -E "^(finished|requests|time for request)" "$WORK/h2load-raw.txt"
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true; unset 'PIDS[-1]'

echo "== 1b. h2load -> cchc-server GetUnitRank (province $PROVINCE loaded and self-assessed, $STORAGE)"
SERVER_PORT="$(free_port)"
METRICS_PORT="$(free_port)"
SERVER_ARGS=(--listen "127.0.0.1:$SERVER_PORT" --metrics-listen "127.0.0.1:$METRICS_PORT" --insecure-no-auth --data-dir "$WORK/data")
PG_ROOT=""
if [[ "$STORAGE" == "postgres" ]]; then
  PG_ROOT="$WORK/pg"; PG_PORT="$(free_port)"; PG_BIN=/usr/lib/postgresql/15/bin
  mkdir -p "$PG_ROOT"; chown -R postgres:postgres "$PG_ROOT"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_ROOT/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/log" -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_ROOT -c fsync=on -c max_connections=200" -w start >/dev/null
  SERVER_ARGS=(--listen "127.0.0.1:$SERVER_PORT" --metrics-listen "127.0.0.1:$METRICS_PORT" --insecure-no-auth --postgres "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres")
fi
dotnet "$SERVER_DLL" "${SERVER_ARGS[@]}" >"$WORK/server.log" 2>&1 &
PIDS+=($!)
wait_for_line "$WORK/server.log" "cchc-server listening" 60
URL="http://127.0.0.1:$SERVER_PORT"
"${BENCH[@]}" run --server "$URL" --storage "$STORAGE" --provinces "$PROVINCE" --scenario bulk | grep -E "^(#|RESULT)" | sed 's/^/   /'
# The server's count of calls it answered OK, by method (cchc.server's grpc.server.calls.handled): both h2load runs
# of each method, 2 x N, must be added to it, or h2load counted answers that carried an error status.
answered_ok() {
  curl -s "http://127.0.0.1:$METRICS_PORT/metrics" \
    | awk -v m="grpc_method=\"$1\"" 'index($0, "cchc_server_grpc_server_calls_handled{") == 1 && index($0, m) && index($0, "grpc_code=\"OK\"") { n += $NF } END { printf "%d", n }'
}
declare -A OK_BEFORE=([GetUnitRank]="$(answered_ok GetUnitRank)" [GetRanking]="$(answered_ok GetRanking)")
"${H2LOAD[@]}" "$URL/cchc.v1.RankingService/GetUnitRank" >/dev/null   # warm-up, not measured
"${H2LOAD[@]}" "$URL/cchc.v1.RankingService/GetUnitRank" >"$WORK/h2load-ours.txt"
grep -E "^(finished|requests|time for request)" "$WORK/h2load-ours.txt"
echo "== 1c. h2load -> cchc-server GetRanking, the province's top 20"
"${H2LOAD_TOP[@]}" "$URL/cchc.v1.RankingService/GetRanking" >/dev/null   # warm-up, not measured
"${H2LOAD_TOP[@]}" "$URL/cchc.v1.RankingService/GetRanking" >"$WORK/h2load-top20.txt"
grep -E "^(finished|requests|time for request)" "$WORK/h2load-top20.txt"
for method in GetUnitRank GetRanking; do
  ok=$(( $(answered_ok "$method") - OK_BEFORE[$method] ))
  if (( ok != 2 * N )); then echo "anchors: the server answered $ok $method calls OK, h2load sent $(( 2 * N ))" >&2; exit 1; fi
  echo "   $method: the server answered all $ok of h2load's calls OK"
done

echo "== 2a. ours: appraisal.full, reads.unit, reads.top20 on province $PROVINCE (cchc-bench, $CONCURRENCY in flight)"
"${BENCH[@]}" run --server "$URL" --storage "$STORAGE" --provinces "$PROVINCE" --scenario appraisal.full,reads.unit,reads.top20 \
  --duration "$DURATION" --concurrency "$CONCURRENCY" >"$WORK/ours.txt"
grep -E "^RESULT" "$WORK/ours.txt" | grep -v "name=bulk" | sed 's/^/   /'
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true; unset 'PIDS[-1]'
if [[ -n "$PG_ROOT" ]]; then runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -m fast -w stop >/dev/null; fi
ours() { grep -E "^RESULT name=$1 " "$WORK/ours.txt" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'; }

echo "== 2b. redis-benchmark -> redis-server (NO persistence: --save '' --appendonly no)"
REDIS_PORT="$(free_port)"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
KEY="cchc:$PROVINCE:2024"
# 600 members named like redis-benchmark's __rand_int__ (12 digits), scores like two-decimal indices.
for i in $(seq 0 599); do printf 'ZADD %s %d.%02d m%012d\n' "$KEY" $(( 40 + RANDOM % 60 )) $(( RANDOM % 100 )) "$i"; done \
  | redis-cli -p "$REDIS_PORT" >/dev/null
echo "   seeded $KEY with $(redis-cli -p "$REDIS_PORT" zcard "$KEY") members"
RB=(redis-benchmark -p "$REDIS_PORT" -n "$N" -c "$CONCURRENCY" -P 1 -r 600 --csv)
"${RB[@]}" zadd "$KEY" __rand_int__ m__rand_int__ >"$WORK/redis-zadd.csv"
"${RB[@]}" zrevrank "$KEY" m__rand_int__ >"$WORK/redis-zrevrank.csv"
"${RB[@]}" zrevrange "$KEY" 0 19 withscores >"$WORK/redis-zrevrange.csv"
redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
wait "${PIDS[-1]}" 2>/dev/null || true; unset 'PIDS[-1]'
# --csv: "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
redis_col() { tail -1 "$1" | tr -d '"' | cut -d, -f"$2"; }

echo
echo "== anchors ($(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg); Redis without persistence, ours durable on $STORAGE)"
printf '%-44s %14s %14s %10s %10s %8s\n' "pair (ours vs anchor)" "ours req/s" "anchor req/s" "ours p99" "anchor p99" "ratio"
pair() { # label ours_rps anchor_rps ours_p99 anchor_p99
  printf '%-44s %14.0f %14.0f %8sms %8sms %8s\n' "$1" "$2" "$3" "$4" "$5" "$(awk -v a="$2" -v b="$3" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')"
}
pair "GetUnitRank (h2load) vs raw Kestrel (h2load)" "$(h2load_rate "$WORK/h2load-ours.txt")" "$(h2load_rate "$WORK/h2load-raw.txt")" "-" "-"
pair "appraisal write vs ZADD" "$(ours appraisal.full rate)" "$(redis_col "$WORK/redis-zadd.csv" 2)" "$(ours appraisal.full p99_ms)" "$(redis_col "$WORK/redis-zadd.csv" 7)"
pair "GetUnitRank vs ZREVRANK" "$(ours reads.unit rate)" "$(redis_col "$WORK/redis-zrevrank.csv" 2)" "$(ours reads.unit p99_ms)" "$(redis_col "$WORK/redis-zrevrank.csv" 7)"
pair "top 20 vs ZREVRANGE 0 19 WITHSCORES" "$(ours reads.top20 rate)" "$(redis_col "$WORK/redis-zrevrange.csv" 2)" "$(ours reads.top20 p99_ms)" "$(redis_col "$WORK/redis-zrevrange.csv" 7)"
pair "GetUnitRank (h2load) vs ZREVRANK" "$(h2load_rate "$WORK/h2load-ours.txt")" "$(redis_col "$WORK/redis-zrevrank.csv" 2)" "-" "$(redis_col "$WORK/redis-zrevrank.csv" 7)"
pair "top 20 (h2load) vs ZREVRANGE 0 19 WITHSCORES" "$(h2load_rate "$WORK/h2load-top20.txt")" "$(redis_col "$WORK/redis-zrevrange.csv" 2)" "-" "$(redis_col "$WORK/redis-zrevrange.csv" 7)"
echo "h2load succeeded requests: raw $(h2load_ok "$WORK/h2load-raw.txt") of $N, ours $(h2load_ok "$WORK/h2load-ours.txt") of $N, top 20 $(h2load_ok "$WORK/h2load-top20.txt") of $N"
