"""The form of ``helder serve``'s web page (trusted HTML): a text area, a file field, a profile and
two buttons — one for the report (``POST /controleer``), one for the writer's own Word or
OpenDocument file back with helder's comments (``POST /controleer/word``, :mod:`helder.web.word`).
"""

from __future__ import annotations

import html

__all__ = ["form_html"]

ACCEPTED_FILES = ".txt,.md,.markdown,.html,.htm,.docx,.odt,.pdf"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _profiles() -> list[str]:
    try:
        from ..checks import available_profiles

        return available_profiles()
    except Exception:  # noqa: BLE001 - the form still works with the default profile
        return []


def _megabytes(n: int) -> str:
    return f"{max(1, round(n / (1024 * 1024)))} MB"


def form_html(*, max_bytes: int, text: str = "", profile: str = "", error: str = "", compact: bool = False) -> str:
    """The form (trusted HTML); ``compact``: only the error and a link back to the form."""
    options = ['<option value="">Automatisch: brief (web voor Markdown en HTML)</option>']
    for name in _profiles():
        selected = " selected" if name == profile else ""
        options.append(f'<option value="{_e(name)}"{selected}>{_e(name)}</option>')
    parts = []
    if error:
        parts.append(f'<div class="fouten" role="alert" id="fout"><p><strong>Dat lukte niet.</strong> {_e(error)}</p></div>')
    if compact:
        parts.append('<p class="niet-printen"><a href="/">Nog een tekst controleren</a></p>')
        return "\n".join(parts)
    described = ' aria-describedby="fout"' if error else ""
    parts.append(
        '<form class="controle" method="post" action="/controleer" enctype="multipart/form-data">'
        "<div>"
        '<label for="tekst">Plak hier je tekst</label>'
        f'<textarea id="tekst" name="tekst" rows="12" spellcheck="true" lang="nl"{described}>{_e(text)}</textarea>'
        "</div>"
        "<div>"
        '<label for="bestand">Of kies een bestand</label>'
        f'<input type="file" id="bestand" name="bestand" accept="{ACCEPTED_FILES}" aria-describedby="bestand-hint">'
        f'<p class="hint" id="bestand-hint">Word (.docx), OpenDocument (.odt), PDF, tekst (.txt), Markdown of HTML. '
        f"Hoogstens {_megabytes(max_bytes)}. Kies je een bestand, dan kijkt helder naar het bestand en niet naar "
        "de geplakte tekst.</p>"
        "</div>"
        "<div>"
        '<label for="profiel">Soort tekst (profiel)</label>'
        f'<select id="profiel" name="profiel">{"".join(options)}</select>'
        "</div>"
        '<button class="knop" type="submit">Controleer de tekst</button> '
        '<button class="knop" type="submit" formaction="/controleer/word" aria-describedby="word-hint">'
        "Word-bestand met opmerkingen</button>"
        '<p class="hint" id="word-hint">Met de tweede knop krijg je een kopie van je Word-bestand (.docx) of '
        "OpenDocument-bestand (.odt) terug. Daarin staan de opmerkingen van helder als commentaar bij de woorden, "
        "en veilige verbeteringen als wijziging die je kunt accepteren of weigeren.</p>"
        "</form>"
        '<p class="uitleg">helder bewaart niets: je tekst blijft op deze computer en is weg zodra je deze '
        "pagina sluit.</p>")
    return "\n".join(parts)
