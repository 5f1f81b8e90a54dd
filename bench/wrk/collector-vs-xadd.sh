#!/usr/bin/env bash
# The collector's ceiling in batches against Redis's own pipelined XADD of entries of the same size, in one run on
# this machine: a private redis-server on a free loopback port (no persistence), the `collector` role in the seed's
# 512 MiB pod size, wrk (closed loop, one thread, 16 connections) after a warm-up, then redis-benchmark -P 16.
# Bounded: about WARMUP + SECONDS + 15 s. Needs redis-server, redis-benchmark, wrk, bc and the built jar.
# usage: bench/wrk/collector-vs-xadd.sh [JAR] [WARMUP] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${1:-bootstrap/target/analytics.jar}; WARMUP=${2:-40}; SECONDS_MEASURED=${3:-10}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port); HTTP_PORT=$(free_port); METRICS_PORT=$(free_port)
export WRITE_KEY=bench-write-key-1
WORK=$(mktemp -d)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" > "$WORK/redis.log" 2>&1 &
REDIS_PID=$!
COLLECTOR_PID=; TRIM_PID=
trap 'kill $COLLECTOR_PID $REDIS_PID $TRIM_PID 2>/dev/null; rm -rf "$WORK"' EXIT
until redis-cli -p "$REDIS_PORT" ping > /dev/null 2>&1; do sleep 0.2; done
REDIS_URL=redis://127.0.0.1:$REDIS_PORT ALLOWED_WRITE_KEYS=bench:$WRITE_KEY RATE_LIMIT_MAX_REQUESTS=0 PORT=$HTTP_PORT \
  METRICS_PORT=$METRICS_PORT java -XX:MaxRAM=512m -XX:MaxRAMPercentage=70 -jar "$JAR" collector > "$WORK/collector.log" 2>&1 &
COLLECTOR_PID=$!
until curl -s -o /dev/null "http://127.0.0.1:$HTTP_PORT/"; do sleep 0.5; done
# No processor reads the stream here: empty it every second so that its length bound never answers 503.
( end=$((SECONDS + WARMUP + SECONDS_MEASURED + 5)); while [ $SECONDS -lt $end ]; do
    redis-cli -p "$REDIS_PORT" XTRIM analytics_events MAXLEN 0 > /dev/null; sleep 1; done ) &
TRIM_PID=$!
URL=http://127.0.0.1:$HTTP_PORT/v1/batch
wrk -t1 -c16 -d"${WARMUP}s" -s bench/wrk/batch.lua "$URL" > /dev/null
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
before=$(cpu $COLLECTOR_PID); redis_before=$(cpu $REDIS_PID)
wrk -t1 -c16 -d"${SECONDS_MEASURED}s" --latency -s bench/wrk/batch.lua "$URL" > "$WORK/wrk.out"
after=$(cpu $COLLECTOR_PID); redis_after=$(cpu $REDIS_PID)
requests=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out")
p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.out")
refused=$(awk '/Non-2xx/ {print $5}' "$WORK/wrk.out"); refused=${refused:-0}
events_per_request=$(grep -o '"messageId"' bench/wrk/batch-20.json | wc -l)
kill $TRIM_PID; wait $TRIM_PID 2>/dev/null || true
# one more short run, to measure the entries wrk writes (its message ids are longer than the file's)
wrk -t1 -c1 -d1s -s bench/wrk/batch.lua "$URL" > /dev/null
entry_bytes=$(redis-cli -p "$REDIS_PORT" XREVRANGE analytics_events + - COUNT 1 | tail -1 | tr -d '\n' | wc -c)
hwm=$(awk '/VmHWM/ {printf "%d MB", $2 / 1024}' "/proc/$COLLECTOR_PID/status")
kill $COLLECTOR_PID; wait $COLLECTOR_PID 2>/dev/null || true
payload=$(head -c "$entry_bytes" /dev/zero | tr '\0' x)
xadd=$(redis-benchmark -p "$REDIS_PORT" -c 16 -P 16 -n 2000000 XADD bench_xadd '*' payload "$payload" 2>/dev/null \
  | tr '\r' '\n' | awk '/throughput summary/ {print $3}')
ticks=$(getconf CLK_TCK)
echo "collector: $requests batches/s of $events_per_request = $(echo "$requests * $events_per_request" | bc) events/s, p99 $p99, non-2xx $refused, VmHWM $hwm"
echo "CPU per batch: collector $(echo "($after - $before) * 1000000 / $ticks / ($requests * $SECONDS_MEASURED)" | bc) us, redis $(echo "($redis_after - $redis_before) * 1000000 / $ticks / ($requests * $SECONDS_MEASURED)" | bc) us"
echo "pipelined XADD of $entry_bytes B: $xadd entries/s; ratio $(echo "scale=2; $requests * $events_per_request / $xadd" | bc)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
