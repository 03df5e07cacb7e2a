"""The command line: a thin layer over the API. parse -> analyse -> format -> exit code.

Commands: ``helder check PATH… | -``, ``helder score PATH…``, ``helder rules``, ``helder rule CODE``,
``helder config [PATH]``. ``main(argv) -> int`` runs it without a subprocess (for tests).

Exit codes
----------

- ``0``: no finding at or above ``--fail-on`` (default ``warning``; ``fail-on`` in the configuration);
  for ``score``, ``rules``, ``rule`` and ``config``: it worked. ``--update-baseline`` exits 0 too.
- ``1``: ``helder check`` found something at or above ``--fail-on`` (with ``--baseline``: something new).
- ``2``: a usage, configuration or input error (unknown option, code or profile, a wrong configuration
  file, a file that cannot be read or runs over its ``--timeout``/``--max-memory`` budget, a missing
  baseline, output that cannot be written in full), with a one-line reason on stderr. When one
  of several files cannot be read, the others are still checked and reported.
- ``130``: interrupted (Ctrl-C).

Formats of ``helder check``: ``text`` (``path:line:col: CODE message``), ``full`` (with the source line
and a caret), ``json`` (schema 1, :mod:`helder.formatters.json_format`), ``github`` (workflow
annotations, :mod:`helder.formatters.github`), ``sarif`` (SARIF 2.1.0, :mod:`helder.formatters.sarif`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Sequence

import click

from . import __version__
from .commands.output import print_reports as _output  # noqa: F401 - used by helder.fixing and tests
from .commands.output import say as _say
from .errors import HelderError, InputError
from .types import Report, Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130

SEVERITY_CHOICE = click.Choice(["suggestion", "warning", "error"], case_sensitive=False)
CHECK_FORMATS = ["text", "full", "json", "github", "sarif", "html"]
#: Show progress on stderr (when it is a terminal) from this many files on.
PROGRESS_MIN_FILES = 20

EXIT_HELP = """\b
Exitcodes:
  0  geen opmerkingen vanaf --fail-on (standaard: warning)
  1  wel opmerkingen vanaf --fail-on (met --baseline: nieuwe opmerkingen)
  2  fout in het gebruik, de configuratie of een bestand (met één regel uitleg)
  130  afgebroken (Ctrl-C)
