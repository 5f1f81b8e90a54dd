# Shared by the bench/wrk scripts (sourced, from the repository's root): free loopback ports, the processes each
# run starts (killed on exit with its work directory), and the collector role in the seed's 512 MiB pod size.
export WRITE_KEY=bench-write-key-1
JVM=(-XX:MaxRAM=512m -XX:MaxRAMPercentage=70)
WORK=$(mktemp -d)
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null; rm -rf "$WORK"' EXIT
TICKS=$(getconf CLK_TCK)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# CPU time of process $1 so far, in clock ticks (user + system)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
wait_http() { until curl -s -o /dev/null "http://127.0.0.1:$1/"; do sleep 0.5; done; }
# the highest resident size of process $1
vm_hwm() { awk '/VmHWM/ {printf "%d MB", $2 / 1024}' "/proc/$1/status"; }

# start_collector JAR TRIM_SECONDS: a private redis-server without persistence, the collector role in front of it,
# and, since no processor reads the stream, a loop emptying it every second for TRIM_SECONDS so that its length bound
# never answers 503. Sets REDIS_PORT, REDIS_PID, HTTP_PORT, COLLECTOR_PID and TRIM_PID.
start_collector() {
    REDIS_PORT=$(free_port); HTTP_PORT=$(free_port)
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" > "$WORK/redis.log" 2>&1 &
    REDIS_PID=$!; PIDS+=("$REDIS_PID")
    until redis-cli -p "$REDIS_PORT" ping > /dev/null 2>&1; do sleep 0.2; done
    REDIS_URL=redis://127.0.0.1:$REDIS_PORT ALLOWED_WRITE_KEYS=bench:$WRITE_KEY RATE_LIMIT_MAX_REQUESTS=0 PORT=$HTTP_PORT \
      METRICS_PORT=0 java "${JVM[@]}" -jar "$1" collector > "$WORK/collector.log" 2>&1 &
    COLLECTOR_PID=$!; PIDS+=("$COLLECTOR_PID")
    wait_http "$HTTP_PORT"
    ( end=$((SECONDS + $2)); while [ $SECONDS -lt $end ]; do
        redis-cli -p "$REDIS_PORT" XTRIM analytics_events MAXLEN 0 > /dev/null; sleep 1; done ) &
    TRIM_PID=$!; PIDS+=("$TRIM_PID")
}
