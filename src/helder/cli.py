"""The command line: a thin layer over the API. parse -> analyse -> format -> exit code.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it (``helder check``);
2 a usage, configuration or input error, with a one-line reason on stderr.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Sequence

import click

from . import __version__
from .errors import HelderError, InputError
from .types import Report, Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

SEVERITY_CHOICE = click.Choice(["suggestion", "warning", "error"], case_sensitive=False)


def _expand(paths: Sequence[str]) -> list[str]:
    """Files as given; directories walked for files helder can read (hidden folders skipped)."""
    from .documents import SUPPORTED_SUFFIXES

    out: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            found = sorted(
                str(f) for f in path.rglob("*")
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(path).parts)
            )
            out.extend(found)
        else:
            out.append(p)
    return out


def _load(paths: Sequence[str]):
    """Load every path; return (documents, errors) — a bad file does not stop the others."""
    from .documents import load_path

    docs, errors = [], []
    for p in _expand(paths):
        try:
            docs.append(load_path(Path(p)))
        except InputError as exc:
            errors.append((p, str(exc)))
    return docs, errors


def _run(documents, options) -> list[Report]:
    from .analysis import analyze_documents

    return list(analyze_documents(documents, options))


def _select(codes: str | None) -> tuple[str, ...]:
    if not codes:
        return ()
    return tuple(c.strip().upper() for c in codes.split(",") if c.strip())


def _selected(code: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """Longest matching prefix wins (a tie goes to ``ignore``); no ``select`` selects everything."""
    code = code.upper()
    if select:
        matches = [len(s) for s in select if code.startswith(s)]
        if not matches:
            return False
        sel_len = max(matches)
    else:
        sel_len = 0
    ign_len = max((len(s) for s in ignore if code.startswith(s)), default=-1)
    return sel_len > ign_len


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="helder")
def cli() -> None:
    """helder: controleer of een Nederlandse tekst helder en begrijpelijk is (taalniveau B1)."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Uitvoer: een tabel voor mensen of JSON voor andere programma's.")
@click.option("--model", default=None, help="Naam of map van het spaCy-taalmodel.")
@click.option("--sentences/--no-sentences", default=True, help="Scores per zin in de JSON-uitvoer.")
def score(paths: tuple[str, ...], fmt: str, model: str | None, sentences: bool) -> int:
    """Geef de leesbaarheidscijfers van teksten (bestanden, mappen of - voor invoer)."""
    from .analysis import Options

    documents, errors = _load(paths)
    reports = _run(documents, Options(model=model)) if documents else []
    if fmt == "json":
        from .formatters.json_format import render

        click.echo(render(reports, errors, include_sentences=sentences))
    else:
        from .formatters.text import render_score, render_score_summary

        blocks = [render_score(r) for r in reports]
        if blocks:
            click.echo("\n\n".join(blocks))
        if len(reports) > 1:
            click.echo("\n" + render_score_summary(reports))
    for _, msg in errors:
        click.echo(f"helder: {msg}", err=True)
    return EXIT_ERROR if errors else EXIT_OK


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "full", "json"]), default="text",
              show_default=True, help="text: één regel per opmerking; full: met de zin en een pijltje; json.")
@click.option("--profile", "-p", default=None, help="Teksttype: brief, web of raadsvoorstel.")
@click.option("--fail-on", type=SEVERITY_CHOICE, default="warning", show_default=True,
              help="Vanaf deze ernst is de exitcode 1.")
@click.option("--min-severity", type=SEVERITY_CHOICE, default="suggestion", show_default=True,
              help="Toon alleen opmerkingen vanaf deze ernst.")
@click.option("--select", default=None, help="Alleen deze regels (codes of begin van codes, met komma's).")
@click.option("--ignore", default=None, help="Deze regels niet (codes of begin van codes, met komma's).")
@click.option("--grammar/--no-grammar", default=False, help="Ook spelling en grammatica met LanguageTool.")
@click.option("--grammar-url", default=None, help="Adres van een LanguageTool-server (anders HELDER_LANGUAGETOOL_URL of een eigen server).")
@click.option("--grammar-required", is_flag=True, default=False,
              help="Stop met exitcode 2 als LanguageTool niet werkt (anders alleen een waarschuwing).")
