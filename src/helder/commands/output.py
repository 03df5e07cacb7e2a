"""What ``helder check`` prints: the formats on standard output or in a file (``-o``), the warnings
and errors on standard error."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import click

from ..errors import HelderError
from ..types import Report, Severity


def say(text: str, err: bool = False) -> None:
    """``click.echo`` of text that is always valid UTF-8 (a file name may not be); on stderr without
    control characters (a file name could hold a terminal escape sequence)."""
    from ..fileio import valid_utf8

    if err:
        from ..formatters.text import terminal_safe

        text = terminal_safe(text)
    click.echo(valid_utf8(text), err=err)


def check_output(output: str | None, files: Sequence[str]) -> None:
    """``-o`` may never name one of the files that are read (it would replace the writer's text)."""
    if not output:
        return
    from ..fileio import display_name, same_file

    for f in files:
        if f != "-" and same_file(f, output):
            raise HelderError(f"-o {display_name(output)} is een van de bestanden die helder leest. "
                              "Kies een ander bestand voor de uitvoer.")


def write_output(fmt: str, output: str | None, reports: list[Report], errors, documents, known: int) -> None:
    """``--format html`` and ``-o FILE``: write the report to a file (or HTML to standard output)."""
    if fmt == "html":
        from ..formatters.html_report import render_html, write_html

        if output:
            write_html(reports, documents, Path(output), errors=errors)
        else:
            say(render_html(reports, documents, errors=errors))
    else:
        import contextlib
        import io

        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            print_reports(fmt, reports, errors, documents, known)
        from ..fileio import valid_utf8, write_atomic

        write_atomic(output, valid_utf8(buf.getvalue()))
    echo_warnings(reports)
    for _, msg in errors:
        say(f"helder: {msg}", err=True)
    if output:
        say(f"helder: geschreven naar {output}", err=True)


SHOWN_ONCE: set[str] = set()


def echo_warnings(reports: list[Report]) -> None:
    """Print each report's warnings; one about an unavailable LanguageTool only once per run."""
    from ..grammar import WARNING_PREFIX

    for r in reports:
        for w in r.warnings:
            if w.startswith(WARNING_PREFIX):
                if w not in SHOWN_ONCE:
                    SHOWN_ONCE.add(w)
                    say(f"helder: let op: {w}", err=True)
            else:
                say(f"helder: let op ({r.path}): {w}", err=True)


def print_reports(fmt: str, reports: list[Report], errors: list[tuple[str, str]], documents, known: int) -> None:
    if fmt in ("json", "github", "sarif"):
        if fmt == "json":
            from ..formatters.json_format import render

            say(render(reports, errors, include_sentences=False))
        elif fmt == "github":
            from ..formatters.github import render as render_github

            text = render_github(reports, errors)
            if text:
                say(text)
        else:
            from ..formatters.sarif import render as render_sarif

            say(render_sarif(reports, errors))
        echo_warnings(reports)
        for _, msg in errors:
            say(f"helder: {msg}", err=True)
        return
    from ..formatters.text import render_check_summary, render_findings

    by_path = {d.path: d for d in documents}
    for r in reports:
        doc = by_path.get(r.path)
        text = render_findings(r, full=fmt == "full", source_line=doc.source_line if doc else None)
        if text:
            say(text)
        echo_warnings([r])
    if reports:
        summary = render_check_summary(reports, Severity.WARNING)
        if known:
            summary += (f"\n{known} bekende opmerking{'en' if known != 1 else ''} uit de basislijn "
                        f"niet getoond.")
        say(("\n" if any(r.findings for r in reports) else "") + summary)
    for _, msg in errors:
        say(f"helder: {msg}", err=True)
