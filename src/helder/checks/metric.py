"""``kind: metric``: a score beyond the profile's target becomes a finding.

YAML fields: ``scope`` (``sentence`` or ``document``) and ``checks``: a list of
``{metric: NAME, above: LIMIT}`` or ``{metric: NAME, below: LIMIT}``. Setting ``min_words`` (sentence scope): shorter sentences and
headings are not judged (a score on a handful of words says little); ``max_words``: longer sentences
are left to the sentence-length rules, so one sentence does not get the same advice twice. A limit is a number, a setting
name, or ``target.NAME`` (the profile's readability target). Sentence metrics are attributes of the
metrics module's sentences (e.g. ``lint_level``). ``messages.<metric>`` gives a message per metric.
Placeholders: ``{value}``, ``{limit}``, ``{label}``. A metric that is unavailable (``None``) is skipped.
"""

from __future__ import annotations

from .context import RuleRun

LABELS = {
    "lint_level": "LiNT-niveau",
    "lint_score": "LiNT-score",
    "flesch_douma": "Flesch-Douma-score",
    "mean_sentence_length": "gemiddelde zinslengte",
}


def _limit(run: RuleRun, raw):
    if isinstance(raw, (int, float)):
        return raw
    if isinstance(raw, str) and raw.startswith("target."):
        return run.ctx.profile.target.get(raw[len("target."):])
    return run.setting(raw)


def _document_value(run: RuleRun, name: str):
    value = run.ctx.metric(name)
    if value is None and name == "mean_sentence_length":
        sents = run.ctx.metric_sentences or run.ctx.sentences
        words = [getattr(s, "words", 0) for s in sents]
        if words:
            value = sum(words) / len(words)
    return value


def _fmt(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return str(int(value)) if isinstance(value, float) else str(value)


def _beyond(value, check, limit) -> bool:
    if "above" in check:
        return value > limit
    return value < limit


def run(run: RuleRun) -> None:
    spec, ctx = run.rule.spec, run.ctx
    if spec["scope"] == "sentence":
        text = ctx.document.text
        min_words = int(run.setting("min_words", 0))
        max_words = run.setting("max_words")
        for s in ctx.metric_sentences:
            if "\n\n" in text[s.start:s.end]:
                continue  # runs across a block boundary: the sentence split (and its score) is unreliable
            if (getattr(s, "words", 0) or 0) < min_words:
                continue
            if max_words is not None and (getattr(s, "words", 0) or 0) > max_words:
                continue  # a long sentence: the sentence-length rules already say so
            block = ctx.document.block_at(s.start)
            if block is not None and block.kind == "heading":
                continue
            for check in spec["checks"]:
                value = getattr(s, check["metric"], None)
                limit = _limit(run, check.get("above", check.get("below")))
                if value is None or limit is None or not _beyond(value, check, limit):
                    continue
                run.emit(s.start, s.end, variant=check["metric"] if check["metric"] in run.rule.messages else None,
                         value=_fmt(value), limit=_fmt(limit), label=LABELS.get(check["metric"], check["metric"]))
                break
        return
    if not ctx.sentences:
        return
    first = ctx.sentences[0]
    for check in spec["checks"]:
        value = _document_value(run, check["metric"])
        limit = _limit(run, check.get("above", check.get("below")))
        if value is None or limit is None or not _beyond(value, check, limit):
            continue
        run.emit(first.start_char, first.end_char,
                 variant=check["metric"] if check["metric"] in run.rule.messages else None,
                 value=_fmt(value), limit=_fmt(limit), label=LABELS.get(check["metric"], check["metric"]))
        if spec.get("first_only", True):
            break
