"""The work behind ``/v2/check``: helder's rules (and LanguageTool's, when a server is set) on one
fragment, answered in LanguageTool's JSON shape. Runs in a worker process (:mod:`helder.web.pool`).

**Fragments.** Writer clients send one paragraph (LibreOffice) or a changed stretch of text at a
time, so ``/v2/check`` never runs the rules that judge a whole document: the text's overall level
(LB004) and mean sentence length (LB005), the headings and structure of the text (ST002 few
headings, ST004 the fixed headings of a council proposal, ST008 contact details missing, ST009
decisions first), unused inline directives (ST010), and the rules that need to see the whole text
to judge how it addresses the reader (WK006 'u' and 'je' mixed, WK010 never speaks to the reader).
WK005 reports only everyday abbreviations: whether an acronym was explained at its first use
needs the text before the fragment. A rule named in ``enabledRules`` runs anyway.
WK003 (a word few readers know) runs per paragraph: it reports the first use in each paragraph and
sees only explanations in the same paragraph, so a topic word explained earlier in the document comes
back in later paragraphs (the clean corpus cut into paragraphs gets more WK003 findings than the
whole texts; ``tests/test_ltapi.py`` keeps a budget).
Every sentence rule (long sentence, passive, officialese, ...) works on a paragraph as on a document.
"""

from __future__ import annotations

from typing import Any, Sequence

from ..types import FAMILIES as RULE_FAMILIES
from ..types import Finding, Report, family_of
from .ltapi import LTError, LTRequest, utf16_len

FAMILIES = {code: name.capitalize() for code, name in RULE_FAMILIES.items()}
CONTEXT_CHARS = 40
_SOFTWARE_BUILD = "helder"


def _split(values: Sequence[str]) -> tuple[list[str], list[str]]:
    """(helder codes and families, LanguageTool ids) from a list of rule or category names. helder's
    are the codes of the loaded rules (with those of active rule folders) and their families."""
    from ..config.codes import known_codes

    codes = known_codes()
    families = {family_of(c) for c in codes}
    ours, theirs = [], []
    for v in values:
        up = v.upper()
        if up in codes or up in families:
            ours.append(up)
        else:
            theirs.append(v)
    return ours, theirs


def fragment_ignore() -> tuple[str, ...]:
    """Rules that judge a whole document (``whole_document: true`` in their YAML) and say nothing
    sensible about the paragraph an editor sends."""
    from ..checks import load_rules

    return tuple(r.code for r in load_rules() if r.whole_document)


def _options(req: LTRequest, model: str | None):
    from ..analysis import Options
    from ..checks import available_profiles

    profile = req.profile or "brief"
    if profile not in available_profiles():
        raise LTError(f"Unknown profile '{req.profile}'; helder knows: {', '.join(available_profiles())}")
    enabled, _ = _split((*req.enabled_rules, *req.enabled_categories))
    disabled, _ = _split((*req.disabled_rules, *req.disabled_categories))
    ignore = tuple(c for c in fragment_ignore() if c not in enabled) + tuple(disabled)
    select = tuple(enabled) if req.enabled_only else ("ALL", *enabled)
    run = not (req.enabled_only and not enabled)
    return Options(model=model, checks=run, profile=profile, select=select, ignore=ignore)


def _short_message(f: Finding) -> str:
    return f.name.replace("-", " ").capitalize()


def _acronym_finding(f: Finding) -> bool:
    """WK005's "explain this acronym at its first use" (messages ``acronym``/``unknown`` in WK005.yml)."""
    return f.code == "WK005" and f.message.startswith("Leg ")


