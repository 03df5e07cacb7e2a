"""What every check reads (document, Doc, metrics, settings) and how it reports a finding."""

from __future__ import annotations

import bisect
import string
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from ..textunits import block_sentences, is_tagged_word, paragraphs
from ..types import Edit, Finding, Fix, Severity, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..documents.base import Document
    from ..config.settings import Settings
    from .loader import Rule
    from .tokens import TokenTable


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, values: Mapping[str, Any]) -> str:
    """Fill ``{name}`` placeholders; unknown names stay as they are (never a KeyError)."""
    return string.Formatter().vformat(template, (), _Defaulting(values))


def quote_list(items: Iterable[str], joiner: str = "of") -> str:
    """``'a'``, ``'a' of 'b'``, ``'a', 'b' of 'c'``."""
    items = [f"'{i}'" for i in items]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {joiner} " + items[-1]


#: A word for the rules (see :mod:`helder.textunits`).
is_word = is_tagged_word


class ClauseIds:
    """``ids[i]``: the clause id of token ``i`` (:func:`syntax.clause_id`), computed on first use."""

    __slots__ = ("_doc", "_ids")

    def __init__(self, doc: "Doc") -> None:
        self._doc = doc
        self._ids: dict[int, int] = {}

    def __getitem__(self, i: int) -> int:
        hit = self._ids.get(i)
        if hit is None:
            from .syntax import clause_id

            if i < 0:
                i += len(self._doc)
            hit = self._ids[i] = clause_id(self._doc[i])
        return hit

    def __len__(self) -> int:
        return len(self._doc)

    def __iter__(self):
        return (self[i] for i in range(len(self._doc)))


@dataclass
class SentenceInfo:
    """A sentence in token and character terms (plain-text offsets)."""

    start: int  # token index
    end: int  # token index, exclusive
    start_char: int
    end_char: int
    words: int


