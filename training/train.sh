#!/usr/bin/env bash
# Train helder's Dutch pipeline from the UD data and package it into src/helder/models/nl_helder.
# Runs outside CI: about 45 minutes on one core (the shipped model 0.3.0: 6,000 steps, best dev score kept;
# training/results/architecture.json compares the settings tried).
# Usage: bash training/train.sh             reads ../shared/data/ud-dutch
#        PRETRAIN=1 bash training/train.sh  first pretrains the token-to-vector layer on raw Dutch
#                                           (../shared/corpora; +40 minutes). Measured: no gain on the
#                                           held-out test, see training/results/pretraining.json.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
mkdir -p training/logs
# 1. corpora: UD train/dev/test split (test held out), with the u/uw augmentation
$PY training/prepare.py
init=()
if [ "${PRETRAIN:-0}" = 1 ]; then
  # 2. optional: pretrain tok2vec on raw text (characters objective), 5 epochs
  $PY training/prepare_raw.py
  nice -n 10 $PY -m spacy pretrain training/config.cfg training/pretrain --pretraining.max_epochs 5 \
    2>&1 | tee training/logs/pretrain.log
  init=(--paths.init_tok2vec training/pretrain/model4.bin)
fi
# 3. train tagger, morphologizer, lemmatizer and parser
nice -n 10 $PY -m spacy train training/config.cfg --output training/output "${init[@]}" \
  --training.max_steps 6000 2>&1 | tee training/logs/train.log
# 4. measure on the held-out test set, then package (tokenizer exceptions, helder components, meta)
$PY training/evaluate.py training/output/model-best
$PY training/package.py training/output/model-best
$PY training/evaluate.py
