"""The body of ``helder check`` (its options and help texts are in :mod:`helder.cli`): find the files,
read the baseline, analyse (here or on a ``helder serve``), print, and the exit code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..errors import HelderError
from ..types import Report
from .output import check_output, print_reports, say, write_output

if TYPE_CHECKING:
    from ..analysis import Options
    from ..baseline import Baseline
    from ..config import Resolver

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass
class CheckRun:
    """What ``helder check`` was asked to do besides the settings (those are in ``options``)."""

    paths: Sequence[str]
    options: "Options"
    resolver: "Resolver"
    fmt: str = "text"
    output: str | None = None
    baseline_path: str | None = None
    update_baseline: bool = False
    exclude: Sequence[str] = ()
    jobs: int = 1
    stdin_filename: str | None = None
    timeout: float | None = None
    server: str | None = None


def run(req: CheckRun) -> int:
    """``helder check`` without ``--fix``/``--diff``/``--annotate``; returns the exit code."""
    from .. import cli  # _files, _load and _run are looked up at call time (tests replace them)

    errors: list[tuple[str, str]] = []
    files = cli._files(req.paths, req.resolver, req.exclude, errors=errors)
    check_output(req.output, files)
    # the baseline is checked before the analysis: a missing or broken one should not cost a whole run
    bl_path, baseline = _baseline(req)
    documents, load_errors = cli._load(files, req.stdin_filename, req.timeout)
    errors += load_errors
    reports = _analyse(req, documents, errors)
    if req.update_baseline:
        baseline.update(reports).save()
        n = sum(len(r.findings) for r in reports)
        say(f"helder: basislijn {bl_path} bijgewerkt: {n} opmerking{'en' if n != 1 else ''} "
            f"in {len(reports)} bestand{'en' if len(reports) != 1 else ''}", err=True)
        for _, msg in errors:
            say(f"helder: {msg}", err=True)
        return EXIT_ERROR if errors else EXIT_OK
    known = 0
    if baseline is not None:
        reports, known = baseline.filter(reports)
    if req.fmt == "html" or req.output:
        write_output(req.fmt, req.output, reports, errors, documents, known)
    else:
        print_reports(req.fmt, reports, errors, documents, known)
    if not files and not errors:
        say("helder: geen bestanden om te controleren", err=True)
    if errors:
        return EXIT_ERROR
    return exit_code(reports, documents, req.options)


def _baseline(req: CheckRun) -> tuple[Path | str | None, "Baseline | None"]:
    """``--baseline``, else ``baseline`` in the configuration of the current folder."""
    from ..baseline import DEFAULT_NAME, Baseline

    bl_path = req.baseline_path or req.resolver.config_for(".").baseline
    if req.update_baseline:
        from ..fileio import require_regular

        bl_path = Path(bl_path or DEFAULT_NAME)
        require_regular(bl_path, what="de basislijn", error=HelderError)
        return bl_path, (Baseline.load(bl_path) if bl_path.is_file() else Baseline(bl_path))
    return bl_path, (Baseline.load(bl_path) if bl_path else None)


def _analyse(req: CheckRun, documents: list, errors: list[tuple[str, str]]) -> list[Report]:
    from .. import cli

    progress = cli._Progress(len(documents))
    try:
        def local(docs):
            return cli._run(docs, req.options, jobs=cli._jobs(req.jobs), progress=progress, errors=errors)

        if documents and req.server:
            from ..web.remote import run as remote_run

            return remote_run(req.server, documents, req.options, local, lambda m: say(m, err=True))
        return local(documents) if documents else []
    finally:
        progress.close()


def exit_code(reports: Sequence[Report], documents: Sequence, options: "Options") -> int:
    """1 when a finding reaches the ``fail-on`` of its document's settings, else 0."""
    from ..config.settings import settings_for
    from ..documents import format_for_path

    formats = {d.path: d.format for d in documents}
    for r in reports:
        if not r.findings:
            continue
        settings = settings_for(r.path, formats.get(r.path) or format_for_path(r.path), options)
        if any(f.severity >= settings.fail_on for f in r.findings):
            return EXIT_FINDINGS
    return EXIT_OK
