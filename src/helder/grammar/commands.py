"""``helder languagetool install|start|stop|status`` (registered from :mod:`helder.cli`)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import HelderError
from . import install as lt


def _fail(exc: lt.InstallError) -> HelderError:
    return HelderError(str(exc))


@click.group("languagetool")
def languagetool_group() -> None:
    """LanguageTool (spelling en grammatica voor --grammar) installeren en starten."""


@languagetool_group.command("install")
@click.option("--force", is_flag=True, help="Ook ophalen als de bestanden er al zijn.")
@click.option("--dir", "folder", default=None, metavar="MAP",
              help="In deze map installeren (standaard: de gegevensmap van helder; helder vindt een andere "
                   "map via HELDER_LANGUAGETOOL_HOME).")
def install_command(force: bool, folder: str | None) -> int:
    """Haal LanguageTool op bij Maven Central (eenmalig, ongeveer 100 MB)."""
    jars = lt.locked_jars()
    total_mb = sum(j.size for j in jars) / 1e6
    click.echo(f"helder: LanguageTool {lt.locked_version(jars)} ophalen: {len(jars)} bestanden, "
               f"{total_mb:.0f} MB ...", err=True)
    try:
        lib, fetched = lt.install(Path(folder) if folder else None, force=force)
    except lt.InstallError as exc:
        raise _fail(exc) from None
    if fetched:
        click.echo(f"helder: LanguageTool is geïnstalleerd in {lib.parent}", err=True)
    else:
        click.echo(f"helder: LanguageTool was al geïnstalleerd in {lib.parent}", err=True)
    if lt.find_java() is None:
        click.echo("helder: let op: Java is niet gevonden; LanguageTool heeft Java 17 of nieuwer nodig.", err=True)
    return 0


@languagetool_group.command("start")
@click.option("--timeout", type=click.FloatRange(min=1), default=lt.DEFAULT_START_TIMEOUT, show_default=True,
              help="Zoveel seconden wachten tot de server klaar is.")
def start_command(timeout: float) -> int:
    """Start een LanguageTool-server op de achtergrond; check --grammar gebruikt die."""
    try:
        url, new = lt.start(timeout=timeout)
    except lt.InstallError as exc:
        raise _fail(exc) from None
    click.echo(f"helder: LanguageTool {'is gestart' if new else 'draaide al'} op {url}", err=True)
    click.echo(url)
    return 0


@languagetool_group.command("stop")
def stop_command() -> int:
    """Stop de server van 'helder languagetool start'."""
    pid = lt.stop()
    if pid is None:
        click.echo("helder: er draaide geen LanguageTool-server van 'helder languagetool start'.", err=True)
    else:
        click.echo(f"helder: LanguageTool is gestopt (proces {pid}).", err=True)
    return 0


@languagetool_group.command("status")
def status_command() -> int:
    """Laat zien of LanguageTool geïnstalleerd is en draait. Exitcode 1 als het niet bruikbaar is."""
    st = lt.status()
    inst = st.installation
    if inst is None:
        click.echo("LanguageTool: niet geïnstalleerd (installeer met 'helder languagetool install')")
    else:
        click.echo(f"LanguageTool: versie {inst.version or 'onbekend'} in {inst.lib}")
        if inst.version and inst.version != st.expected_version:
            click.echo(f"  let op: helder is getest met versie {st.expected_version}")
    click.echo(f"Java: {st.java or 'niet gevonden (LanguageTool heeft Java 17 of nieuwer nodig)'}")
    if st.url:
        click.echo(f"Server: draait op {st.url}")
    elif inst is not None:
        click.echo("Server: draait niet; check --grammar start er zelf een per keer "
                   "(sneller: 'helder languagetool start')")
    return 0 if inst is not None and st.java else 1
