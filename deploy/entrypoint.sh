#!/usr/bin/env bash
# The image's ENTRYPOINT: runs the jar with the role's arguments and a heap that fits the role.
# `all` keeps its store (DuckDB) in the same process but outside the Java heap (DUCKDB_MEMORY_LIMIT, 1GB by
# default), so a heap sized as a share of the container's memory would over-commit it: it gets a fixed
# 512 MiB heap, measured to keep the process under 1 GB at full load (docs/PERFORMANCE.md). The other roles
# keep their memory in the heap and take 70 % of the container's limit (the collector runs in 512 MiB).
# JAVA_OPTS, when set, replaces that choice (e.g. JAVA_OPTS="-Xmx1g" with a larger DUCKDB_MEMORY_LIMIT).
set -euo pipefail
jar="${ANALYTICS_JAR:-/opt/analytics/analytics.jar}"
if [[ -n "${JAVA_OPTS:-}" ]]; then
  read -r -a heap <<< "$JAVA_OPTS"
elif [[ "${1:-all}" == all ]]; then
  heap=(-Xmx512m)
else
  heap=(-XX:MaxRAMPercentage=70)
fi
# exec: java becomes PID 1, receives the container's SIGTERM, and healthcheck.sh finds the role in its arguments
exec java "${heap[@]}" -XX:+ExitOnOutOfMemoryError -jar "$jar" "$@"
