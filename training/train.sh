#!/usr/bin/env bash
# Train helder's Dutch pipeline from the UD data and package it into src/helder/models/.
# Runs outside CI (about an hour on 2 cores). Usage: bash training/train.sh [UD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
mkdir -p training/logs
$PY training/prepare.py ${1:+--ud "$1"}
nice -n 10 $PY -m spacy train training/config.cfg --output training/output 2>&1 | tee training/logs/train.log
$PY training/package.py training/output/model-best
