"""``/regels`` and ``/regels/CODE``: each rule explained with its examples (the rule URLs of ``/v2/check``)."""

from __future__ import annotations

import html

from ..formatters.html_report import html_page

FAMILY_NAMES = {"WK": "Woordkeuze", "ZB": "Zinsbouw", "LB": "Leesbaarheid", "ST": "Structuur"}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _title(rule) -> str:
    return rule.name.replace("-", " ").capitalize()


def rule_page(code: str) -> str | None:
    """The page for one rule, or None when there is no such rule."""
    from ..checks import load_rules

    rule = next((r for r in load_rules() if r.code == code.upper()), None)
    if rule is None:
        return None
    parts = [f"<p>{_e(' '.join(rule.description.split()))}</p>",
             f"<p>Soort: {_e(FAMILY_NAMES.get(rule.code[:2], rule.family))}. "
             f"Ernst: {_e(rule.severity.dutch)}.</p>"]
    if rule.fail:
        parts.append("<h2>Zo niet</h2><ul>" + "".join(f"<li>{_e(x.text)}</li>" for x in rule.fail) + "</ul>")
    if rule.passes:
        parts.append("<h2>Zo wel</h2><ul>" + "".join(f"<li>{_e(x.text)}</li>" for x in rule.passes) + "</ul>")
    if rule.link:
        parts.append(f'<p>Meer uitleg: <a href="{_e(rule.link)}" rel="noreferrer">{_e(rule.link)}</a></p>')
    parts.append('<p><a href="/regels">Alle regels</a> · <a href="/">Een tekst controleren</a></p>')
    return html_page(f"{rule.code}: {_title(rule)}", "\n".join(parts))


def index_page() -> str:
    from ..checks import load_rules

    items = "".join(f'<li><a href="/regels/{_e(r.code)}">{_e(r.code)}</a>: {_e(_title(r))}</li>'
                    for r in load_rules())
    return html_page("De regels van helder", f"<ul>{items}</ul>")
