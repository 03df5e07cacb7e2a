"""The one-way flow: source -> Document -> spaCy Doc (parsed once) -> metrics, checks -> filter -> Report.

The filter step, in this order (precedence: rule defaults < profile < configuration file <
command-line flags < inline directives):

1. which rules run: one :class:`helder.config.Settings` per document, resolved once from the
   profile, the configuration file and the command line (:func:`helder.selection.decide`);
   LanguageTool findings (``LT:…``) go through the same selection;
2. words the configuration accepts (``accept``) are never flagged by a WK rule;
3. inline directives silence findings, and unused directives become ST010 findings
   (:mod:`helder.directives`);
4. severity overrides of the configuration;
5. the minimum severity.

Many documents go through one pipeline with ``nlp.pipe`` (:func:`analyze_documents`); with
``jobs > 1`` they are spread over worker processes (:mod:`helder.parallel`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from .nlp.batching import FORCED_CUTS
from .types import Finding, Report, SentenceScore, Severity

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .config import Config, Resolver
    from .config.settings import Settings
    from .documents.base import Document

#: A callable ``progress(done, total)``, called as documents are finished.
Progress = Callable[[int, int], None]


@dataclass
class Options:
    """What to run: the command-line (or API) layer of the configuration. No global state.

    ``config``: None (no configuration file: every default), ``"auto"`` (find the configuration
    file of every document, as the command line does), a :class:`helder.config.Config`, a
    :class:`helder.config.Resolver` or :class:`helder.config.Settings` already resolved.
    ``None`` values and empty tuples mean "not given": the configuration file or the default decides.
    :func:`helder.config.settings_for` turns these into one document's settings.
    """

    model: str | None = None  # spaCy pipeline name/path; None = default order
    checks: bool = False  # run the plain-language rules (helder check)
    profile: str | None = None
    config: "Config | Resolver | Settings | str | None" = None
    grammar: bool | None = None  # add LanguageTool findings
    grammar_url: str | None = None  # LanguageTool server; None: HELDER_LANGUAGETOOL_URL or a local one
    grammar_required: bool = False  # fail (HelderError) instead of warning when LanguageTool is unavailable
    select: tuple[str, ...] = ()  # codes or prefixes (command line)
    ignore: tuple[str, ...] = ()
    min_severity: Severity | str | None = None
    fail_on: Severity | str | None = None
    timeout: float | None = None  # seconds per document (helder.budget); None or 0: no limit
    extra: dict = field(default_factory=dict)


def settings_for(document: "Document", options: Options) -> "Settings":
    """The settings of ``document`` under ``options`` (:func:`helder.config.settings_for`)."""
    from .config.settings import settings_for as resolve_settings

    return resolve_settings(document.path, document.format, options)


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


def _accepted(findings: list[Finding], document: "Document", doc: "Doc", accept: Sequence[str]) -> list[Finding]:
    """Drop WK findings about a word or phrase the configuration accepts (text or lemma, any case)."""
    if not accept or not any(f.code.startswith("WK") for f in findings):
        return findings
    entries = {" ".join(a.split()).casefold() for a in accept if a.strip()}
    words = {e for e in entries if " " not in e}
    phrases = [tuple(e.split()) for e in entries if " " in e]
    starts = [document.source_offset(t.idx) for t in doc]

    def has_phrase(seq: list[str]) -> bool:
        return any(tuple(seq[i:i + len(p)]) == p for p in phrases for i in range(len(seq) - len(p) + 1))

    kept = []
    for f in findings:
        if not f.code.startswith("WK"):
            kept.append(f)
            continue
        if " ".join(f.match.split()).casefold() in entries:
            continue
        lo = bisect.bisect_left(starts, f.span.start)
        hi = bisect.bisect_left(starts, max(f.span.end, f.span.start + 1))
        toks = [t for t in doc[lo:hi] if not (t.is_space or t.is_punct)]
        if len(toks) <= 6:  # a word or phrase, not a whole sentence
            texts = [t.text.casefold() for t in toks]
            lemmas = [t.lemma_.casefold() for t in toks]
            if words.intersection(texts) or words.intersection(lemmas) or has_phrase(texts) or has_phrase(lemmas):
                continue
        kept.append(f)
    return kept


def analyze_parsed(document: "Document", doc: "Doc", pipeline_name: str, parsed: bool,
                   options: Options) -> Report:
    """Build the Report for a document whose text has already been parsed into ``doc``."""
    from . import metrics

    result = metrics.compute(doc, parsed=parsed)
    findings: list[Finding] = []
    warnings = list(document.warnings)
    forced = doc.user_data.get(FORCED_CUTS) if doc.user_data else None
    if forced:
        warnings.append(f"Deze tekst heeft heel lange stukken zonder punt of regeleinde. helder heeft die op {forced} "
                        "plaats(en) geknipt om ze te kunnen ontleden. De cijfers over die zinnen zijn daarom minder precies.")
    settings = settings_for(document, options)
    active: tuple[str, ...] = ()
    if options.checks:
        from . import checks

        outcome = checks.run_checks(document, doc, result, parsed=parsed, settings=settings)
        findings.extend(outcome.findings)
        warnings.extend(outcome.warnings)
        active = outcome.rules
    if settings.grammar:
        from . import grammar

        outcome = grammar.check_document(document, url=settings.grammar_url, required=options.grammar_required)
        findings.extend(f for f in grammar.dedupe(outcome.findings, findings) if settings.selects(f.code))
        warnings.extend(outcome.warnings)
    if options.checks or settings.grammar:
        from .fixing import attach

        findings = _filter(document, doc, findings, settings, active)
        findings = attach(document, doc, findings)
    findings.sort(key=lambda f: (f.span.start, f.span.end, f.code))
    from . import verdict

    profile = settings.profile.name
    return Report(
        verdict=verdict.from_metrics(result.metrics, profile, verdict.profile_target(settings.profile)),
        path=document.path,
        pipeline=pipeline_name,
        parsed=parsed,
        metrics=result.metrics,
        sentences=_sentences(document, result),
        findings=tuple(findings),
        profile=profile if options.checks else None,
        warnings=tuple(warnings),
    )


def _filter(document: "Document", doc: "Doc", findings: list[Finding], settings: "Settings",
            active: Sequence[str]) -> list[Finding]:
    """Accepted words, inline directives (the last layer), severity overrides, minimum severity."""
    from . import directives

    findings = _accepted(findings, document, doc, settings.accept)
    if document.directives:
        from .checks import load_rules

        rule = directives.unused_rule(load_rules())  # ST010, when it ran
        if rule is not None and rule.code not in active:
            rule = None
        severity = settings.rule_severity[rule.code] if rule is not None else None
        lt_selected = settings.selects if settings.grammar else False
        findings = directives.apply(document, findings, active=active, grammar=lt_selected, rule=rule,
                                    severity=severity).findings
    if settings.severity:
        findings = [f if (s := settings.severity_for(f.code, f.severity)) == f.severity else replace(f, severity=s)
                    for f in findings]
    return [f for f in findings if f.severity >= settings.min_severity]


def analyze_documents(documents: Iterable["Document"], options: Options | None = None,
                      batch_size: int = 16, *, jobs: int = 1,
                      progress: Progress | None = None,
                      errors: list[tuple[str, str]] | None = None) -> Iterator[Report]:
    """Analyse many documents through one pipeline (``nlp.pipe``), yielding one Report each, in order.

    ``jobs > 1`` spreads them over that many worker processes (started with *spawn*; each loads the
    pipeline once). ``progress(done, total)`` is called as documents are finished.
    With ``options.timeout`` every document gets that many seconds (:mod:`helder.budget`), and a
    document that runs out of time or memory is left out: its ``(path, message)`` goes to ``errors``
    (without ``errors`` the :class:`~helder.budget.BudgetExceeded` is raised).
    """
    options = options or Options()
    docs = list(documents)
    if jobs > 1 and len(docs) > 1:
        yield from _parallel(docs, options, batch_size, jobs, progress, errors)
        return
    from .nlp import get_pipeline
    from .nlp.batching import pipe_texts

    nlp, info = get_pipeline(options.model)
    total = len(docs)
    if options.timeout:
        _warm_up(nlp, info, options)
        n = 0
        for group in _groups(docs, batch_size):
            for report in _budgeted_group(nlp, info, group, options, batch_size, errors):
                n += 1
                if progress is not None:
                    progress(n, total)
                if report is not None:
                    yield report
        return
    for n, (document, doc) in enumerate(zip(docs, pipe_texts(nlp, (d.text for d in docs), batch_size)), 1):
        report = analyze_parsed(document, doc, info.name, info.parsed, options)
        if progress is not None:
            progress(n, total)
        yield report


def _warm_up(nlp, info, options: Options) -> None:
    """Load what the rules load on first use (lexicons, frequency lists) before any budget runs,
    so the first document does not pay for it."""
    from .documents import from_string

    plain = replace(options, config=None, grammar=False, grammar_required=False, timeout=None)
    document = from_string("Indien u vragen heeft, bel ons. De brief is door ons verstuurd.")
    try:
        analyze_parsed(document, nlp(document.text), info.name, info.parsed, plain)
    except Exception:  # noqa: BLE001 - best effort: without it the first document pays the loading
        pass


#: With a time budget, documents up to this many characters are parsed together (one ``nlp.pipe``
#: call, one budget for the group); a larger one is parsed on its own within its own budget.
SMALL_DOCUMENT = 20_000


def _groups(docs: list["Document"], batch_size: int) -> Iterator[list["Document"]]:
    group: list["Document"] = []
    for d in docs:
        if len(d.text) > SMALL_DOCUMENT:
            if group:
                yield group
                group = []
            yield [d]
            continue
        group.append(d)
        if len(group) >= batch_size:
            yield group
            group = []
    if group:
        yield group


def _budgeted_group(nlp, info, group: list["Document"], options: Options, batch_size: int,
                    errors: list[tuple[str, str]] | None) -> list[Report | None]:
    """Small documents together within one budget; when that runs out, each again on its own."""
    from .budget import BudgetExceeded, time_budget
    from .errors import HelderError
    from .nlp.batching import pipe_texts

    if len(group) > 1:
        try:
            with time_budget(options.timeout, group[0].path, sum(len(d.text) for d in group)):
                parsed = list(pipe_texts(nlp, [d.text for d in group], batch_size))
                return [analyze_parsed(d, doc, info.name, info.parsed, options) for d, doc in zip(group, parsed)]
        except BudgetExceeded:
            pass  # find out which one: each on its own
        except HelderError:
            raise  # LanguageTool required but missing, a wrong profile: the whole run stops
        except Exception:  # noqa: BLE001 - MemoryError or an internal error: each on its own
            pass
    return [_budgeted(nlp, info, d, options, batch_size, errors) for d in group]


def _budgeted(nlp, info, document: "Document", options: Options, batch_size: int,
              errors: list[tuple[str, str]] | None) -> Report | None:
    """One document within its time and memory budget; None (and an entry in ``errors``) when over."""
    from .budget import BudgetExceeded, time_budget, too_much_memory
    from .errors import HelderError
    from .nlp.batching import pipe_texts

    try:
        try:
            with time_budget(options.timeout, document.path, len(document.text)):
                doc = next(iter(pipe_texts(nlp, [document.text], batch_size)))
                return analyze_parsed(document, doc, info.name, info.parsed, options)
        except MemoryError:
            raise too_much_memory(document.path) from None
    except BudgetExceeded as exc:
        if errors is None:
            raise
        errors.append((document.path, str(exc)))
        return None
    except Exception as exc:  # noqa: BLE001 - with an error list (the command line): one line, go on
        if errors is None or isinstance(exc, HelderError):
            raise
        errors.append((document.path, internal_error(document.path, exc)))
        return None


def internal_error(path: str, exc: BaseException) -> str:
    """The one line for a document that an internal error stopped (the run goes on)."""
    from .documents.decoding import object_name

    return (f"helder kon {object_name(path)} niet controleren door een interne fout ({type(exc).__name__}: "
            f"{' '.join(str(exc).split())[:120]}). Meld dit alstublieft bij de makers van helder.")


# -- several processes ---------------------------------------------------------------------------

def _parallel(docs: list["Document"], options: Options, batch_size: int, jobs: int,
              progress: Progress | None, errors: list[tuple[str, str]] | None = None) -> Iterator[Report]:
    from .parallel import WorkerPool

    with WorkerPool(options, min(jobs, len(docs))) as pool:
        yield from pool.analyze(docs, batch_size, progress, errors)


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
    document = load_path(path)
    return next(analyze_documents([document], options))


def analyze_files(paths: Sequence[str | Path], *, options: Options | None = None, jobs: int = 1) -> Iterator[Report]:
    from .documents import load_path

    return analyze_documents((load_path(Path(p)) for p in paths), options, jobs=jobs)
