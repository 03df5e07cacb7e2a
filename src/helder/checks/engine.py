"""Run the profile's rules over one parsed document and collect the findings."""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..types import Finding
from . import pattern
from .context import Context, RuleRun
from .loader import Rule, load_rules
from .registry import runner

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..config.settings import CommandLine, Settings
    from ..documents.base import Document

#: Profile when none is given: web pages are Markdown/HTML, a plain text file is most often a letter.
DEFAULT_PROFILES = {"markdown": "web", "html": "web", "text": "brief"}


@dataclass
class CheckOutcome:
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    profile: str = ""
    rules: tuple[str, ...] = ()  # codes of the rules that ran (for unused inline directives)


def default_profile(document_format: str) -> str:
    """The profile for a document when neither the caller nor the configuration names one."""
    return DEFAULT_PROFILES.get(document_format, "brief")


def needs_parse(rule: Rule) -> bool:
    if rule.kind == "pattern":
        return rule.requires_parse or pattern.needs_parse(rule.spec)
    return rule.requires_parse


def _with_lexicon(rule: Rule, path: Path) -> Rule:
    """``rule`` (a substitution rule) reading only the word list at ``path`` (the organisation's own);
    the lexicon cache keys its index by that path."""
    return replace(rule, spec={**rule.spec, "lexicon": str(path), "swap": []})


def run_checks(document: "Document", doc: "Doc", metrics_result: Any, *, parsed: bool = True,
               options: "CommandLine | None" = None, settings: "Settings | None" = None) -> CheckOutcome:
    """Apply the rules that ``settings`` switch on to ``document`` (parsed into ``doc``).

    ``settings`` (:class:`helder.config.Settings`) say which rules run, with which settings and
    severities, and which organisation word list adds to a rule whose YAML names it
    (``own_lexicon: officialese``). Without them they are resolved from ``options`` (an
    :class:`helder.analysis.Options`; None: every default). A rule that crashes becomes a warning,
    unless the settings are strict (``options.extra["strict"]``) or ``HELDER_STRICT=1``.
    """
    if settings is None:
        settings = _settings(document, options)
    profile = settings.profile
    rules = load_rules()
    wanted = set(settings.rules)
    selected = [r for r in rules if r.code in wanted]
    strict = settings.strict or os.environ.get("HELDER_STRICT") == "1"
    ctx = Context(document, doc, metrics_result, parsed, settings)
    outcome = CheckOutcome(profile=profile.name)
    skipped: list[str] = []
    for rule in selected:
        if not parsed and needs_parse(rule):
            skipped.append(rule.code)
            continue
        values = dict(settings.rule_settings[rule.code])
        runs = [RuleRun(rule, ctx, values, settings.rule_severity[rule.code])]
        own_lexicon = _own_lexicon(settings, rule)
        if own_lexicon:  # the organisation's own word list (helder.toml) adds to the rule's lexicon
            runs.append(RuleRun(_with_lexicon(rule, own_lexicon), ctx, values, runs[0].severity))
        try:
            for run in runs:
                runner(rule.kind)(run)
        except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
            if strict:
                raise
            outcome.warnings.append(f"regel {rule.code} kon niet worden uitgevoerd: {type(exc).__name__}: {exc}")
            continue
        outcome.rules += (rule.code,)
        for run in runs:
            outcome.findings.extend(f if f.code == rule.code else replace(f, code=rule.code) for f in run.findings)
    if skipped:
        outcome.warnings.append(
            "Zonder zinsontleding (geen volledig taalmodel) zijn deze regels overgeslagen: " + ", ".join(skipped))
    seen: set[tuple] = set()
    unique = []
    for f in sorted(outcome.findings, key=lambda f: (f.span.start, f.span.end, f.code)):
        key = (f.code, f.span.start, f.span.end)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    outcome.findings = drop_superseded(unique, superseding(rules))
    outcome.warnings.extend(w for w in ctx.warnings if w not in outcome.warnings)
    return outcome


def _settings(document: "Document", options: "CommandLine | None") -> "Settings":
    from ..config.settings import settings_for

    if options is None:
        from types import SimpleNamespace

        options = SimpleNamespace(profile=None, config=None, select=(), ignore=(), min_severity=None,
                                  fail_on=None, grammar=None, grammar_url=None, extra={})
    return settings_for(document.path, document.format, options)


def _own_lexicon(settings: "Settings", rule: Rule) -> Path | None:
    """The organisation's word list a rule reads besides its own (``own_lexicon: officialese``)."""
    which = rule.spec.get("own_lexicon")
    return settings.own_lexicons.get(which) if which else None


def superseding(rules: list[Rule]) -> dict[str, dict[str, str]]:
    """general code -> {specific code: "overlap" | "contains"}, from the rules' ``supersedes``."""
    out: dict[str, dict[str, str]] = {}
    for rule in rules:
        for general, how in rule.supersedes:
            out.setdefault(general, {})[rule.code] = how
    return out


def drop_superseded(findings: list, supersedes: dict[str, dict[str, str]]) -> list:
    """Drop the findings of a general rule that a more specific rule's finding replaces (its YAML says
    ``supersedes``): a specific rule says it better ("Hoogachtend" is ST005, not also WK001).
    ``contains``: the general finding lies inside the specific one; ``overlap``: the two overlap."""
    for general, specifics in supersedes.items():
        findings = _drop_general(findings, general, specifics)
    return findings


def _drop_general(findings: list, general: str, specifics: dict[str, str]) -> list:
    """A bisect over the overlapping specific findings sorted by start (with the running maximum of
    their ends) instead of comparing every pair."""
    specific = [f for f in findings if f.code in specifics]
    if not specific:
        return findings
    frames = [(s.span.start, s.span.end) for s in specific if specifics[s.code] == "contains"]
    spans = sorted((s.span.start, s.span.end) for s in specific if specifics[s.code] != "contains")
    starts = [a for a, _ in spans]
    reach, furthest = [], -1
    for _, b in spans:
        furthest = max(furthest, b)
        reach.append(furthest)

    def covered(f) -> bool:
        if any(a <= f.span.start and f.span.end <= b for a, b in frames):
            return True
        k = bisect.bisect_left(starts, f.span.end)  # specifics that start before f ends
        return k > 0 and reach[k - 1] > f.span.start

    return [f for f in findings if f.code != general or not covered(f)]
