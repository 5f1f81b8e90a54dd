#!/usr/bin/env bash
# The collector's ceiling in batches against Redis's own pipelined XADD of entries of the same size, in one run on
# this machine: a private redis-server on a free loopback port (no persistence), the `collector` role in the seed's
# 512 MiB pod size, wrk (closed loop, one thread, 16 connections) after a warm-up, then redis-benchmark -P 16.
# Bounded: about WARMUP + SECONDS + 15 s. Needs redis-server, redis-benchmark, wrk, bc and the built jar.
# usage: bench/wrk/collector-vs-xadd.sh [JAR] [WARMUP] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${1:-bootstrap/target/analytics.jar}; WARMUP=${2:-40}; SECONDS_MEASURED=${3:-10}
source bench/wrk/common.sh
start_collector "$JAR" $((WARMUP + SECONDS_MEASURED + 5))
URL=http://127.0.0.1:$HTTP_PORT/v1/batch
wrk -t1 -c16 -d"${WARMUP}s" -s bench/wrk/batch.lua "$URL" > /dev/null
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
hwm=$(vm_hwm "$COLLECTOR_PID")
kill $COLLECTOR_PID; wait $COLLECTOR_PID 2>/dev/null || true
payload=$(head -c "$entry_bytes" /dev/zero | tr '\0' x)
xadd=$(redis-benchmark -p "$REDIS_PORT" -c 16 -P 16 -n 2000000 XADD bench_xadd '*' payload "$payload" 2>/dev/null \
  | tr '\r' '\n' | awk '/throughput summary/ {print $3}')
echo "collector: $requests batches/s of $events_per_request = $(echo "$requests * $events_per_request" | bc) events/s, p99 $p99, non-2xx $refused, VmHWM $hwm"
echo "CPU per batch: collector $(echo "($after - $before) * 1000000 / $TICKS / ($requests * $SECONDS_MEASURED)" | bc) us, redis $(echo "($redis_after - $redis_before) * 1000000 / $TICKS / ($requests * $SECONDS_MEASURED)" | bc) us"
echo "pipelined XADD of $entry_bytes B: $xadd entries/s; ratio $(echo "scale=2; $requests * $events_per_request / $xadd" | bc)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
