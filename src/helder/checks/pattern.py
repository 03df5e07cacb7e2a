"""``kind: pattern``: spaCy ``Matcher`` token patterns and ``DependencyMatcher`` patterns from YAML.

YAML fields: ``patterns`` (a list of Matcher patterns) and/or ``dependency_patterns`` (a list of
DependencyMatcher patterns). Patterns that use the parse (POS, TAG, LEMMA, DEP, MORPH) are skipped on a
blank pipeline; a rule whose patterns all need the parse is skipped with the parse warning.
``span`` (optional, dependency patterns): ``[first_node, last_node]`` names the nodes whose tokens
bound the reported span; default: all matched tokens. ``span_tokens`` (optional, token patterns):
``[a, b]`` reports only tokens ``a`` .. ``b`` of each match (Python indices, ``-1`` is the last), e.g. to
leave out a comma that anchors the pattern. ``replacements``: fixed suggestions.
"""

from __future__ import annotations

import threading
from typing import Any

from .context import RuleRun

PARSE_ATTRS = {"POS", "TAG", "LEMMA", "DEP", "MORPH", "HEAD", "ENT_TYPE"}
_lock = threading.Lock()
_compiled: dict[tuple[str, int], Any] = {}


def clear_cache() -> None:
    """Forget the compiled matchers (see :func:`helder.caches.clear_caches`)."""
    with _lock:
        _compiled.clear()


def _uses_parse(pattern: list) -> bool:
    for tok in pattern:
        attrs = tok.get("RIGHT_ATTRS", tok)
        if "REL_OP" in tok and tok.get("REL_OP") not in (".", ";", ".*", ";*"):
            return True
        if PARSE_ATTRS.intersection(attrs):
            return True
    return False


def needs_parse(spec) -> bool:
    pats = list(spec.get("patterns") or [])
    if spec.get("dependency_patterns"):
        return True if not pats else all(_uses_parse(p) for p in pats)
    return bool(pats) and all(_uses_parse(p) for p in pats)


def compile_patterns(spec, vocab=None, parsed: bool = True):
    """(Matcher or None, DependencyMatcher or None) for a rule spec; raises on invalid patterns."""
    from spacy.matcher import DependencyMatcher, Matcher
    from spacy.vocab import Vocab

    vocab = vocab if vocab is not None else Vocab()
    matcher = dep = None
    pats = [p for p in (spec.get("patterns") or []) if parsed or not _uses_parse(p)]
    if pats:
        matcher = Matcher(vocab, validate=True)
        matcher.add(spec["code"], pats)
    if parsed and spec.get("dependency_patterns"):
        dep = DependencyMatcher(vocab, validate=True)
        dep.add(spec["code"], spec["dependency_patterns"])
    return matcher, dep


def run(run: RuleRun) -> None:
    ctx, spec = run.ctx, run.rule.spec
    key = (f"{run.rule.code}:{ctx.parsed}", id(ctx.doc.vocab))
    with _lock:
        hit = _compiled.get(key)
        if hit is None:
            hit = compile_patterns(spec, ctx.doc.vocab, ctx.parsed)
            _compiled[key] = hit
    matcher, dep = hit
    spans: list[tuple[int, int]] = []
    if matcher is not None:
        cut = spec.get("span_tokens")
        for _id, start, end in matcher(ctx.doc):
            if cut:
                ids = list(range(start, end))
                spans.append((ids[cut[0]], ids[cut[1]]))
            else:
                spans.append((start, end - 1))
    if dep is not None:
        names_per_pattern = [[n["RIGHT_ID"] for n in p] for p in spec["dependency_patterns"]]
        bound = spec.get("span")
        for _id, token_ids in dep(ctx.doc):
            chosen = token_ids
            for names in names_per_pattern:
                if bound and len(names) == len(token_ids) and all(b in names for b in bound):
                    chosen = [token_ids[names.index(b)] for b in bound]
                    break
            spans.append((min(chosen), max(chosen)))
    done: list[tuple[int, int]] = []
    for a, b in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if any(a <= y and x <= b for x, y in done):
            continue
        done.append((a, b))
        run.emit_tokens(a, b, replacements=tuple(spec.get("replacements") or ()))