@dataclass
class Context:
    """Everything a rule may read for one document. Built once per document by :func:`run_checks`."""

    document: "Document"
    doc: "Doc"
    metrics: Any
    parsed: bool
    settings: "Settings | None"  # the document's settings (helder.config.Settings)
    warnings: list[str] = field(default_factory=list)

    # --- text units ---------------------------------------------------------------------------

    @cached_property
    def _passives(self) -> dict[int, list]:
        return {}

    def passives_in(self, start: int, end: int) -> list:
        """The passive constructions (:func:`syntax.find_passives`) of the sentence ``doc[start:end]``,
        found once per document: ZB001 and ZB002 both read them."""
        found = self._passives.get(start)
        if found is None:
            from .syntax import WORDEN_FORMS, ZIJN_FORMS, find_passives

            # only the tokens find_passives would not skip at once (a form of worden/zijn tagged AUX or
            # VERB), picked from the token table: no Token object for every other word
            lowers, lemmas = self.table
            pos = self.tokens.pos
            candidates = [self.doc[i] for i in range(start, end) if pos[i] in ("AUX", "VERB") and (
                lemmas[i] in ("worden", "zijn") or lowers[i] in WORDEN_FORMS or lowers[i] in ZIJN_FORMS)]
            found = self._passives[start] = find_passives(candidates) if candidates else []
        return found

    @cached_property
    def memo(self) -> dict[str, Any]:
        """Results several rules share, computed once per document by the first rule that needs them
        (e.g. the matches of all pattern rules, found in one pass: :func:`helder.checks.pattern.token_matches`)."""
        return {}

    @cached_property
    def clause_ids(self) -> "ClauseIds":
        """For every token, the index of the head of its clause (see :func:`syntax.clause_head`);
        computed per token when first asked (most tokens never are)."""
        return ClauseIds(self.doc)

    @cached_property
    def table(self) -> tuple[list[str], list[str]]:
        """Lower-case text and lemma of every token, read from the Doc once."""
        from .lexicon import token_table

        return token_table(self.doc)

    @cached_property
    def tokens(self) -> "TokenTable":
        """Attributes of every token as plain lists (text, idx, flags, tags, head, is_word), read once."""
        from .tokens import TokenTable

        return TokenTable(self.doc)

    @cached_property
    def sentences(self) -> list[SentenceInfo]:
        """Sentences of the Doc as the rules count them (:func:`helder.textunits.block_sentences`):
        a sentence never runs across a blank line (block boundary)."""
        tokens = self.tokens
        idx, text = tokens.idx, tokens.text
        return [SentenceInfo(a, b, idx[a], idx[b - 1] + len(text[b - 1]), words)
                for a, b, words in block_sentences(self.doc, text, tokens.is_space, tokens.is_word)]

    @cached_property
    def _sentence_bounds(self) -> tuple[list[int], list[int], list[int]]:
        """Token starts, character starts and character ends of :attr:`sentences` (all ascending)."""
        sents = self.sentences
        return [s.start for s in sents], [s.start_char for s in sents], [s.end_char for s in sents]

    def sentence_of(self, token_i: int) -> SentenceInfo | None:
        i = bisect.bisect_right(self._sentence_bounds[0], token_i) - 1
        if i >= 0 and token_i < self.sentences[i].end:
            return self.sentences[i]
        return None

    def sentences_between(self, start: int, end: int) -> list[SentenceInfo]:
        """The sentences that overlap plain-text characters ``[start, end)``, in order."""
        _, starts, ends = self._sentence_bounds
        return self.sentences[bisect.bisect_right(ends, start):bisect.bisect_left(starts, end)]

    @cached_property
    def metric_sentences(self) -> list[Any]:
        """The metrics module's sentences (``.start``, ``.end``, ``.words``, ``.lint_level``), if any."""
        return list(getattr(self.metrics, "sentences", None) or [])

    def metric(self, name: str) -> float | int | None:
        metrics = getattr(self.metrics, "metrics", None) or {}
        m = metrics.get(name) if isinstance(metrics, Mapping) else None
        value = getattr(m, "value", m)
        return value if isinstance(value, (int, float)) else None

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Plain-text (start, end) of paragraphs (:func:`helder.textunits.paragraphs`)."""
        return paragraphs(self.document)

    @cached_property
    def headings(self) -> list[tuple[int, int]]:
        return [(b.start, b.end) for b in self.document.blocks if b.kind == "heading"]

    @cached_property
    def _text_length(self) -> int:
        return len(self.doc.text)

    def token_range(self, start: int, end: int) -> tuple[int, int] | None:
        """Tokens ``[a, b)`` of ``doc.char_span(start, end, alignment_mode="expand")`` (None when that is
        None), by bisect on the token table instead of a Span of Token objects."""
        idx, text = self.tokens.idx, self.tokens.text
        if not idx or not (idx[0] <= start < self._text_length) or not (idx[0] <= end - 1 < self._text_length):
            return None
        a = bisect.bisect_right(idx, start) - 1
        b = bisect.bisect_right(idx, end - 1) - 1
        if start == idx[a] + len(text[a]):
            a += 1  # trailing whitespace is not part of the token before it
        return a, b + 1

    def in_list_item(self, char: int) -> bool:
        b = self.document.block_at(char)
        return b is not None and b.kind == "list_item"

    def words_between(self, a: int, b: int) -> int:
        """Number of words strictly between token indices a and b."""
        lo, hi = min(a, b), max(a, b)
        return sum(self.tokens.is_word[lo + 1:hi]) if hi > lo + 1 else 0


@dataclass
class RuleRun:
    """One rule applied to one document: settings and severity resolved through the profile."""

    rule: "Rule"
    ctx: Context
    settings: dict[str, Any]
    severity: Severity
    findings: list[Finding] = field(default_factory=list)

    def setting(self, name: str, default: Any = None) -> Any:
        return self.settings.get(name, default)

    def emit(self, start: int, end: int, *, variant: str | None = None,
             replacements: Iterable[str] = (), agreed: bool = False, fixable: bool = True,
             **values: Any) -> Finding:
        """Report plain-text characters [start, end) with the rule's message (or ``messages[variant]``).

        ``replacements`` replace exactly the reported words. ``agreed``: the rule vouches that the first
        replacement takes the form the sentence needs (it may then be a safe fix, when the rule's YAML
        says ``fix: safe``); ``fixable=False``: the replacement is advice, not an edit of these words.
        """
        doc_text = self.ctx.document.text
        values.setdefault("match", doc_text[start:end].strip())
        template = self.rule.messages.get(variant, self.rule.message) if variant else self.rule.message
        span = self.ctx.document.span(start, end)
        replacements = tuple(replacements)
        finding = Finding(
            code=self.rule.code,
            name=self.rule.name,
            message=" ".join(fill(template, values).split()),
            severity=self.severity,
            span=span,
            match=self.ctx.document.source[span.start:span.end],
            replacements=replacements,
            link=self.rule.link,
            fix=self._fix(span, replacements, agreed) if fixable else None,
        )
        self.findings.append(finding)
        return finding

    def _fix(self, span: Span, replacements: tuple[str, ...], agreed: bool) -> Fix | None:
        """The fix the rule offers for a finding (before :mod:`helder.fixing` looks at the context)."""
        declared = self.rule.spec.get("fix", "none")
        if declared == "none" or not replacements or not replacements[0]:
            return None
        safe = declared == "safe" and agreed and len(replacements) == 1
        return Fix((Edit(span.start, span.end, replacements[0]),), "safe" if safe else "unsafe")

    def emit_tokens(self, first_token: int, last_token: int, /, **kw: Any) -> Finding:
        """Report tokens ``first_token`` .. ``last_token`` (inclusive)."""
        doc = self.ctx.doc
        a, b = min(first_token, last_token), max(first_token, last_token)
        while a < b and (doc[a].is_punct or doc[a].is_space):
            a += 1
        while b > a and (doc[b].is_punct or doc[b].is_space):
            b -= 1
        return self.emit(doc[a].idx, doc[b].idx + len(doc[b].text), **kw)
