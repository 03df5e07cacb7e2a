"""LanguageTool matches → helder :class:`~helder.types.Finding` objects, and de-duplication.

Codes are ``LT:<RULE_ID>`` (``LT:MORFOLOGIK_RULE_NL_NL``, ``LT:INDIEN``), so ``--select LT`` /
``--ignore LT`` and inline directives work on the whole family or on one rule. The name is the rule
id in lower kebab case, the message is LanguageTool's own (Dutch) message, ``source`` is
``"languagetool"``.

Severity: spelling and grammar errors are warnings; style advice (LanguageTool issue types ``style``,
``register``, ``typographical``, ``whitespace``, ``locale-violation``) and every rule tagged
``picky`` are suggestions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, Mapping, Sequence

from ..types import Finding, Severity, Span
from .client import LTMatch

if TYPE_CHECKING:
    from ..documents.base import Document

CODE_PREFIX = "LT:"
SOURCE = "languagetool"
MAX_REPLACEMENTS = 5

#: LanguageTool issue types that are advice about style rather than errors.
SUGGESTION_ISSUE_TYPES = frozenset({"style", "register", "typographical", "whitespace", "locale-violation"})

#: LanguageTool rules that do the same job as helder rules. Values are helder codes or code
#: prefixes (a family such as ``"WK"``). When both flag overlapping text, only helder's finding is
#: kept (see :func:`dedupe`). Checked on LanguageTool 6.8 against helder's rules/ folder.
DUPLICATE_RULES: Mapping[str, tuple[str, ...]] = {
    # picky rule "Deze zin is lang" (more than ~40 words): LB001 lange-zin, LB002 zeer-lange-zin
    "TOO_LONG_SENTENCE": ("LB001", "LB002"),
    # "U" with a capital in the middle of a sentence: WK015 u-met-hoofdletter
    "U": ("WK015",),
}

#: LanguageTool rule *categories* whose rules duplicate helder rules.
DUPLICATE_CATEGORIES: Mapping[str, tuple[str, ...]] = {
    # "Ouderwets": officialese and old-fashioned words (indien, middels, teneinde, derhalve, inzake,
    # conform, omtrent, voornoemde, dienen te, ...): helder's WK word-choice rules (WK001
    # ambtelijk-woord, WK012 dient-te, ...); "Hoogachtend" also ST005 ouderwetse-aanhef-of-slot
    "OUDERWETS": ("WK", "ST005"),
    "OUDERWETS_TO_IMPROVE": ("WK", "ST005"),
    # clichés and vague or inflated wording: also word choice (WK002 vaag-woord, WK003 moeilijk-woord)
    "CLICHES": ("WK",),
    "STYLE": ("WK",),
}

#: Any other LanguageTool *style* advice (issue types ``style``/``register``) on the same words as a
#: helder WK finding is the same advice twice, too.
DUPLICATE_ISSUE_TYPES: Mapping[str, tuple[str, ...]] = {
    "style": ("WK",),
    "register": ("WK",),
}

# rule id -> (category id, issue type), filled as matches are converted; dedupe uses it
_RULE_INFO: dict[str, tuple[str, str]] = {}


def code_for(rule_id: str) -> str:
    return f"{CODE_PREFIX}{rule_id}"


def rule_id_of(code: str) -> str | None:
    return code[len(CODE_PREFIX):] if code.startswith(CODE_PREFIX) else None


def name_for(rule_id: str) -> str:
    return rule_id.lower().replace("_", "-")


def severity_for(match: LTMatch) -> Severity:
    if "picky" in match.tags or match.issue_type in SUGGESTION_ISSUE_TYPES:
        return Severity.SUGGESTION
    return Severity.WARNING


def utf16_to_index(text: str) -> Callable[[int], int]:
    """A function that turns a Java (UTF-16) offset into ``text`` into a Python index.

    LanguageTool counts in UTF-16 code units; characters outside the Basic Multilingual Plane (emoji,
    some symbols) count twice there and once in Python.
    """
    if all(ord(ch) < 0x10000 for ch in text):
        return lambda offset: offset
    table: list[int] = []  # table[utf16_offset] = python index
    for i, ch in enumerate(text):
        table.append(i)
        if ord(ch) >= 0x10000:
            table.append(i)  # second half of a surrogate pair: same character
    table.append(len(text))

    def convert(offset: int) -> int:
        if offset < 0:
            return 0
        return table[offset] if offset < len(table) else len(text)

    return convert


def match_to_finding(match: LTMatch, document: "Document", base: int = 0,
                     convert: Callable[[int], int] | None = None) -> Finding:
    """The helder Finding for one match in the piece of ``document.text`` that starts at ``base``."""
    convert = convert or (lambda o: o)
    start = base + convert(match.offset)
    end = base + convert(match.offset + match.length)
    end = max(start, min(end, len(document.text)))
    span = document.span(start, end)
    _RULE_INFO[match.rule_id] = (match.category_id, match.issue_type)
    replacements = tuple(r for r in match.replacements if r)[:MAX_REPLACEMENTS]
    message = match.message.strip() or match.rule_description or match.rule_id
    return Finding(
        code=code_for(match.rule_id),
        name=name_for(match.rule_id),
        message=message,
        severity=severity_for(match),
        span=span,
        match=document.source[span.start:span.end],
        replacements=replacements,
        link=match.urls[0] if match.urls else None,
        source=SOURCE,
    )


def duplicated_families(finding: Finding) -> tuple[str, ...]:
    """The helder codes or code prefixes (``"LB001"``, ``"WK"``) this LanguageTool finding duplicates."""
    rule = rule_id_of(finding.code)
    if rule is None:
        return ()
    if rule in DUPLICATE_RULES:
        return DUPLICATE_RULES[rule]
    info = _RULE_INFO.get(rule)
    if info is None:
        # a finding made elsewhere (e.g. read back from JSON): style advice is a suggestion
        return ("WK",) if finding.severity == Severity.SUGGESTION else ()
    category, issue_type = info
    if category in DUPLICATE_CATEGORIES:
        return DUPLICATE_CATEGORIES[category]
    return DUPLICATE_ISSUE_TYPES.get(issue_type, ())


def _overlap(a: Span, b: Span) -> bool:
    if a.start == a.end or b.start == b.end:
        return a.start == b.start
    return a.start < b.end and b.start < a.end


def dedupe(lt_findings: Iterable[Finding], helder_findings: Sequence[Finding]) -> list[Finding]:
    """``lt_findings`` without those that repeat a helder finding on overlapping text.

    A LanguageTool finding is dropped when a helder finding of the same nature overlaps it: the
    long-sentence rule against helder's LB001/LB002, officialese and other style advice against
    helder's ``WK`` codes (see :data:`DUPLICATE_RULES`, :data:`DUPLICATE_CATEGORIES`,
    :data:`DUPLICATE_ISSUE_TYPES`). Spelling and grammar errors are never dropped.
    """
    prefixes = {p for values in (*DUPLICATE_RULES.values(), *DUPLICATE_CATEGORIES.values(),
                                 *DUPLICATE_ISSUE_TYPES.values()) for p in values}
    by_family: dict[str, list[Span]] = {}
    for f in helder_findings:
        if f.source == SOURCE:
            continue
        for prefix in prefixes:
            if f.code.startswith(prefix):
                by_family.setdefault(prefix, []).append(f.span)
    out: list[Finding] = []
    for f in lt_findings:
        families = duplicated_families(f)
        if any(_overlap(f.span, s) for fam in families for s in by_family.get(fam, ())):
            continue
        out.append(f)
    return out