"""


def _load(paths: Sequence[str], stdin_filename: str | None = None, timeout: float | None = None):
    """Load every path; return (documents, errors) — a bad file does not stop the others.

    ``stdin_filename``: standard input is read as the type of that name and reported under it.
    ``timeout``: seconds for reading one file (the same budget as for its analysis).
    """
    from .budget import time_budget
    from .documents import format_for_path, load_path

    docs, errors = [], []
    for p in paths:
        try:
            with time_budget(timeout, p):
                if p == "-" and stdin_filename:
                    docs.append(load_path(Path(p), format_for_path(stdin_filename), name=stdin_filename))
                else:
                    docs.append(load_path(Path(p)))
        except MemoryError:
            from .budget import too_much_memory

            errors.append((p, str(too_much_memory(p))))
        except InputError as exc:
            errors.append((p, str(exc)))
    return docs, errors


class _Progress:
    """``helder: 37/200 bestanden`` on one line of stderr, only on a terminal and for many files."""

    def __init__(self, total: int, stream=None, *, minimum: int = PROGRESS_MIN_FILES) -> None:
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = total >= minimum and bool(isatty and isatty())
        self.total = total
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        self.stream.write(f"\rhelder: {done}/{total} bestanden")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self.stream.write("\r" + " " * 40 + "\r")
            self.stream.flush()


def _run(documents, options, *, jobs: int = 1, progress=None, errors=None) -> list[Report]:
    from .analysis import analyze_documents

    return list(analyze_documents(documents, options, jobs=jobs, progress=progress, errors=errors))


def _files(paths: Sequence[str], resolver, exclude: Sequence[str] = (), errors=None) -> list[str]:
    from .walk import expand

    return expand(paths, config_for=resolver.config_for, exclude=exclude, errors=errors)


def _budget_options(fn):
    from .budget import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT

    fn = click.option("--max-memory", type=click.IntRange(min=0), default=DEFAULT_MEMORY_MB, show_default=True,
                      metavar="MB", help="Zoveel geheugen mag helder gebruiken (0: geen grens).")(fn)
    fn = click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
                      metavar="SECONDEN", help="Zoveel tijd per bestand, en nog eens zoveel per miljoen tekens tekst; een bestand dat langer duurt wordt "
                      "overgeslagen met een foutmelding (0: geen grens).")(fn)
    return click.option("--stdin-filename", default=None, metavar="NAAM",
                        help="Lees de invoer (-) als een bestand met deze naam: het soort tekst en de "
                             "configuratie volgen uit de naam.")(fn)


def _resolver(config_path: str | None, no_config: bool, paths: Sequence[str] = ()):
    """The configuration resolver of a command. The configurations of ``paths`` are read first, so that
    codes of the rule folders they name are known when ``--select``/``--ignore`` are checked."""
    from .config import Resolver
    from .errors import ConfigError

    resolver = Resolver(config_path, isolated=no_config)
    if config_path is None and not no_config:
        for path in paths:
            if path != "-":
                try:
                    resolver.config_for(path)
                except (ConfigError, OSError, ValueError):
                    pass  # reported when a file it applies to is read or checked
    return resolver


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_HELP)
@click.version_option(__version__, prog_name="helder")
def cli() -> None:
    """helder: controleer of een Nederlandse tekst helder en begrijpelijk is (taalniveau B1)."""


def _config_options(fn):
    fn = click.option("--no-config", is_flag=True, default=False,
                      help="Lees geen configuratiebestand (pyproject.toml of helder.toml).")(fn)
    fn = click.option("--config", "config_path", default=None, metavar="BESTAND",
                      help="Dit configuratiebestand, in plaats van het dichtstbijzijnde pyproject.toml of helder.toml.")(fn)
    return fn


def _rule_options(fn):
    for decorator in reversed([
        click.option("--profile", "-p", default=None, help="Teksttype: brief, web of raadsvoorstel."),
        click.option("--fail-on", type=SEVERITY_CHOICE, default=None,
                     help="Vanaf deze ernst is de exitcode 1 (standaard: warning)."),
        click.option("--min-severity", type=SEVERITY_CHOICE, default=None,
                     help="Toon alleen opmerkingen vanaf deze ernst (standaard: suggestion)."),
        click.option("--select", default=None, help="Alleen deze regels (codes of begin van codes, met komma's)."),
        click.option("--ignore", default=None, help="Deze regels niet (codes of begin van codes, met komma's)."),
        click.option("--grammar/--no-grammar", default=None, help="Ook spelling en grammatica met LanguageTool."),
        click.option("--grammar-url", default=None,
                     help="Adres van een LanguageTool-server (anders HELDER_LANGUAGETOOL_URL of een eigen server)."),
    ]):
        fn = decorator(fn)
    return _config_options(fn)


def _options(*, model=None, checks=True, profile=None, resolver=None, select=None, ignore=None,
             min_severity=None, fail_on=None, grammar=None, grammar_url=None, grammar_required=False):
    from .analysis import Options
    from .config import parse_codes

    if profile:
        from .checks import load_profile

        load_profile(profile)  # an unknown profile is an error before anything is read
    return Options(model=model, checks=checks, profile=profile, config=resolver,
                   grammar=True if grammar_required else grammar, grammar_url=grammar_url,
                   grammar_required=grammar_required,
                   select=parse_codes(select, "--select"), ignore=parse_codes(ignore, "--ignore"),
                   min_severity=min_severity, fail_on=fail_on)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Uitvoer: een tabel voor mensen of JSON voor andere programma's.")
@click.option("--model", default=None, help="Naam of map van het spaCy-taalmodel.")
@click.option("--sentences/--no-sentences", default=True, help="Scores per zin in de JSON-uitvoer.")
@click.option("--profile", default=None, help="Profiel waarvan het doel (taalniveau) geldt; standaard per soort bestand.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Zoveel processen tegelijk (0: één per processorkern).")
@_config_options
@_budget_options
def score(paths: tuple[str, ...], fmt: str, model: str | None, sentences: bool, profile: str | None, jobs: int,
          config_path: str | None, no_config: bool, timeout: float, max_memory: int,
          stdin_filename: str | None) -> int:
    """Geef de leesbaarheidscijfers van teksten (bestanden, mappen of - voor invoer)."""
    from .analysis import Options
    from .budget import limit_memory

    limit_memory(max_memory)
    resolver = _resolver(config_path, no_config)
    if profile:
        from .checks import load_profile

        load_profile(profile)  # an unknown profile is an error before anything is read
    errors: list[tuple[str, str]] = []
    files = _files(paths, resolver, errors=errors)
    documents, load_errors = _load(files, stdin_filename, timeout)
    errors += load_errors
    progress = _Progress(len(documents))
    try:
        options = Options(model=model, profile=profile, config=resolver, timeout=timeout or None)
        reports = _run(documents, options, jobs=_jobs(jobs), progress=progress, errors=errors) if documents else []
    finally:
        progress.close()
    if fmt == "json":
        from .formatters.json_format import render

        _say(render(reports, errors, include_sentences=sentences))
    else:
        from .formatters.text import render_score, render_score_summary

        blocks = [render_score(r) for r in reports]
        if blocks:
            _say("\n\n".join(blocks))
        if len(reports) > 1:
            _say("\n" + render_score_summary(reports))
    for _, msg in errors:
        _say(f"helder: {msg}", err=True)
    if not files and not errors:
        _say("helder: geen bestanden om te controleren", err=True)
    return EXIT_ERROR if errors else EXIT_OK


def _jobs(jobs: int) -> int:
    return (os.cpu_count() or 1) if jobs == 0 else jobs


@cli.command(epilog=EXIT_HELP)
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(CHECK_FORMATS), default="text", show_default=True,
              help="text: één regel per opmerking; full: met de zin en een pijltje; json; "
                   "github: meldingen in GitHub Actions; sarif: SARIF 2.1.0; html: een rapport om te bekijken.")
@click.option("--output", "-o", "output", default=None, metavar="BESTAND",
              help="Schrijf de uitvoer naar dit bestand (bijvoorbeeld rapport.html).")
@_rule_options
@click.option("--grammar-required", is_flag=True, default=False,
              help="Stop met exitcode 2 als LanguageTool niet werkt (anders alleen een waarschuwing).")
@click.option("--model", default=None, help="Naam of map van het spaCy-taalmodel.")
@click.option("--baseline", "baseline_path", default=None, metavar="BESTAND",
              help="Bekende opmerkingen uit dit bestand niet tonen: alleen nieuwe opmerkingen tellen.")
@click.option("--update-baseline", is_flag=True, default=False,
              help="Schrijf de opmerkingen van nu in de basislijn (--baseline) en stop met exitcode 0.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Sla deze bestanden over (naast 'exclude' in de configuratie). Mag vaker.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Zoveel processen tegelijk (0: één per processorkern).")
@click.option("--server", default=None, envvar="HELDER_SERVER", metavar="URL",
              help="Laat een draaiende 'helder serve' op dit adres het werk doen (sneller); anders zelf.")
@click.option("--fix", is_flag=True, default=False,
              help="Pas de veilige verbeteringen toe in .txt-, .md- en .html-bestanden en toon wat overblijft.")
@click.option("--unsafe-fixes", is_flag=True, default=False,
              help="Met --fix, --diff of --annotate: ook de verbeteringen die niet zeker goed zijn.")
@click.option("--diff", is_flag=True, default=False,
              help="Toon wat --fix zou veranderen (unified diff); verandert niets. Exitcode 1: er is iets te verbeteren.")
@click.option("--annotate", is_flag=True, default=False,
              help="Schrijf een kopie van een Word-bestand (-o UIT.docx) met opmerkingen en wijzigingen om te accepteren.")
@_budget_options
def check(paths: tuple[str, ...], fmt: str, profile: str | None, fail_on: str | None, min_severity: str | None,
          select: str | None, ignore: str | None, grammar: bool | None, grammar_url: str | None,
          config_path: str | None, no_config: bool, grammar_required: bool, model: str | None,
          baseline_path: str | None, update_baseline: bool, exclude: tuple[str, ...], jobs: int,
          output: str | None, timeout: float, max_memory: int, stdin_filename: str | None,
          server: str | None = None, fix: bool = False, unsafe_fixes: bool = False, diff: bool = False,
          annotate: bool = False) -> int:
    """Controleer teksten op heldere taal en zeg per zin wat beter kan.

    PATHS: bestanden, mappen (alle .txt, .md en .html eronder, zonder wat .gitignore of 'exclude'
    overslaat) of - voor invoer.
    """
    from .budget import limit_memory
    from .commands.check import CheckRun, run
    from .commands.output import SHOWN_ONCE

    SHOWN_ONCE.clear()
    limit_memory(max_memory)
    resolver = _resolver(config_path, no_config, paths)
    options = _options(model=model, profile=profile, resolver=resolver, select=select, ignore=ignore,
                       min_severity=min_severity, fail_on=fail_on, grammar=grammar, grammar_url=grammar_url,
                       grammar_required=grammar_required)
    options.timeout = timeout or None
    if fix or diff or annotate or unsafe_fixes:
        from .fixing.command import dispatch

        return dispatch(paths, options, resolver=resolver, exclude=exclude, fmt=fmt, output=output, fix=fix,
                        unsafe=unsafe_fixes, diff=diff, annotate=annotate, jobs=_jobs(jobs))
    return run(CheckRun(paths, options, resolver, fmt=fmt, output=output, baseline_path=baseline_path,
                        update_baseline=update_baseline, exclude=exclude, jobs=jobs, stdin_filename=stdin_filename,
                        timeout=timeout, server=server))


@cli.command(name="config")
@click.argument("path", required=False, default=".")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Uitvoer: tekst (zoals in het configuratiebestand) of JSON.")
@_rule_options
def config_cmd(path: str, fmt: str, profile: str | None, fail_on: str | None, min_severity: str | None,
               select: str | None, ignore: str | None, grammar: bool | None, grammar_url: str | None,
               config_path: str | None, no_config: bool) -> int:
    """Toon de configuratie die voor een bestand of map geldt, en waar elke waarde vandaan komt."""
    import json

    from .config import describe, render_description, settings_for
    from .documents import format_for_path

    resolver = _resolver(config_path, no_config, [path])
    options = _options(profile=profile, resolver=resolver, select=select, ignore=ignore,
                       min_severity=min_severity, fail_on=fail_on, grammar=grammar, grammar_url=grammar_url)
    p = Path(path)
    doc_format = None if (path == "." or p.is_dir()) else format_for_path(p)
    settings = settings_for(path, doc_format or "text", options)
    data = describe(settings, document_format=doc_format)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(render_description(data))
    return EXIT_OK


@cli.command(name="rules")
@click.option("--profile", "-p", default=None, help="Toon welke regels dit profiel gebruikt.")
@click.option("--check", "check_dir", default=None, metavar="MAP",
              help="Controleer een map met eigen regels: het schema en de voorbeelden (exitcode 0, 1 of 2).")
def rules_cmd(profile: str | None, check_dir: str | None) -> int:
    """Toon alle regels."""
    from .analysis import Options
    from .checks import load_rules
    from .config import discover, settings_for

    if check_dir is not None:
        from .rulecheck import check_folder

        return check_folder(check_dir, click.echo)
    discover()  # the rule folders of the current folder's configuration
    rules = load_rules()
    active = None
    if profile:  # the profile alone: no configuration file, no other flags
        active = set(settings_for(".", "text", Options(profile=profile)).rules)
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
    from .config import discover

    discover()  # the rule folders of the current folder's configuration
    wanted = code.strip().upper()
    for r in load_rules():
        if r.code.upper() == wanted:
            click.echo(f"{r.code} {r.name} ({Severity.parse(r.severity).dutch})"
                       + (f"\nEigen regel uit {r.folder}" if r.folder is not None else ""))
            click.echo("")
            click.echo((r.description or "").strip())
            if getattr(r, "link", None):
                click.echo(f"\nMeer uitleg: {r.link}")
            examples = getattr(r, "examples", None) or {}
            fail = [e.text for e in r.fail] if hasattr(r, "fail") else examples.get("fail", [])
            ok = [e.text for e in r.passes] if hasattr(r, "passes") else examples.get("pass", [])
            for title, items in (("Niet zo:", fail), ("Wel zo:", ok)):
                if items:
                    click.echo(f"\n{title}")
                    for e in items:
                        click.echo("  - " + "\n    ".join(line for line in e.strip().splitlines() if line.strip()))
            return EXIT_OK
    raise HelderError(f"regel '{code}' bestaat niet; 'helder rules' toont alle regels")


def _register_serve() -> None:
    from .web.server import serve_command

    cli.add_command(serve_command, "serve")


_register_serve()


def _register_languagetool() -> None:
    from .grammar.commands import languagetool_group

    cli.add_command(languagetool_group, "languagetool")


_register_languagetool()


def _register_audit() -> None:
    from .auditing.command import audit_command

    cli.add_command(audit_command, "audit")


_register_audit()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default: sys.argv[1:]) and return the exit code."""
    from .budget import restore_memory_limit, saved_memory_limit

    saved = saved_memory_limit()  # --max-memory caps this process; a caller running main() gets it back
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    finally:
        restore_memory_limit(saved)


