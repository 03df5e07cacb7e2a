"""``kind: metric``: a score beyond the profile's target becomes a finding.

YAML fields: ``scope`` (``sentence`` or ``document``) and ``checks``: a list of
``{metric: NAME, above: LIMIT}`` or ``{metric: NAME, below: LIMIT}``. Setting ``min_words`` (sentence scope): shorter sentences and
headings are not judged (a score on a handful of words says little; in document scope: a text shorter
than this is not judged); ``max_words``: longer sentences
are left to the sentence-length rules, so one sentence does not get the same advice twice. A limit is a number, a setting
name, or ``target.NAME`` (the profile's readability target). Sentence metrics are attributes of the
metrics module's sentences (e.g. ``lint_level``). ``messages.<metric>`` gives a message per metric.
Placeholders: ``{value}``, ``{limit}``, ``{label}`` (and ``{probability}`` for ``cefr_estimate``). A CEFR
level is compared with :func:`helder.verdict.meets`, the one definition of meeting the profile's target. A metric that is unavailable (``None``) is skipped.
"""

from __future__ import annotations

from .context import RuleRun

LABELS = {
    "lint_level": "LiNT-niveau",
    "lint_score": "LiNT-score",
    "flesch_douma": "Flesch-Douma-score",
    "mean_sentence_length": "gemiddelde zinslengte",
    "cefr_estimate": "geschat taalniveau",
}


def _limit(run: RuleRun, raw):
    if isinstance(raw, (int, float)):
        return raw
    if isinstance(raw, str) and raw.startswith("target."):
        return run.ctx.settings.target.get(raw[len("target."):])
    return run.setting(raw)


def _document_value(run: RuleRun, name: str):
    if name == "cefr_estimate":  # a level, not a number (RuleRun.ctx.metric returns numbers only)
        m = (getattr(run.ctx.metrics, "metrics", None) or {}).get(name)
        return getattr(m, "value", None)
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
    if isinstance(value, str) or isinstance(limit, str):  # a CEFR level against the profile's target
        from ..verdict import meets

        return not meets(str(value), str(limit))
    if "above" in check:
        return value > limit
    return value < limit


#: Feature values of an easy sentence: the means of the LiNT-II level 1-2 sentences of 8 words or more
#: in corpora/schoon, with the shipped pipeline (``python bench/lint_reference.py`` prints them). A rule
#: may override them with the setting ``lint_reference``.
LINT_REFERENCE = {"word_freq": 5.0, "max_sdl": 5.1, "content_words_per_clause": 3.2, "proportion_concrete": 0.55}
_CONTENT = ("NOUN", "VERB", "ADJ", "ADV")


def lint_cause(run: RuleRun, sentence) -> tuple[str | None, dict]:
    """Which LiNT-II feature makes this sentence hard, and the words that show it.

    Each feature's share in the score is its coefficient times its distance from an easy sentence
    (``LINT_REFERENCE``); the largest share is the cause. Returns the feature name and placeholders:
    ``{words}`` (the rarest content words, for word_freq) or ``{pair}`` (the two connected words that stand
    furthest apart, for max_sdl)."""
    feats = getattr(sentence, "features", None) or {}
    if any(feats.get(k) is None for k in LINT_REFERENCE):
        return None, {}
    from ..metrics.frequency import lint_coefficients

    c = lint_coefficients()
    ref = {**LINT_REFERENCE, **(run.setting("lint_reference", {}) or {})}
    share = {
        "word_freq": c.word_freq * (ref["word_freq"] - feats["word_freq"]),
        "max_sdl": c.max_sdl * (ref["max_sdl"] - feats["max_sdl"]),
        "content_words_per_clause": c.content_words_per_clause * (ref["content_words_per_clause"]
                                                                  - feats["content_words_per_clause"]),
        "proportion_concrete": c.proportion_concrete * (ref["proportion_concrete"] - feats["proportion_concrete"]),
    }
    span = run.ctx.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    for cause in sorted(share, key=share.get, reverse=True):
        if share[cause] <= 0:
            break
        extra = {"words": "", "pair": ""}
        if cause == "word_freq":
            words = _rare_words(span) if span is not None else []
            if not words:
                continue  # the words are not that rare after all: name the next cause
            extra["words"] = " (" + " en ".join(f"'{w}'" for w in words) + ")"
        elif cause == "max_sdl" and span is not None:
            pair = _furthest_pair(span)
            if pair is None:
                continue
            extra["pair"] = f" ('{pair[0].text}' … '{pair[1].text}')"
        return cause, extra
    return None, {}


