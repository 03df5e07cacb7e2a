#!/usr/bin/env bash
# Stop the LanguageTool server started by start.sh (idempotent).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
run="$here/target"
pid_file="$run/server.pid"
url_file="$run/server.url"

if [ ! -f "$pid_file" ]; then
  rm -f "$url_file"
  echo "stop.sh: no LanguageTool server was started by start.sh." >&2
  exit 0
fi
pid="$(cat "$pid_file")"
# Only stop the process when it still is our LanguageTool server (the PID may have been reused).
if kill -0 "$pid" 2>/dev/null && ps -p "$pid" -o args= 2>/dev/null | grep -q "org.languagetool.server.HTTPServer"; then
  kill "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null || true
  fi
  echo "stop.sh: stopped LanguageTool (pid $pid)." >&2
else
  echo "stop.sh: the server (pid $pid) was not running any more." >&2
fi
rm -f "$pid_file" "$url_file"
