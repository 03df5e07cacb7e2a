"""The bisect and index shortcuts give what the plain scans they replace gave."""

from __future__ import annotations

import random
from types import SimpleNamespace

from helder.checks import load_rules
from helder.checks.engine import drop_superseded, superseding
from helder.documents.base import Block, Document, OffsetMap


def _doc(blocks: tuple[Block, ...], n: int = 400) -> Document:
    text = "x" * n
    return Document(path="-", format="text", source=text, text=text, offsets=OffsetMap.identity(n), blocks=blocks)


def _scan(blocks, offset):
    return next((b for b in blocks if b.start <= offset < b.end), None)


def test_block_at_matches_a_scan_for_sorted_and_for_overlapping_blocks():
    rng = random.Random(7)
    for _ in range(50):
        cuts = sorted(rng.sample(range(1, 400), 12))
        sorted_blocks = tuple(Block(rng.choice(["paragraph", "list_item", "heading"]), a, b)
                              for a, b in zip(cuts[::2], cuts[1::2]))
        overlapping = tuple(Block("paragraph", a, a + rng.randint(0, 80)) for a in rng.sample(range(400), 8))
        for blocks in (sorted_blocks, overlapping, ()):
            doc = _doc(blocks)
            assert [doc.block_at(i) for i in range(-1, 402)] == [_scan(blocks, i) for i in range(-1, 402)]


def _finding(code, start, end):
    return SimpleNamespace(code=code, span=SimpleNamespace(start=start, end=end))


SUPERSEDES = superseding(load_rules())


def test_rules_declare_what_they_supersede():
    assert SUPERSEDES == {"WK001": {"ST005": "contains", "WK012": "overlap", "WK013": "overlap", "WK016": "overlap",
                                    "WK017": "overlap", "ZB004": "overlap", "ZB009": "overlap"}}


def _naive(findings):
    specific = [f for f in findings if f.code in SUPERSEDES["WK001"]]

    def covered(f, s):
        if SUPERSEDES["WK001"][s.code] == "contains":  # inside an old-fashioned opening or closing
            return s.span.start <= f.span.start and f.span.end <= s.span.end
        return s.span.start < f.span.end and f.span.start < s.span.end

    return [f for f in findings if f.code != "WK001" or not any(covered(f, s) for s in specific)]


def test_general_duplicates_dropped_as_by_comparing_every_pair():
    rng = random.Random(3)
    codes = ["WK001"] * 6 + ["ST005", "WK012", "ZB004", "LB001"]
    for _ in range(300):
        findings = []
        for _ in range(rng.randint(0, 25)):
            a = rng.randint(0, 200)
            findings.append(_finding(rng.choice(codes), a, a + rng.randint(0, 30)))
        assert drop_superseded(findings, SUPERSEDES) == _naive(findings)


def test_sentences_between_and_sentence_of_match_scans(nlp):
    from helder.checks.context import Context
    from helder.documents import from_string

    text = "Eerste zin hier. Tweede zin daar!\n\nEen kop\n\nDerde zin, met een komma. Vierde zin?"
    document = from_string(text)
    ctx = Context(document, nlp(document.text), None, True, None)
    sents = ctx.sentences
    for a in range(len(text) + 1):
        for b in range(a, len(text) + 2, 5):
            assert ctx.sentences_between(a, b) == [s for s in sents if s.start_char < b and s.end_char > a]
    for i in range(len(ctx.doc)):
        assert ctx.sentence_of(i) == next((s for s in sents if s.start <= i < s.end), None)
    from helder.checks.syntax import clause_id

    assert [ctx.clause_ids[i] for i in range(len(ctx.doc))] == [clause_id(t) for t in ctx.doc]
    assert sum(ctx.tokens.is_word) == sum(s.words for s in sents)