@click.option("--model", default=None, help="Naam of map van het spaCy-taalmodel.")
def check(paths: tuple[str, ...], fmt: str, profile: str | None, fail_on: str, min_severity: str,
          select: str | None, ignore: str | None, grammar: bool, grammar_url: str | None,
          grammar_required: bool, model: str | None) -> int:
    """Controleer teksten op heldere taal en zeg per zin wat beter kan."""
    from dataclasses import replace

    from .analysis import Options

    documents, errors = _load(paths)
    options = Options(model=model, checks=True, profile=profile, grammar=grammar or grammar_required,
                      grammar_url=grammar_url, grammar_required=grammar_required)
    reports = _run(documents, options) if documents else []
    sel, ign = _select(select), _select(ignore)
    floor = Severity.parse(min_severity)
    kept = []
    for r in reports:
        fs = tuple(f for f in r.findings if f.severity >= floor and _selected(f.code, sel, ign))
        kept.append(replace(r, findings=fs))
    reports = kept
    threshold = Severity.parse(fail_on)
    if fmt == "json":
        from .formatters.json_format import render

        click.echo(render(reports, errors, include_sentences=False))
    else:
        from .formatters.text import render_check_summary, render_findings

        by_path = {d.path: d for d in documents}
        for r in reports:
            doc = by_path.get(r.path)
            text = render_findings(r, full=fmt == "full", source_line=doc.source_line if doc else None)
            if text:
                click.echo(text)
            for w in r.warnings:
                click.echo(f"helder: let op ({r.path}): {w}", err=True)
        if reports:
            click.echo(("\n" if any(r.findings for r in reports) else "") + render_check_summary(reports, threshold))
    for _, msg in errors:
        click.echo(f"helder: {msg}", err=True)
    if errors:
        return EXIT_ERROR
    failing = any(f.severity >= threshold for r in reports for f in r.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


@cli.command(name="rules")
@click.option("--profile", "-p", default=None, help="Toon welke regels dit profiel gebruikt.")
def rules_cmd(profile: str | None) -> int:
    """Toon alle regels."""
    from .checks import load_profile, load_rules

    rules = load_rules()
    active = None
    if profile:
        prof = load_profile(profile)
        active = set(getattr(prof, "rules", None) or [r.code for r in rules])
    for r in rules:
        mark = ""
        if active is not None:
            mark = "  (aan)" if r.code in active else "  (uit)"
        click.echo(f"{r.code}  {r.name:<28} {Severity.parse(r.severity).dutch:<12} {_first_line(r.description)}{mark}")
    return EXIT_OK


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if text else ""


@cli.command(name="rule")
@click.argument("code")
def rule_cmd(code: str) -> int:
    """Leg één regel uit, met voorbeelden."""
    from .checks import load_rules

    wanted = code.strip().upper()
    for r in load_rules():
        if r.code.upper() == wanted:
            click.echo(f"{r.code} {r.name} ({Severity.parse(r.severity).dutch})")
            click.echo("")
            click.echo((r.description or "").strip())
            if getattr(r, "link", None):
                click.echo(f"\nMeer uitleg: {r.link}")
            examples = getattr(r, "examples", None) or {}
            fail = examples.get("fail", []) if isinstance(examples, dict) else getattr(examples, "fail", [])
            ok = examples.get("pass", []) if isinstance(examples, dict) else getattr(examples, "pass_", [])
            if fail:
                click.echo("\nNiet zo:")
                for e in fail:
                    click.echo(f"  - {e}")
            if ok:
                click.echo("\nWel zo:")
                for e in ok:
                    click.echo(f"  - {e}")
            return EXIT_OK
    raise HelderError(f"regel '{code}' bestaat niet; 'helder rules' toont alle regels")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default: sys.argv[1:]) and return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        rv = cli.main(args=args, prog_name="helder", standalone_mode=False)
    except click.exceptions.Exit as exc:  # --help, --version
        return int(exc.exit_code or 0)
    except click.exceptions.Abort:
        click.echo("helder: afgebroken", err=True)
        return EXIT_ERROR
    except click.ClickException as exc:
        click.echo(f"helder: {exc.format_message()}", err=True)
        return EXIT_ERROR
    except HelderError as exc:
        click.echo(f"helder: {exc}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:
            pass
        return EXIT_OK
    return int(rv or 0)
