#!/usr/bin/env bash
# The image's HEALTHCHECK: GET /health on the port of the role this container runs, read from PID 1's
# arguments (java ... -jar analytics.jar ROLE [--port=N], or the main class instead of -jar) and the role's
# port variable. Bash's /dev/tcp, so the image needs no HTTP client. Commands without a server (migrate,
# users, ...) are healthy. HEALTHCHECK_PID checks another process than PID 1 (the tests do).
set -euo pipefail
mapfile -d '' args < "/proc/${HEALTHCHECK_PID:-1}/cmdline"
role="" port=""
for i in "${!args[@]}"; do
  if [[ "${args[$i]}" == *analytics.jar || "${args[$i]}" == app.tax.analytics.bootstrap.Main ]]; then
    role="${args[$((i + 1))]:-}"
  fi
  case "${args[$i]}" in
    --port=*|--collector-port=*) port="${args[$i]#*=}" ;;
    --port|--collector-port) port="${args[$((i + 1))]:-}" ;;
  esac
done
case "$role" in
  collector) port="${port:-${PORT:-3000}}" ;;
  processor) port="${port:-${PORT:-9464}}" ;;
  dashboard) port="${port:-${PORT:-4000}}" ;;
  all)       port="${port:-${COLLECTOR_PORT:-3000}}" ;;
  *)         exit 0 ;;
esac
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 3 status <&3
[[ "$status" == HTTP/1.?\ 200* ]]
