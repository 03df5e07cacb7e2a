"""Quality budgets of the plain-language rules, on real text.

* The clean B1 corpus (``corpora/schoon/``, texts the project wrote to be good B1) is the false-positive
  budget of the rule author: at most 3 findings per 1,000 words in total, and at most 0.5 per 1,000 words
  at warning level or above. Each file is checked with the profile it gets by default (``web`` for
  Markdown, ``brief`` for plain text). A failure lists every offending finding with its sentence.
* Ministerial circulars (``../shared/corpora/circulaires``, skipped when absent) are long, formal and
  full of officialese: the rules must have plenty to say about them.

These are development figures (the rule authors tuned on both sets); ``bench/eval_quality.py`` measures
more, on more sets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helder.analysis import Options, analyze_documents
from helder.documents import from_string, load_path

ROOT = Path(__file__).resolve().parents[1]
SCHOON = ROOT / "corpora" / "schoon"

BUDGET_TOTAL = 3.0  # findings per 1,000 words
BUDGET_WARNING = 0.5  # findings at warning level or above per 1,000 words

#: Three short circulars (ids from the shared corpus' index.csv); each must give many findings.
CIRCULARS = ("BWBR0011541", "BWBR0015549", "BWBR0008407")
CIRCULAR_MIN_PER_1000 = 20.0


def _sentence(report, finding) -> str:
    for s in report.sentences:
        if s.span.start <= finding.span.start < max(s.span.end, s.span.start + 1):
            return " ".join(s.text.split())
    return ""


def _describe(items) -> str:
    return "\n".join(
        f"  {path.name}:{f.span.line} [{report.profile}] {f.code} {f.name} ({f.severity.label}) "
        f"{f.match!r} in: {_sentence(report, f)}"
        for path, report, f in items
    )


@pytest.fixture(scope="module")
def clean_reports(pipeline, model_option):
    paths = sorted(p for p in SCHOON.iterdir() if p.suffix in {".md", ".txt"})
    assert paths, f"no texts in {SCHOON}"
    options = Options(model=model_option, checks=True, extra={"strict": True})
    reports = list(analyze_documents([load_path(p) for p in paths], options))
    return list(zip(paths, reports))


def test_clean_corpus_uses_default_profiles(clean_reports):
    for path, report in clean_reports:
        assert report.profile == {".md": "web", ".txt": "brief"}[path.suffix], path.name


def test_clean_corpus_false_positive_budget(clean_reports):
    words = sum(int(r.metric("words") or 0) for _, r in clean_reports)
    assert words > 1000
    found = [(p, r, f) for p, r in clean_reports for f in r.findings]
    serious = [(p, r, f) for p, r, f in found if f.severity.label in ("warning", "error")]
    total_rate = 1000 * len(found) / words
    serious_rate = 1000 * len(serious) / words
    problems = []
    if total_rate > BUDGET_TOTAL:
        problems.append(f"{len(found)} findings in {words} words = {total_rate:.2f} per 1,000 words "
                        f"(budget {BUDGET_TOTAL}):\n{_describe(found)}")
    if serious_rate > BUDGET_WARNING:
        problems.append(f"{len(serious)} findings at warning level or above in {words} words = "
                        f"{serious_rate:.2f} per 1,000 words (budget {BUDGET_WARNING}):\n{_describe(serious)}")
    assert not problems, "false positives on the clean corpus over budget\n" + "\n".join(problems)


def test_circulars_get_many_findings(pipeline, model_option, shared_corpora):
    texts = shared_corpora / "circulaires" / "texts"
    paths = [texts / f"{cid}.txt" for cid in CIRCULARS]
    missing = [p.name for p in paths if not p.is_file()]
    if missing:
        pytest.skip(f"circulars not in the shared corpus: {', '.join(missing)}")
    docs = [from_string(p.read_text(encoding="utf-8"), format="text", path=p.name) for p in paths]
    options = Options(model=model_option, checks=True, profile="brief", extra={"strict": True})
    low = []
    for path, report in zip(paths, analyze_documents(docs, options)):
        words = int(report.metric("words") or 0)
        rate = 1000 * len(report.findings) / words
        if rate < CIRCULAR_MIN_PER_1000:
            low.append(f"{path.name}: {len(report.findings)} findings in {words} words = {rate:.1f} per 1,000")
    assert not low, f"circulars with fewer than {CIRCULAR_MIN_PER_1000} findings per 1,000 words:\n" + "\n".join(low)
