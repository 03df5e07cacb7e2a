"""The ``helder audit`` command (registered from :mod:`helder.cli`)."""

from __future__ import annotations

import sys

import click

HELP_ENGINE = "local: processen op deze computer (--jobs); dask: een Dask-cluster (--scheduler of --workers)."


def _say_progress(n: int) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\rhelder: {n} documenten klaar")
        sys.stderr.flush()


@click.command(name="audit")
@click.argument("sources", nargs=-1, required=True)
@click.option("--out", "-o", "out", required=True, metavar="MAP",
              help="Map voor pages.parquet, findings.parquet en index.html.")
@click.option("--profile", "-p", default=None, help="Teksttype voor alle documenten: brief, web of raadsvoorstel.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True, help=HELP_ENGINE)
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Zoveel processen tegelijk met --engine local (0: één per processorkern).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Zoveel Dask-workers als er geen --scheduler is.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:8786", help="Adres van een bestaande Dask-scheduler.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="HOST",
              help="Haal ook pagina's van deze site op. Mag vaker.")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconden tussen twee verzoeken aan dezelfde site.")
@click.option("--max-pages", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Haal niet meer dan zoveel pagina's op.")
@click.option("--timeout", type=click.FloatRange(min=1), default=20.0, show_default=True,
              help="Seconden per pagina.")
@click.option("--doc-timeout", type=click.FloatRange(min=0), default=None,
              help="Seconden voor de controle van één document (standaard 120; 0: geen grens).")
@click.option("--max-mb", type=click.IntRange(min=1, max=100), default=10, show_default=True,
              help="Megabytes per pagina of bestand.")
@click.option("--resume", is_flag=True, default=False, help="Ga verder met de audit in --out.")
@click.option("--compare", default=None, metavar="OUDE_MAP", help="Vergelijk met de audit in deze map.")
@click.option("--model", default=None, help="Naam of map van het spaCy-taalmodel.")
def audit_command(sources, out, profile, engine, jobs, workers, scheduler, allow_hosts, delay, max_pages,
                  timeout, doc_timeout, max_mb, resume, compare, model) -> int:
    """Meet hoe helder de teksten van een hele website, map of zip-bestand zijn.

    SOURCES: adressen van pagina's of sitemaps (http:// of https://), mappen, bestanden of zip-bestanden.
    """
    import os

    from .dashboard import compare_with
    from .run import audit

    if compare:
        compare_with(compare, [])  # a wrong folder is an error before the work starts
    result = audit(list(sources), out, engine=engine, jobs=(os.cpu_count() or 1) if jobs == 0 else jobs,
                   workers=workers, scheduler=scheduler, profile=profile, model=model, allow_hosts=allow_hosts,
                   delay=delay, max_pages=max_pages, timeout=timeout, doc_timeout=doc_timeout,
                   max_bytes=max_mb * 1024 * 1024,
                   resume=resume, compare=compare, progress=_say_progress)
    if sys.stderr.isatty():
        sys.stderr.write("\r" + " " * 40 + "\r")
    for note in result.notes:
        click.echo(f"helder: let op: {note}", err=True)
    click.echo(summary_text(result.summary, out))
    return 0


def summary_text(s: dict, out: str) -> str:
    lines = [f"helder audit: {s['documents']} documenten: {s['ok']} gelezen, {s['skipped']} overgeslagen, "
             f"{s['error']} met een fout ({s['words']} woorden, {s['findings']} opmerkingen)."]
    if s["judged"]:
        lines.append(f"{s['meets_target']} van de {s['judged']} gelezen documenten "
                     f"({round(100 * s['meets_target'] / s['judged'])}%) halen het doel van hun profiel.")
    for r in s["reasons"][:10]:
        what = "overgeslagen" if r["status"] == "skipped" else "fout"
        lines.append(f"  {r['count']} × {what}: {r['reason']}")
    lines.append(f"Resultaat: {out}/index.html, {out}/pages.parquet en {out}/findings.parquet.")
    return "\n".join(lines)
