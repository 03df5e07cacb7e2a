#!/usr/bin/env bash
# Regenerate the example outputs in this folder: `helder check` (profiles raadsvoorstel and web) and
# `helder score` on "Voor en met Diemen", the municipality of Diemen's ambition document (December 2021,
# publication of a public authority; attribute Gemeente Diemen).
#
# The document is not part of this repository: it is read from the development corpora next to the
# checkout (../shared/corpora/diemen/), or from the path in $DIEMEN. It is copied to a temporary folder
# as ambitiedocument.txt, so the paths in the output are short.
#
# Usage: bash docs/examples/make.sh        (helder from .venv, else from PATH; or set $HELDER)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
src="${DIEMEN:-$root/../shared/corpora/diemen/ambitiedocument-voor-en-met-diemen.txt}"
helder="${HELDER:-$root/.venv/bin/helder}"
[ -x "$helder" ] || helder="$(command -v helder)" || { echo "make.sh: helder not found" >&2; exit 2; }
[ -f "$src" ] || { echo "make.sh: $src not found (set DIEMEN=path/to/the/document)" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "$src" "$tmp/ambitiedocument.txt"
cd "$tmp"

# helder check exits 1 when it finds warnings or errors: expected here. 2 or more is a real failure.
run() {
  local out="$1"; shift
  local rc=0
  "$helder" "$@" > "$here/$out" || rc=$?
  if [ "$rc" -gt 1 ]; then echo "make.sh: helder $* failed (exit $rc)" >&2; exit "$rc"; fi
  echo "wrote docs/examples/$out"
}

run diemen-raadsvoorstel.txt check --profile raadsvoorstel ambitiedocument.txt
run diemen-web.txt check --profile web ambitiedocument.txt
run diemen-score.txt score ambitiedocument.txt
