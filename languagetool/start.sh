#!/usr/bin/env bash
# Start the local Dutch LanguageTool server in the background, on a free port on 127.0.0.1.
#
# Waits until the server answers /v2/languages and has run one check (the first check loads the Dutch
# rules and dictionary), then prints the URL. Exits non-zero with a clear message when it does not
# come up in time. Running it again while the server runs just prints the URL.
#
# Files (in languagetool/target/, which git ignores):
#   server.url  the base URL, e.g. http://127.0.0.1:40123 (helder reads this file too)
#   server.pid  the process id (used by stop.sh)
#   server.log  the server's output
# Environment:
#   LT_PORT           use this port instead of a free one
#   LT_START_TIMEOUT  seconds to wait (default 120)
#   LT_JAVA_OPTS      JVM options (default: -Xms128m -Xmx768m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
#   JAVA_HOME         Java 17+ to use (default: java on PATH)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lib="$here/lib"
run="$here/target"
url_file="$run/server.url"
pid_file="$run/server.pid"
log_file="$run/server.log"
timeout="${LT_START_TIMEOUT:-120}"
java_opts="${LT_JAVA_OPTS:--Xms128m -Xmx768m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
tone_tags="informal,formal,clarity,general"   # keep in step with helder.grammar.client.DEFAULT_TONE_TAGS

die() { echo "start.sh: $*" >&2; exit 1; }

http_ok() {  # http_ok URL [max-seconds] [curl data args...]: 0 when the URL answers 200
  local url="$1" max="${2:-2}"; shift 2 || shift $#
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null --noproxy '*' --max-time "$max" "$@" "$url" 2>/dev/null
  elif command -v wget >/dev/null 2>&1; then
    local post=""
    [ $# -gt 0 ] && post="--post-data=language=nl-NL&text=Dit+is+een+test."
    wget -q -O /dev/null --no-proxy -T "$max" ${post:+"$post"} "$url"
  else
    die "curl or wget is needed to see whether the server answers"
  fi
}

log_tail() { [ -f "$log_file" ] && tail -n 15 "$log_file" | sed 's/^/    /' >&2 || true; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Already running?
if [ -f "$pid_file" ] && [ -f "$url_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null \
   && http_ok "$(cat "$url_file")/v2/languages" 2; then
  cat "$url_file"
  exit 0
fi
rm -f "$url_file" "$pid_file"

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
else
  java="$(command -v java || true)"
fi
[ -n "$java" ] || die "Java is not installed (LanguageTool needs Java 17 or newer)."
compgen -G "$lib/languagetool-server-*.jar" >/dev/null && compgen -G "$lib/language-nl-*.jar" >/dev/null \
  || die "no LanguageTool jars in $lib; run $here/fetch.sh first."
mkdir -p "$run"

pick_port() {
  if [ -n "${LT_PORT:-}" ]; then echo "$LT_PORT"; return; fi
  local p i
  for i in $(seq 1 100); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    port_in_use "$p" || { echo "$p"; return; }
  done
  die "found no free port on 127.0.0.1"
}

start=$SECONDS
deadline=$(( SECONDS + timeout ))
pid="" url=""
for attempt in 1 2 3; do
  port="$(pick_port)"
  url="http://127.0.0.1:$port"
  # shellcheck disable=SC2086
  nohup "$java" $java_opts -Djava.net.preferIPv4Stack=true -cp "$lib/*" org.languagetool.server.HTTPServer \
    --port "$port" --config "$here/server.properties" </dev/null >"$log_file" 2>&1 &
  pid=$!
  echo "$pid" > "$pid_file"
  up=""
  while [ $SECONDS -lt $deadline ]; do
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    if http_ok "$url/v2/languages" 2; then up=1; break; fi
    sleep 0.25
  done
  [ -n "$up" ] && break
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    rm -f "$pid_file"
    echo "start.sh: the server did not answer within $timeout s. Last lines of $log_file:" >&2
    log_tail; exit 1
  fi
  rm -f "$pid_file"
  if [ -z "${LT_PORT:-}" ] && grep -q -E "Address already in use|BindException" "$log_file"; then
    continue  # someone took the port between our test and Java's bind: try another
  fi
  echo "start.sh: the server stopped right after starting. Last lines of $log_file:" >&2
  log_tail; exit 1
done
[ -n "$up" ] || { echo "start.sh: could not bind a free port. Last lines of $log_file:" >&2; log_tail; exit 1; }
answered=$(( SECONDS - start ))

# Warm up: the first check loads the Dutch rules and dictionary.
remaining=$(( deadline - SECONDS )); [ $remaining -lt 10 ] && remaining=10
if ! http_ok "$url/v2/check" "$remaining" --data "language=nl-NL&level=picky&toneTags=$tone_tags" \
     --data-urlencode "text=Dit is een korte zin om de server op te warmen."; then
  kill "$pid" 2>/dev/null || true
  rm -f "$pid_file"
  echo "start.sh: the server answered, but its first check failed or took longer than $remaining s." >&2
  log_tail; exit 1
fi

echo "$url" > "$url_file"
echo "LanguageTool running at $url (pid $pid; answered after ${answered} s, ready after $(( SECONDS - start )) s)" >&2
echo "$url"
