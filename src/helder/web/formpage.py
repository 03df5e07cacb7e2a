"""The form of ``helder serve``'s web page (``templates/form.html.j2``): a text area, a file field, a
profile and two buttons — one for the report (``POST /controleer``), one for the writer's own Word or
OpenDocument file back with helder's comments (``POST /controleer/word``, :mod:`helder.web.word`).
"""

from __future__ import annotations

__all__ = ["form_html"]

ACCEPTED_FILES = ".txt,.md,.markdown,.html,.htm,.docx,.odt,.pdf"


def _profiles() -> list[str]:
    try:
        from ..checks import available_profiles

        return available_profiles()
    except Exception:  # noqa: BLE001 - the form still works with the default profile
        return []


def _megabytes(n: int) -> str:
    return f"{max(1, round(n / (1024 * 1024)))} MB"


def form_html(*, max_bytes: int, text: str = "", profile: str = "", error: str = "", compact: bool = False):
    """The form (Markup from ``templates/form.html.j2``); ``compact``: only the error and a link back to the form."""
    from .pages import fragment

    return fragment("form.html.j2", text=text, profile=profile, error=error, compact=compact,
                    profiles=[] if compact else _profiles(), accepted=ACCEPTED_FILES, megabytes=_megabytes(max_bytes))
