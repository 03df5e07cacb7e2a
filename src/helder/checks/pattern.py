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


def _combined(rule, vocab, parsed: bool):
    """One Matcher holding the token patterns of every loaded pattern rule (each under its code), or
    None when ``rule`` is not one of them (a rule built elsewhere, e.g. in a test)."""
    from .loader import load_rules

    rules = [r for r in load_rules() if r.kind == "pattern" and r.spec.get("patterns")]
    if not any(r is rule for r in rules):
        return None
    key = ("*combined*", parsed, id(vocab), tuple(id(r) for r in rules))
    with _lock:
        hit = _compiled.get(key)
    if hit is None:
        from spacy.matcher import Matcher

        hit = Matcher(vocab, validate=True)
        for r in rules:
            pats = [p for p in r.spec["patterns"] if parsed or not _uses_parse(p)]
            if pats:
                hit.add(r.spec["code"], pats)
        with _lock:
            _compiled[key] = hit
    return hit


def token_matches(run: RuleRun, matcher) -> list[tuple[int, int]]:
    """(start, end) of the matches of the rule's token patterns. The patterns of all pattern rules run
    in one pass over the Doc (one Matcher, a key per rule), shared through the context; the same
    matches as the rule's own ``matcher``, which runs only for a rule that is not among them."""
    ctx, code = run.ctx, run.rule.spec["code"]
    combined = _combined(run.rule, ctx.doc.vocab, ctx.parsed)
    if combined is None:
        return [(start, end) for _id, start, end in matcher(ctx.doc)]
    hits = ctx.memo.get("pattern_matches")
    if hits is None:
        hits = ctx.memo["pattern_matches"] = {}
        strings = ctx.doc.vocab.strings
        for key, start, end in combined(ctx.doc):
            hits.setdefault(strings[key], []).append((start, end))
    return hits.get(code, [])


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
        for start, end in token_matches(run, matcher):
            if cut:
                ids = list(range(start, end))
                spans.append((ids[cut[0]], ids[cut[1]]))
            else:
                spans.append((start, end - 1))
    if dep is not None:
        names_per_pattern = [[n["RIGHT_ID"] for n in p] for p in spec["dependency_patterns"]]
        bound = spec.get("span")
        for _id, token_ids in dependency_matches(dep, spec["dependency_patterns"], ctx):
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


def _root_words(pattern: list) -> set[str] | None:
    """The lower-case words the root node of a dependency pattern accepts, when that node tests only
    ``LOWER`` (a word or ``IN`` a list); None otherwise."""
    attrs = pattern[0].get("RIGHT_ATTRS", {}) if pattern and "LEFT_ID" not in pattern[0] else {}
    value = attrs.get("LOWER") if set(attrs) == {"LOWER"} else None
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict) and set(value) == {"IN"}:
        return {str(w) for w in value["IN"]}
    return None


def _tree_roots(head: list[int]) -> list[int]:
    """For every token, the root of its dependency tree (from the table's head indices)."""
    root = [-1] * len(head)
    for i in range(len(head)):
        path, k = [], i
        while root[k] < 0 and head[k] != k and len(path) <= len(head):
            path.append(k)
            k = head[k]
        r = root[k] if root[k] >= 0 else k
        for p in path:
            root[p] = r
        root[k] = r
    return root


def dependency_matches(dep, patterns: list, ctx) -> list[tuple[int, list[int]]]:
    """``dep(ctx.doc)``, but when every pattern's root node is a ``LOWER`` test, the matcher runs only
    on the dependency trees that hold such a word (a match never leaves the tree of its root node):
    the Matcher inside the DependencyMatcher then tests a few sentences instead of the whole document.
    A tree that does not fill its stretch of tokens (non-projective trees mixed with another) makes it
    fall back to the whole Doc, so the matches are always the same."""
    doc = ctx.doc
    words: set[str] = set()
    for p in patterns:
        w = _root_words(p)
        if w is None:
            return list(dep(doc))
        words |= w
    lowers = ctx.table[0]
    anchors = [i for i, w in enumerate(lowers) if w in words]
    if not anchors:
        return []
    roots = _tree_roots(ctx.tokens.head)
    extent: dict[int, list[int]] = {}
    for i, r in enumerate(roots):
        e = extent.get(r)
        if e is None:
            extent[r] = [i, i]
        else:
            e[1] = i
    stretches = sorted({tuple(extent[roots[i]]) for i in anchors})
    if any(roots[k] != roots[a] for a, b in stretches for k in range(a, b + 1)):
        return list(dep(doc))
    head_attrs = doc._get_array_attrs()
    array = doc.to_array(head_attrs)
    out = []
    for a, b in stretches:
        sub = doc[a:b + 1].as_doc(array_head=head_attrs, array=array)
        out.extend((key, [a + k for k in ids]) for key, ids in dep(sub))
    return out
