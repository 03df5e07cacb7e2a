"""Fit helder's CEFR estimate and measure it by grouped cross-validation.

Writes ``src/helder/data/cefr_model.json`` (coefficients with provenance) and ``training/results/cefr.json``
(cross-validated figures). Needs ``../shared/corpora`` (or ``--corpora``) and numpy; nothing
else (the fit is a small ordinal logistic regression written out here, no scikit-learn).

Labelled data: three groups of texts ordered by difficulty. The labels say where a text comes from,
not a CEFR level a reader assigned:

- 0 "B1 or easier": the Leesplank B1 rewrites of Wikipedia paragraphs (machine-made, CC BY-SA 4.0, UWV
  Leesplank), the Amsterdam rewrites (sentences of one document joined; EUPL-1.2, City of Amsterdam),
  helder's clean corpus ``corpora/schoon`` (written for B1 by the project);
- 1 "above B1" (called B2): the Wikipedia originals and the Amsterdam originals;
- 2 "well above B1" (called C1): ministerial circulars (first ``CIRCULAR_WORDS`` words; not protected by
  copyright, wetten.overheid.nl).

Texts under 30 words are left out (helder gives no verdict there). Folds are grouped: a text and its
rewrite (same Leesplank id, same Amsterdam document) are always in the same fold.

Usage: ``python training/fit_cefr.py [--corpora DIR] [--cache FILE]`` (the cache keeps the parsed figures, so a second
run only refits).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import zlib
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from helder.metrics import cefr  # noqa: E402

CIRCULAR_WORDS = 800
FOLDS = 5
L2 = 1.0  # ridge penalty on the coefficients (standardised figures)
#: The direction in which each figure makes a text harder (reading research, and LiNT-II's own signs):
#: rarer words, longer dependencies, more content words per clause, fewer concrete nouns, longer
#: sentences and longer words. A coefficient is kept on its side of zero (or at zero): without this the
#: correlated figures trade off (sentence length got a negative weight next to dependency length), and
#: a writer could "improve" the estimate by writing longer sentences.
SIGNS = {"lint_word_freq": -1, "lint_max_sdl": 1, "lint_content_words_per_clause": 1,
         "lint_proportion_concrete": -1, "mean_sentence_length": 1, "mean_syllables_per_word": 1,
         "long_words_share": 1}
GROUP_NAMES = ("B1 of makkelijker", "B2 (origineel)", "C1 (circulaire)")


CORPORA = ROOT.parent / "shared" / "corpora"  # --corpora overrides it


def shared() -> Path:
    if not CORPORA.is_dir():
        sys.exit(f"fit_cefr.py: the development corpora are not here ({CORPORA}); pass --corpora")
    return CORPORA


def samples() -> list[dict]:
    corpora = shared()
    out: list[dict] = []
    with open(corpora / "leesplank-wikipedia-b1" / "pairs.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            g = f"leesplank-{row['id']}"
            out.append({"text": row["simplified_reference"], "label": 0, "group": g, "source": "leesplank_b1"})
            out.append({"text": row["original"], "label": 1, "group": g, "source": "leesplank_original"})
    docs: dict[str, tuple[list[str], list[str]]] = {}
    with open(corpora / "amsterdam-simplification" / "pairs.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            c, s = docs.setdefault(row["Document ID"], ([], []))
            c.append(row["Complex"].strip())
            s.append(row["Simple"].strip())
    for doc_id, (complex_, simple) in sorted(docs.items()):
        g = f"amsterdam-{doc_id}"
        out.append({"text": "\n\n".join(x for x in simple if x), "label": 0, "group": g, "source": "amsterdam_simple"})
        out.append({"text": "\n\n".join(x for x in complex_ if x), "label": 1, "group": g,
                    "source": "amsterdam_complex"})
    for path in sorted((corpora / "circulaires" / "texts").glob("*.txt")):
        words = path.read_text(encoding="utf-8").split(" ")
        out.append({"text": " ".join(words[:CIRCULAR_WORDS]), "label": 2, "group": f"circ-{path.stem}",
                    "source": "circulaires"})
    from helder.documents import load_path

    for path in sorted((ROOT / "corpora" / "schoon").iterdir()):
        if path.suffix in (".md", ".txt"):
            out.append({"text": load_path(path).text, "label": 0, "group": f"schoon-{path.stem}", "source": "schoon"})
    return out


def figures(items: list[dict]) -> list[dict | None]:
    from helder import metrics
    from helder.nlp import get_pipeline
    from helder.nlp.batching import pipe_texts

    nlp, info = get_pipeline(None)
    out = []
    for n, doc in enumerate(pipe_texts(nlp, (it["text"] for it in items), 32), 1):
        m = metrics.compute(doc, parsed=info.parsed).metrics
        vals = {name: m[name].value for name in ("words",) + cefr.FEATURES}
        out.append(vals if (vals["words"] or 0) >= cefr.MIN_WORDS and None not in vals.values() else None)
        if n % 500 == 0:
            print(f"  {n}/{len(items)} parsed", file=sys.stderr)
    return out


# -- ordinal logistic regression (proportional odds) --------------------------------------------------

def _sig(x):
    return 1 / (1 + np.exp(-x))


def fit(X: np.ndarray, y: np.ndarray, w: np.ndarray, iters: int = 4000, lr: float = 0.5):
    """Weighted proportional-odds regression with 3 classes: P(y<=k) = sig(c_k - X.b). Returns (b, c)."""
    n, d = X.shape
    b = np.zeros(d)
    c1, delta = 0.0, 0.0  # c2 = c1 + exp(delta) keeps the cuts ordered
    W = w / w.sum()
    signs = np.array([SIGNS[f] for f in cefr.FEATURES])
    for _ in range(iters):
        eta = X @ b
        c = np.array([-np.inf, c1, c1 + np.exp(delta), np.inf])
        hi, lo = c[y + 1] - eta, c[y] - eta
        Fhi, Flo = _sig(hi), _sig(lo)
        fhi, flo = Fhi * (1 - Fhi), Flo * (1 - Flo)
        p = np.clip(Fhi - Flo, 1e-12, None)
        g_eta = (fhi - flo) / p  # d(-log p)/d eta
        gb = X.T @ (W * g_eta) + L2 * b / n
        g_hi, g_lo = -fhi / p, flo / p  # d(-log p)/d c_y and d c_{y-1}
        gc1 = np.sum(W * (np.where(y == 0, g_hi, 0) + np.where(y == 1, g_lo, 0)))
        gc2 = np.sum(W * (np.where(y == 1, g_hi, 0) + np.where(y == 2, g_lo, 0)))
        b -= lr * gb
        b = np.where(b * signs < 0, 0.0, b)  # projected gradient: keep each sign
        c1 -= lr * (gc1 + gc2)
        delta -= lr * gc2 * np.exp(delta)
    return b, (c1, c1 + float(np.exp(delta)))


def standardise(X: np.ndarray):
    mean, scale = X.mean(axis=0), X.std(axis=0)
    return mean, np.where(scale > 0, scale, 1.0)


def class_weights(y: np.ndarray, sources: list[str]) -> np.ndarray:
    """Each group weighs the same, and within a group each source weighs the same: the 20 municipal texts
    of the clean corpus and the 29 Amsterdam documents are not drowned by 851 Wikipedia rewrites."""
    w = np.zeros(len(y))
    for k in range(3):
        in_k = [s for s, yy in zip(sources, y) if yy == k]
        names = sorted(set(in_k))
        for name in names:
            idx = np.array([s == name and yy == k for s, yy in zip(sources, y)])
            w[idx] = len(y) / (3 * len(names) * idx.sum())
    return w


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    def ranks(x):
        order = np.argsort(x, kind="mergesort")
        r = np.empty(len(x))
        r[order] = np.arange(len(x))
        for v in np.unique(x):  # ties get their mean rank
            idx = x == v
            r[idx] = r[idx].mean()
        return r
    return float(np.corrcoef(ranks(a), ranks(b))[0, 1])


def model_dict(b, cuts, mean, scale, n: int, counts: dict) -> dict:
    return {
        "features": list(cefr.FEATURES), "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale], "coef": [round(float(v), 6) for v in b],
        "cuts": {"B1|B2": round(cuts[0], 6), "B2|C1": round(cuts[1], 6)},
        "provenance": {
            "script": "training/fit_cefr.py",
            "model": "proportional-odds logistic regression, 3 ordered groups, each group and each source within a group "
                     "weighted equally, "
                     "coefficient signs fixed to the direction that makes a text harder, "
                     f"ridge {L2}; outer cuts (A1|A2, A2|B1, C1|C2) extrapolated at the distance B2|C1 - B1|B2",
            "texts": n, "texts_per_source": counts,
            "data": ["Leesplank wikipedia B1 (UWV Leesplank, CC BY-SA 4.0): machine-made B1 rewrites vs originals",
                     "City of Amsterdam simplification pairs (EUPL-1.2), joined per document",
                     "circulars from wetten.overheid.nl (Auteurswet art. 11), first "
                     f"{CIRCULAR_WORDS} words", "helder corpora/schoon (EUPL-1.2)"],
            "pipeline": "helder's shipped pipeline (nl_helder)",
        },
    }


def predict(X, b, cuts):
    s = X @ b
    return s, (s > cuts[0]).astype(int) + (s > cuts[1]).astype(int)


def crossvalidate(X, y, groups, sources) -> dict:
    fold = np.array([zlib.crc32(g.encode()) % FOLDS for g in groups])
    score = np.zeros(len(y))
    pred = np.zeros(len(y), dtype=int)
    prob = np.zeros(len(y))
    for k in range(FOLDS):
        tr, te = fold != k, fold == k
        mean, scale = standardise(X[tr])
        b, cuts = fit((X[tr] - mean) / scale, y[tr], class_weights(y[tr], [s for s, t in zip(sources, tr) if t]))
        score[te], pred[te] = predict((X[te] - mean) / scale, b, cuts)
        prob[te] = _sig(cuts[0] - score[te])
    easy, said_easy = y == 0, prob >= 0.5
    bal = 0.5 * (np.mean(said_easy[easy]) + np.mean(~said_easy[~easy]))
    confusion = [[int(np.sum((y == t) & (pred == p))) for p in range(3)] for t in range(3)]
    per_source = {}
    for src in sorted(set(sources)):
        idx = np.array([s == src for s in sources])
        per_source[src] = {"texts": int(idx.sum()), "said_b1_or_easier": round(float(np.mean(said_easy[idx])), 3),
                           "mean_b1_probability": round(float(np.mean(prob[idx])), 3)}
    pairs = {}
    for src_easy, src_hard in (("leesplank_b1", "leesplank_original"), ("amsterdam_simple", "amsterdam_complex")):
        by_group: dict[str, dict] = {}
        for g, s, sc in zip(groups, sources, score):
            if s in (src_easy, src_hard):
                by_group.setdefault(g, {})[s] = sc
        both = [v for v in by_group.values() if len(v) == 2]
        pairs[src_hard] = {"pairs": len(both),
                           "original_scored_harder": round(float(np.mean([v[src_hard] > v[src_easy] for v in both])), 3)}
    brier = float(np.mean((prob - easy) ** 2))
    return {
        "folds": FOLDS, "grouping": "Leesplank id / Amsterdam document / one circular or clean text",
        "balanced_accuracy_b1_or_easier": round(float(bal), 3),
        "recall_b1_or_easier": round(float(np.mean(said_easy[easy])), 3),
        "recall_above_b1": round(float(np.mean(~said_easy[~easy])), 3),
        "spearman_score_vs_group": round(spearman(score, y.astype(float)), 3),
        "brier_b1_probability": round(brier, 3),
        "confusion": {"rows_true_columns_predicted": list(GROUP_NAMES), "matrix": confusion},
        "per_source": per_source, "pairs": pairs,
    }


def demo_check(model: dict) -> dict:
    """The four LiNT-II demo texts that their authors labelled A2, B1, B2 and C2 (EUPL-1.2, vanboefer/lint_ii):
    never used for fitting. The texts are rebuilt from the reference output's lower-cased tokens (first
    letter of each sentence capitalised), so names lose their capitals."""
    folder = shared() / "lint-ii-demo" / "cefr"
    if not folder.is_dir():
        return {}
    labels = [p.stem for p in sorted(folder.glob("*.json"))]
    texts = []
    for label in labels:
        data = json.loads((folder / f"{label}.json").read_text(encoding="utf-8"))
        sents = [" ".join(w["text"] for w in s["word_features"]) for s in data["sentences"]]
        texts.append(" ".join(x[:1].upper() + x[1:] for x in sents))
    m = cefr.model_from_dict(model)
    out = {}
    for label, vals in zip(labels, figures([{"text": t} for t in texts])):
        level, p = cefr.estimate(vals, m) if vals else (None, None)
        out[label] = {"estimate": level, "b1_probability": None if p is None else round(p, 3)}
    return out


def main(argv: list[str]) -> int:
    global CORPORA
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, help="JSON file for the parsed figures (read if present)")
    ap.add_argument("--corpora", type=Path, default=CORPORA, help="the development corpora (default ../shared/corpora)")
    args = ap.parse_args(argv)
    CORPORA = args.corpora
    items = samples()
    if args.cache and args.cache.exists():
        vals = json.loads(args.cache.read_text())
    else:
        vals = figures(items)
        if args.cache:
            args.cache.write_text(json.dumps(vals))
    keep = [(it, v) for it, v in zip(items, vals) if v is not None]
    X = np.array([[v[f] for f in cefr.FEATURES] for _, v in keep], dtype=float)
    y = np.array([it["label"] for it, _ in keep])
    groups = [it["group"] for it, _ in keep]
    sources = [it["source"] for it, _ in keep]
    counts = {s: sources.count(s) for s in sorted(set(sources))}
    results = crossvalidate(X, y, groups, sources)
    mean, scale = standardise(X)
    b, cuts = fit((X - mean) / scale, y, class_weights(y, sources))
    results = {"command": "python training/fit_cefr.py", **results}
    model = model_dict(b, cuts, mean, scale, len(y), counts)
    results["texts"] = len(y)
    results["texts_left_out_under_30_words"] = len(items) - len(keep)
    results["texts_per_source"] = counts
    results["lint_demo_texts"] = demo_check(model)
    results["final_model"] = {f: c for f, c in zip(cefr.FEATURES, model["coef"])} | {"cuts": model["cuts"]}
    (ROOT / "src" / "helder" / "data" / "cefr_model.json").write_text(json.dumps(model, indent=1) + "\n")
    (HERE / "results" / "cefr.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps({k: results[k] for k in ("balanced_accuracy_b1_or_easier", "spearman_score_vs_group",
                                              "confusion")}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
