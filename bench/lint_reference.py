"""The feature values of an easy sentence, used by LB003 to say what makes a hard sentence hard.

Prints the mean of each LiNT-II feature over the sentences of 8 words or more that get LiNT-II level
1 or 2, in the project's clean B1 corpus (``corpora/schoon/``), with the default pipeline. These are
the numbers in ``helder.checks.metric.LINT_REFERENCE``; rerun this after retraining the pipeline.

Usage: ``python bench/lint_reference.py``
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FEATURES = ("word_freq", "max_sdl", "content_words_per_clause", "proportion_concrete")


def main() -> int:
    import helder
    from helder.analysis import Options

    rows = []
    for path in sorted((ROOT / "corpora" / "schoon").iterdir()):
        if path.suffix not in (".md", ".txt"):
            continue
        report = helder.analyze_file(path, options=Options())
        for s in report.sentences:
            if s.words >= 8 and s.lint_level in (1, 2) and all(s.features.get(k) is not None for k in FEATURES):
                rows.append(s.features)
    if not rows:
        print("no easy sentences found (is the pipeline installed?)", file=sys.stderr)
        return 1
    means = {k: round(statistics.mean(r[k] for r in rows), 2) for k in FEATURES}
    print(f"{len(rows)} sentences (LiNT-II level 1-2, 8+ words) in corpora/schoon:")
    print(means)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
