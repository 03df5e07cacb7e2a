"""The one-way flow: source -> Document -> spaCy Doc (parsed once) -> metrics, checks -> Report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from .types import Finding, Report, SentenceScore

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .documents.base import Document


@dataclass
class Options:
    """What to run. Built by the API and the CLI; no global state."""

    model: str | None = None  # spaCy pipeline name/path; None = default order
    checks: bool = False  # run the plain-language rules (helder check)
    profile: str | None = None
    config: object | None = None  # resolved configuration (helder.config), if any
    grammar: bool = False  # add LanguageTool findings
    grammar_url: str | None = None  # LanguageTool server; None: HELDER_LANGUAGETOOL_URL or a local one
    grammar_required: bool = False  # fail (HelderError) instead of warning when LanguageTool is unavailable
    extra: dict = field(default_factory=dict)


def _sentences(document: "Document", metrics_result) -> tuple[SentenceScore, ...]:
    out = []
    for s in metrics_result.sentences:
        out.append(
            SentenceScore(
                index=s.index,
                text=s.text,
                span=document.span(s.start, s.end),
                words=s.words,
                lint_score=s.lint_score,
                lint_level=s.lint_level,
                features=s.features,
            )
        )
    return tuple(out)


def analyze_parsed(document: "Document", doc: "Doc", pipeline_name: str, parsed: bool,
                   options: Options) -> Report:
    """Build the Report for a document whose text has already been parsed into ``doc``."""
    from . import metrics

    result = metrics.compute(doc, parsed=parsed)
    findings: list[Finding] = []
    warnings = list(document.warnings)
    profile_name = None
    if options.checks:
        from . import checks

        outcome = checks.run_checks(document, doc, result, parsed=parsed, options=options)
        findings.extend(outcome.findings)
        warnings.extend(outcome.warnings)
        profile_name = outcome.profile
    if options.grammar:
        from . import grammar

        outcome = grammar.check_document(document, url=options.grammar_url, required=options.grammar_required)
        findings.extend(grammar.dedupe(outcome.findings, findings))
        warnings.extend(outcome.warnings)
    findings.sort(key=lambda f: (f.span.start, f.span.end, f.code))
    return Report(
        path=document.path,
        pipeline=pipeline_name,
        parsed=parsed,
        metrics=result.metrics,
        sentences=_sentences(document, result),
        findings=tuple(findings),
        profile=profile_name,
        warnings=tuple(warnings),
    )


def analyze_documents(documents: Iterable["Document"], options: Options | None = None,
                      batch_size: int = 16) -> Iterator[Report]:
    """Analyse many documents through one pipeline (``nlp.pipe``), yielding one Report each."""
    from .nlp import get_pipeline

    options = options or Options()
    nlp, info = get_pipeline(options.model)
    docs = list(documents)
    for document, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=batch_size)):
        yield analyze_parsed(document, doc, info.name, info.parsed, options)


def analyze_text(text: str, *, format: str = "text", path: str = "-", options: Options | None = None,
                 **kwargs) -> Report:
    """Analyse a text given as a string. ``format``: "text", "markdown" or "html"."""
    from .documents import from_string

    options = options or Options(**kwargs)
    document = from_string(text, format=format, path=path)
    return next(analyze_documents([document], options))


def analyze_file(path: str | Path, *, options: Options | None = None, **kwargs) -> Report:
    """Read a file (format from its extension) and analyse it."""
    from .documents import load_path

    options = options or Options(**kwargs)
    document = load_path(Path(path))
    return next(analyze_documents([document], options))


def analyze_files(paths: Sequence[str | Path], *, options: Options | None = None) -> Iterator[Report]:
    from .documents import load_path

    return analyze_documents((load_path(Path(p)) for p in paths), options)
