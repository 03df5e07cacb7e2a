"""``helder check --fix``, ``--diff`` and ``--annotate``: the command-line side of :mod:`helder.fixing`.

- ``--fix PATH…``: apply the safe fixes (``--unsafe-fixes``: all) to ``.txt``, ``.md`` and ``.html``
  files in place, then report what is left. From standard input (``-``) the fixed text goes to
  standard output and the report to standard error.
- ``--diff PATH…``: print a unified diff of what ``--fix`` would do; change nothing. Exit code 1 when
  there is something to change, 0 when not, 2 on an error.
- ``--annotate -o OUT.docx IN.docx``: a copy of a Word file with a comment on each finding and each
  safe fix as a tracked change (:mod:`.docx`). The input is never changed.

Bad input (a folder, a read-only file, a file changed during the run, ``-o`` naming the input, a file
type that cannot hold comments, a damaged Word file) gives one line of Dutch and exit code 2; no file
is touched.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import click

from ..documents import BINARY_FORMATS, format_for_path
from ..errors import HelderError, InputError
from .apply import FixResult, analyze_source, fix_document
from .files import Encoded, check_writable, encoding_of, write_atomic

if TYPE_CHECKING:
    from ..analysis import Options
    from ..config import Resolver


EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
TEXT_SUFFIXES = (".txt", ".md", ".html")


@dataclass
class Source:
    """One text to fix: where it came from, its bytes, and how to write it back."""

    path: str
    data: bytes
    how: Encoded
    document: Any


def _read(path: str) -> Source:
    from ..documents import MAX_BYTES, _read_file, _read_stdin, from_string

    fmt = format_for_path(path)
    if path != "-" and fmt in BINARY_FORMATS:
        raise InputError(f"--fix en --diff werken op .txt-, .md- en .html-bestanden, niet op {path}. "
                         "Gebruik voor Word: helder check --annotate -o UIT.docx IN.docx")
    if path == "-":
        data = _read_stdin(MAX_BYTES)
    else:
        p = Path(path)
        if p.is_dir():
            raise InputError(f"{path} is een map, geen bestand.")
        data = _read_file(p, MAX_BYTES)
    text, how = encoding_of(data, path)
    if not text.strip():
        raise InputError(f"{'De invoer (stdin)' if path == '-' else 'Het bestand ' + path} is leeg.")
    return Source(path, data, how, from_string(text, format=fmt, path=path))


def _diff(src: Source, fixed: str) -> str:
    name = "stdin" if src.path == "-" else src.path
    old = src.document.source.splitlines(keepends=True)
    new = fixed.splitlines(keepends=True)
    lines = difflib.unified_diff(old, new, f"a/{name}", f"b/{name}")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
                   for line in lines)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def run_fix(paths: Sequence[str], options: "Options", *, resolver: "Resolver", exclude: Sequence[str], fmt: str,
            unsafe: bool, diff: bool, jobs: int) -> int:
    """``--fix`` / ``--diff`` over ``paths``; returns the exit code."""
    from ..analysis import analyze_documents
    from ..cli import _files, _output
    from ..commands.check import exit_code

    named = set(paths)
    # a Word, OpenDocument or PDF file found in a folder is not a text to fix: left out quietly
    files = [f for f in _files(paths, resolver, exclude) if f in named or format_for_path(f) not in BINARY_FORMATS]
    sources: list[Source] = []
    errors: list[tuple[str, str]] = []
    for path in files:
        try:
            src = _read(path)
            if not diff and path != "-":
                check_writable(Path(path))
            sources.append(src)
        except InputError as exc:
            errors.append((path, str(exc)))
    reports = list(analyze_documents([s.document for s in sources], options, jobs=jobs)) if sources else []
    changed = 0
    after_reports, after_docs = [], []
    for src, report in zip(sources, reports):
        result = fix_document(src.document, report, options, unsafe=unsafe)
        if result.refused:
            click.echo(f"helder: {src.path}: {_plural(len(result.refused), 'verbetering', 'verbeteringen')} "
                       "niet toegepast, omdat er dan een nieuwe opmerking zou komen", err=True)
        if diff:
            if result.text != src.document.source:
                changed += 1
                click.echo(_diff(src, result.text), nl=False)
            continue
        try:
            _write(src, result)
        except InputError as exc:
            errors.append((src.path, str(exc)))
            continue
        changed += result.text != src.document.source
        after, document = _after(src, result, options)
        after_reports.append(after)
        after_docs.append(document)
    if diff:
        for _, msg in errors:
            click.echo(f"helder: {msg}", err=True)
        return EXIT_ERROR if errors else (EXIT_FINDINGS if changed else EXIT_OK)
    to_stderr = any(s.path == "-" for s in sources)
    with contextlib.redirect_stdout(sys.stderr) if to_stderr else contextlib.nullcontext():
        _output(fmt, after_reports, errors, after_docs, 0)
    if not files:
        click.echo("helder: geen bestanden om te controleren", err=True)
    if errors:
        return EXIT_ERROR
    return exit_code(after_reports, after_docs, options)


def _write(src: Source, result: FixResult) -> None:
    if src.path == "-":
        out = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
        data = result.text.encode("utf-8")
        if out is not None:
            sys.stdout.flush()
            out.write(data)
            out.flush()
        else:
            sys.stdout.write(result.text)
        return
    if result.text == src.document.source:
        return
    write_atomic(Path(src.path), src.how.encode(result.text, src.path), expected=src.data)
    click.echo(f"helder: {src.path}: {_plural(len(result.applied), 'verbetering', 'verbeteringen')} toegepast",
               err=True)


def _after(src: Source, result: FixResult, options: "Options"):
    if result.after is not None and result.after_document is not None:
        return result.after, result.after_document
    report, document = analyze_source(src.document, result.text, options)
    return report, document


# ── --annotate ────────────────────────────────────────────────────────────────────────────────────

def dispatch(paths: Sequence[str], options: "Options", *, resolver: "Resolver", exclude: Sequence[str], fmt: str,
             output: str | None, fix: bool, unsafe: bool, diff: bool, annotate: bool, jobs: int) -> int:
    """The entry point ``helder check`` calls for ``--fix``, ``--diff``, ``--unsafe-fixes`` and ``--annotate``."""
    if sum((fix, diff, annotate)) != 1:
        raise HelderError("kies één van --fix, --diff en --annotate (--unsafe-fixes werkt alleen samen met één ervan)")
    if annotate:
        return run_annotate(paths, options, output=output, unsafe=unsafe)
    if output:
        raise HelderError("-o past niet bij --fix of --diff: --fix verandert de bestanden zelf, --diff schrijft naar "
                          "de uitvoer")
    if fmt == "html":
        raise HelderError("--format html past niet bij --fix of --diff")
    return run_fix(paths, options, resolver=resolver, exclude=exclude, fmt=fmt, unsafe=unsafe, diff=diff, jobs=jobs)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def run_annotate(paths: Sequence[str], options: "Options", *, output: str | None, unsafe: bool) -> int:
    """``--annotate -o OUT IN``: write the annotated copy; returns the exit code."""
    from ..analysis import analyze_documents, settings_for
    from ..documents import load_path

    if len(paths) != 1 or paths[0] == "-":
        raise HelderError("--annotate werkt op één Word-bestand: helder check --annotate -o UIT.docx IN.docx")
    if not output:
        raise HelderError("--annotate heeft -o UIT.docx nodig: helder verandert het Word-bestand zelf nooit")
    source, target = Path(paths[0]), Path(output)
    fmt = format_for_path(source)
    if source.is_dir():
        raise InputError(f"{source} is een map, geen Word-bestand.")
    if fmt not in ("docx", "odt"):
        raise InputError(f"--annotate werkt op Word-bestanden (.docx) en OpenDocument (.odt), niet op {source}: "
                         "daarin passen geen opmerkingen. Gebruik --fix of --diff voor tekstbestanden.")
    if target.suffix.lower() != source.suffix.lower():
        raise InputError(f"-o {output} moet ook op {source.suffix.lower()} eindigen.")
    if _same_file(source, target) or os.path.abspath(source) == os.path.abspath(target):
        raise InputError(f"-o {output} is hetzelfde bestand als de invoer. Kies een andere naam: helder "
                         "verandert het origineel nooit.")
    if target.is_dir():
        raise InputError(f"-o {output} is een map. Geef een bestandsnaam op.")
    from ..documents.office import missing_library

    missing = missing_library(fmt)
    if missing:
        raise InputError(missing)
    document = load_path(source)
    data = source.read_bytes()
    report = next(analyze_documents([document], options))
    if fmt == "docx":
        from .docx import annotate_docx

        out, stats = annotate_docx(data, report.findings, unsafe=unsafe, path=str(source), source=document.source)
    else:
        from .odt import annotate_odt

        out, stats = annotate_odt(data, report.findings, path=str(source), source=document.source)
    write_atomic(target, out, expected=None)
    click.echo(f"helder: {output}: {_plural(stats.comments, 'opmerking', 'opmerkingen')} als commentaar, "
               f"{_plural(stats.changes, 'verbetering', 'verbeteringen')} als wijziging om te accepteren"
               + (f"; {stats.skipped} niet geplaatst" if stats.skipped else ""), err=True)
    fail_on = settings_for(document, options).fail_on
    failing = any(f.severity >= fail_on for f in report.findings)
    return EXIT_FINDINGS if failing else EXIT_OK