#: Content words below this Zipf frequency are named as the rare words of a hard sentence (3.5: below
#: everyday words such as "formulier", 3.8, and "aanvraag", 4.4).
RARE_ZIPF = 3.5


def _word_zipf(t) -> float:
    """How common the word is in its most common form: the word, its lemma, or its base form when the
    lemmatizer left an inflection ('gevraagde' -> 'gevraagd' -> 'vragen'), as WK003 reads it."""
    from ..morphology import zipf
    from ..wordforms import base_forms

    lower, lemma = t.lower_, t.lemma_.lower() if t.lemma_ else ""
    best = max(zipf(lower), zipf(lemma) if lemma else 0.0)
    if best >= RARE_ZIPF:
        return best
    return max(best, max(zipf(x) for x in base_forms(lower, lemma or lower)))


def _rare_words(span) -> list[str]:
    content = {t.text: _word_zipf(t) for t in span
               if t.pos_ in _CONTENT and t.is_alpha and len(t.text) > 3
               and not (t.text[:1].isupper() and t.i != span.start)}
    return sorted((w for w, z in content.items() if z < RARE_ZIPF), key=lambda w: (content[w], w))[:2]


def _furthest_pair(span):
    words = [t for t in span if not (t.is_punct or t.is_space)]
    pos = {t.i: k for k, t in enumerate(words)}
    best, dist = None, 3
    for t in words:
        if t.head.i in pos and t.head.i != t.i and abs(pos[t.i] - pos[t.head.i]) > dist:
            best, dist = t, abs(pos[t.i] - pos[t.head.i])
    if best is None:
        return None
    return tuple(sorted((best, best.head), key=lambda t: t.i))


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
                variant = check["metric"] if check["metric"] in run.rule.messages else None
                extra: dict = {}
                if spec.get("explain") == "lint" and check["metric"] in ("lint_level", "lint_score"):
                    cause, extra = lint_cause(run, s)
                    if cause and f"lint_{cause}" in run.rule.messages:
                        variant = f"lint_{cause}"
                run.emit(s.start, s.end, variant=variant, value=_fmt(value), limit=_fmt(limit),
                         label=LABELS.get(check["metric"], check["metric"]), **extra)
                break
        return
    if not ctx.sentences:
        return
    min_words = run.setting("min_words")
    words = ctx.metric("words")
    if min_words is not None and words is not None and words < int(min_words):
        return  # a readability score of a handful of words says little about the text
    first = ctx.sentences[0]
    for check in spec["checks"]:
        value = _document_value(run, check["metric"])
        limit = _limit(run, check.get("above", check.get("below")))
        if value is None or limit is None or not _beyond(value, check, limit):
            continue
        extra = {}
        if check["metric"] == "cefr_estimate":
            from ..verdict import nl_chance

            p = ctx.metric("b1_probability")
            extra["probability"] = nl_chance(p) if p is not None else "onbekend"
        run.emit(first.start_char, first.end_char,
                 variant=check["metric"] if check["metric"] in run.rule.messages else None,
                 value=_fmt(value), limit=_fmt(limit), label=LABELS.get(check["metric"], check["metric"]), **extra)
        if spec.get("first_only", True):
            break
