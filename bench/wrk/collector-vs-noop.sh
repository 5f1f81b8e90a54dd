#!/usr/bin/env bash
# The collector's ceiling for single events (/v1/track) against the no-op Javalin + Jackson handler on the same body,
# in one run on this machine, for both queues: the `collector` role → a private redis-server (no persistence), and
# `all` on a fresh DATA_DIR with its queue on disk (QUEUE_DURABILITY=fsync, the default). Each JVM gets the seed's
# 512 MiB pod size (-XX:MaxRAM=512m); wrk (closed loop, one thread, 16 connections) runs WARMUP s unrecorded (default 40:
# the collector needs about that long under load to reach its steady rate), then
# SECONDS measured, against each in turn. Bounded: about 3 × (WARMUP + SECONDS) + 30 s. Needs redis-server, wrk, bc,
# curl, python3 and the built jar.
# usage: bench/wrk/collector-vs-noop.sh [JAR] [WARMUP] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${1:-bootstrap/target/analytics.jar}; WARMUP=${2:-40}; SECONDS_MEASURED=${3:-10}
source bench/wrk/common.sh
export BODY=bench/wrk/track-1.json

# measure NAME PID PORT: wrk against http://127.0.0.1:PORT/v1/track; prints "NAME requests/s p99 non-2xx cpu-us-per-request"
measure() {
    local url=http://127.0.0.1:$3/v1/track
    wrk -t1 -c16 -d"${WARMUP}s" -s bench/wrk/batch.lua "$url" > /dev/null
    local before; before=$(cpu "$2")
    wrk -t1 -c16 -d"${SECONDS_MEASURED}s" --latency -s bench/wrk/batch.lua "$url" > "$WORK/$1.wrk"
    local after; after=$(cpu "$2")
    local rps; rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$1.wrk")
    local refused; refused=$(awk '/Non-2xx/ {print $5}' "$WORK/$1.wrk")
    local hwm; hwm=$(vm_hwm "$2")
    echo "$1 $rps $(awk '$1 == "99%" {print $2}' "$WORK/$1.wrk") ${refused:-0} \
$(echo "($after - $before) * 1000000 / $TICKS / ($rps * $SECONDS_MEASURED)" | bc) $hwm" >> "$WORK/results"
}

NOOP_PORT=$(free_port)
java "${JVM[@]}" -jar "$JAR" bench --serve-baseline="$NOOP_PORT" --duration=$((WARMUP + SECONDS_MEASURED + 30)) > "$WORK/noop.log" 2>&1 &
PIDS+=($!); NOOP_PID=$!
wait_http "$NOOP_PORT"
measure no-op "$NOOP_PID" "$NOOP_PORT"
kill "$NOOP_PID"

start_collector "$JAR" $((WARMUP + SECONDS_MEASURED + 5))
measure collector-redis "$COLLECTOR_PID" "$HTTP_PORT"
kill "$COLLECTOR_PID" "$TRIM_PID"

HTTP_PORT=$(free_port)
DATA_DIR=$WORK/data ALLOWED_WRITE_KEYS=bench:$WRITE_KEY RATE_LIMIT_MAX_REQUESTS=0 COLLECTOR_PORT=$HTTP_PORT \
  DASHBOARD_PORT=$(free_port) java "${JVM[@]}" -jar "$JAR" all > "$WORK/all.log" 2>&1 &
PIDS+=($!); ALL_PID=$!
wait_http "$HTTP_PORT"
measure all-fsync "$ALL_PID" "$HTTP_PORT"
kill "$ALL_PID"

noop=$(awk '$1 == "no-op" {print $2}' "$WORK/results")
printf '%-16s %10s %9s %8s %14s %8s %s\n' target requests/s p99 non-2xx "CPU/request" VmHWM "ratio to no-op"
while read -r name rps p99 refused cpu_us hwm unit; do
    printf '%-16s %10s %9s %8s %11s us %5s %s %.2f\n' "$name" "$rps" "$p99" "$refused" "$cpu_us" "$hwm" "$unit" \
        "$(echo "scale=4; $rps / $noop" | bc)"
done < "$WORK/results"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