class _Positions:
    """Plain-text index -> UTF-16 offset in the text as sent."""

    def __init__(self, req: LTRequest) -> None:
        self.original = req.original
        self.mapping = req.plain_to_original
        self._astral = any(ord(ch) >= 0x10000 for ch in req.original)
        self._prefix: list[int] | None = None

    def index(self, plain: int) -> int:
        if self.mapping is None:
            return plain
        return self.mapping[min(plain, len(self.mapping) - 1)]

    def end_index(self, plain_start: int, plain_end: int) -> int:
        """The end of a stretch: right after its last character (not after markup that follows it)."""
        if self.mapping is None or plain_end <= plain_start:
            return self.index(plain_end)
        return self.index(plain_end - 1) + 1

    def utf16(self, index: int) -> int:
        if not self._astral:
            return index
        if self._prefix is None:
            acc, out = 0, [0]
            for ch in self.original:
                acc += 2 if ord(ch) >= 0x10000 else 1
                out.append(acc)
            self._prefix = out
        return self._prefix[index]


def _context(text: str, start: int, end: int) -> dict[str, Any]:
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    before = "..." if lo > 0 else ""
    shown = before + text[lo:hi].replace("\n", " ").replace("\r", " ") + ("..." if hi < len(text) else "")
    return {"text": shown, "offset": utf16_len(before + text[lo:start]), "length": utf16_len(text[start:end])}


def _sentence(report: Report, plain_start: int, text: str) -> str:
    for s in report.sentences:
        if s.span.start <= plain_start < s.span.end:
            return s.text
    return text.strip()


