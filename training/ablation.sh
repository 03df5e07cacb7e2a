#!/usr/bin/env bash
# The effect of the formal-address (u/uw) augmentation: train the same pipeline on the same UD data
# without the u/uw copies (1,600 steps, no pretraining) and compare how it tags u/uw in the municipal
# sentences with the shipped pipeline. Writes training/results/ablation.json. ~15 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
tmp=${TMPDIR:-/tmp}/helder-ablation
$PY training/prepare.py --formal-share 0 --out "$tmp/corpus"
nice -n 10 $PY -m spacy train training/config.cfg --output "$tmp/out" --paths.train "$tmp/corpus/train.spacy" \
  --paths.dev "$tmp/corpus/dev.spacy" --training.max_steps 1600 > "$tmp/train.log" 2>&1
$PY - "$tmp/out/model-best" <<'PY'
import json, sys
from pathlib import Path
import spacy
import helder.nlp.components  # noqa: F401
sys.path.insert(0, "training")
from evaluate import municipal
out = {}
for name, path in [("without_uw_augmentation_1600_steps", sys.argv[1]), ("shipped", "src/helder/models/nl_helder")]:
    nlp = spacy.load(path, exclude=["helder_voice", "helder_blocks"])
    r = municipal(nlp, Path("corpora/gemeentezinnen/zinnen.tsv"))
    out[name] = {"u_uw_pron_share": r["u_uw_pron_share"], "passive_aux_parser_only": r["passive_aux"]}
Path("training/results/ablation.json").write_text(json.dumps(out, indent=2) + "\n")
print(json.dumps(out))
PY
