"""``/regels`` and ``/regels/CODE``: each rule explained with its examples (the rule URLs of ``/v2/check``)."""

from __future__ import annotations

from ..formatters.html_report import html_page
from .pages import fragment

FAMILY_NAMES = {"WK": "Woordkeuze", "ZB": "Zinsbouw", "LB": "Leesbaarheid", "ST": "Structuur"}


def _title(rule) -> str:
    return rule.name.replace("-", " ").capitalize()


def rule_page(code: str) -> str | None:
    """The page for one rule, or None when there is no such rule."""
    from ..checks import load_rules

    rule = next((r for r in load_rules() if r.code == code.upper()), None)
    if rule is None:
        return None
    body = fragment("rule.html.j2", rule=rule, description=" ".join(rule.description.split()),
                    family=FAMILY_NAMES.get(rule.code[:2], rule.family))
    return html_page(f"{rule.code}: {_title(rule)}", body)


def index_page() -> str:
    from ..checks import load_rules

    return html_page("De regels van helder",
                     fragment("rules.html.j2", rules=[(r.code, _title(r)) for r in load_rules()]))