def _helder_match(f: Finding, report: Report, req: LTRequest, pos: _Positions, base_url: str,
                  rule_names: dict[str, str]) -> dict[str, Any]:
    start, end = pos.index(f.span.start), pos.end_index(f.span.start, f.span.end)
    family = family_of(f.code)
    return {
        "message": f.message,
        "shortMessage": _short_message(f),
        "replacements": [{"value": r} for r in f.replacements],
        "offset": pos.utf16(start),
        "length": pos.utf16(end) - pos.utf16(start),
        "context": _context(req.original, start, end),
        "sentence": _sentence(report, f.span.start, req.text),
        "type": {"typeName": "Hint"},
        "rule": {
            "id": f.code,
            "description": rule_names.get(f.code) or _short_message(f),
            "issueType": "style",
            "urls": [{"value": f"{base_url}/regels/{f.code}"}],
            "category": {"id": family, "name": FAMILIES.get(family, family)},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def _lt_match(raw: dict[str, Any], base: int, piece: str, req: LTRequest, pos: _Positions,
              report: Report) -> tuple[dict[str, Any], int, int]:
    """LanguageTool's own match, moved to the whole text's offsets. Returns (match, plain start, end)."""
    from ..grammar import utf16_to_index

    convert = utf16_to_index(piece)
    p_start = base + convert(int(raw.get("offset", 0)))
    p_end = base + convert(int(raw.get("offset", 0)) + int(raw.get("length", 0)))
    start, end = pos.index(p_start), pos.end_index(p_start, p_end)
    out = dict(raw)
    out["offset"], out["length"] = pos.utf16(start), pos.utf16(end) - pos.utf16(start)
    out["context"] = _context(req.original, start, end)
    out["sentence"] = _sentence(report, p_start, req.text)
    return out, p_start, p_end


def _ask_languagetool(req: LTRequest, url: str, timeout: float) -> tuple[list[tuple[dict, int, str]], str]:
    """Raw matches per piece: ``[(match, piece start, piece)]`` and a warning ('' when all went well)."""
    from ..grammar import (DEFAULT_DISABLED_RULES, DEFAULT_TONE_TAGS, LanguageToolClient, LanguageToolUnavailable,
                           split_text)
    from ..grammar import _warning  # noqa: PLC2701 - the same wording as helder check --grammar

    _, enabled = _split(req.enabled_rules)
    _, enabled_cats = _split(req.enabled_categories)
    _, disabled = _split(req.disabled_rules)
    _, disabled_cats = _split(req.disabled_categories)
    if req.enabled_only and not (enabled or enabled_cats):
        return [], ""
    data = {"language": req.language, "toneTags": ",".join(DEFAULT_TONE_TAGS)}
    if req.picky:
        data["level"] = "picky"
    for key, values in (("enabledRules", enabled), ("enabledCategories", enabled_cats),
                        ("disabledRules", [*DEFAULT_DISABLED_RULES, *disabled] if not req.enabled_only else []),
                        ("disabledCategories", disabled_cats)):
        if values:
            data[key] = ",".join(values)
    if req.enabled_only:
        data["enabledOnly"] = "true"
    client = LanguageToolClient(url, timeout=timeout)
    out = []
    for start, end in split_text(req.text):
        piece = req.text[start:end]
        if not piece.strip():
            continue
        try:
            result = client._request("check", {**data, "text": piece})  # noqa: SLF001
        except LanguageToolUnavailable as exc:
            return out, _warning(f"LanguageTool-server reageert niet ({exc.reason})")
        for m in (result.get("matches") or []) if isinstance(result, dict) else []:
            out.append((m, start, piece))
    return out, ""


def lt_check(req: LTRequest, *, model: str | None, grammar_url: str | None, base_url: str,
             grammar_timeout: float = 20.0) -> dict[str, Any]:
    """The LanguageTool-shaped answer for one ``/v2/check`` request."""
    from .. import __version__
    from ..analysis import analyze_documents
    from ..checks import load_rules
    from ..documents import from_string
    from ..grammar import dedupe, match_to_finding
    from ..grammar.client import LTMatch

    from ..errors import InputError

    options = _options(req, model)
    try:
        document = from_string(req.text, "text", "-")
    except InputError:  # no words at all (empty, "12", "---"): LanguageTool answers with no matches
        return _answer(req, (), [], [], _Positions(req), __version__)
    report = next(analyze_documents([document], options))
    rule_names = {r.code: r.name.replace("-", " ").capitalize() for r in load_rules()}
    pos = _Positions(req)
    helder = [f for f in report.findings if not _acronym_finding(f)]
    matches = [(f.span.start, _helder_match(f, report, req, pos, base_url, rule_names)) for f in helder]
    warnings: list[str] = []
    if grammar_url:
        raw, warning = _ask_languagetool(req, grammar_url, grammar_timeout)
        if warning:
            warnings.append(warning)
        lt_findings, by_id = [], {}
        for m, start, piece in raw:
            from ..grammar import utf16_to_index

            finding = match_to_finding(LTMatch.from_json(m), document, start, utf16_to_index(piece))
            lt_findings.append(finding)
            by_id[id(finding)] = (m, start, piece)
        for finding in dedupe(lt_findings, helder):
            m, start, piece = by_id[id(finding)]
            out, p_start, _ = _lt_match(m, start, piece, req, pos, report)
            matches.append((p_start, out))
    matches.sort(key=lambda pm: (pm[1]["offset"], pm[1]["length"]))
    warnings.extend(w for w in report.warnings if w not in warnings)
    return _answer(req, report.sentences, [m for _, m in matches], warnings, pos, __version__)


def _answer(req: LTRequest, sentences: Sequence[Any], matches: list[dict], warnings: list[str], pos: _Positions,
            version: str) -> dict[str, Any]:
    ranges = [[pos.utf16(pos.index(s.span.start)), pos.utf16(pos.end_index(s.span.start, s.span.end))]
              for s in sentences]
    answer: dict[str, Any] = {
        "software": {"name": "helder", "version": version, "buildDate": _SOFTWARE_BUILD, "apiVersion": 1,
                     "premium": False, "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {"name": req.language_name, "code": req.language_code,
                     "detectedLanguage": {"name": "Dutch", "code": "nl", "confidence": 1.0, "source": "helder"}},
        "matches": matches,
        "sentenceRanges": ranges,
        "extendedSentenceRanges": [{"from": a, "to": b, "detectedLanguages": [{"language": "nl", "rate": 1.0}]}
                                   for a, b in ranges],
    }
    if warnings:
        answer["warnings"]["helder"] = warnings
    return answer