def _main(args: list[str]) -> int:
    try:
        rv = cli.main(args=args, prog_name="helder", standalone_mode=False)
        sys.stdout.flush()  # a full or closed standard output fails here, not at exit
    except click.exceptions.Exit as exc:  # --help, --version
        return int(exc.exit_code or 0)
    except (click.exceptions.Abort, KeyboardInterrupt):
        _quiet_say("helder: afgebroken")
        return EXIT_INTERRUPTED
    except click.ClickException as exc:
        _quiet_say(f"helder: {exc.format_message()}")
        return EXIT_ERROR
    except HelderError as exc:
        _quiet_say(f"helder: {exc}")
        return exc.exit_code
    except BrokenPipeError:  # the reader of our output has gone (helder check | head): no message
        _drop_stdout()
        return EXIT_ERROR
    except SystemExit:  # click's own handling of a broken pipe (EPIPE) ends in sys.exit(1)
        _drop_stdout()
        return EXIT_ERROR
    except OSError as exc:  # standard output is full or broken
        _drop_stdout()
        _quiet_say(f"helder: kan de uitvoer niet schrijven ({exc.strerror or exc})")
        return EXIT_ERROR
    return int(rv or 0)


def _quiet_say(text: str) -> None:
    """A message on stderr that never raises (stderr may be closed too)."""
    try:
        _say(text, err=True)
    except (OSError, ValueError):
        pass


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so Python's flush at exit does not print a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
