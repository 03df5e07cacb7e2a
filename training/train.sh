#!/usr/bin/env bash
# Train helder's Dutch pipeline from the UD data and package it into src/helder/models/nl_helder.
# Runs outside CI: about 40 minutes of pretraining and 60 of training on 2 cores.
# Usage: bash training/train.sh            (reads ../shared/data/ud-dutch and ../shared/corpora)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
mkdir -p training/logs
# 1. corpora: UD train/dev/test split (test held out) and raw Dutch text for pretraining
$PY training/prepare.py
$PY training/prepare_raw.py
# 2. pretrain the token-to-vector layer on raw text (characters objective), 5 epochs
nice -n 10 $PY -m spacy pretrain training/config.cfg training/pretrain --pretraining.max_epochs 5 \
  2>&1 | tee training/logs/pretrain.log
# 3. train tagger, morphologizer, lemmatizer and parser from the pretrained weights
nice -n 10 $PY -m spacy train training/config.cfg --output training/output-pt \
  --paths.init_tok2vec training/pretrain/model4.bin --training.max_steps 9000 2>&1 | tee training/logs/train.log
# 4. measure on the held-out test set, then package (adds tokenizer exceptions, helder components, meta)
$PY training/evaluate.py training/output-pt/model-best
$PY training/package.py training/output-pt/model-best
$PY training/evaluate.py
