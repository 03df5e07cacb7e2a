"""The HTML of ``helder serve``'s own pages, from the Jinja2 templates in ``templates/``.

The templates escape every value (autoescaping); what they give back is markup built only from
those templates and escaped values, so it goes into the page frame of the HTML report
(:func:`helder.formatters.html_report.html_page`, the same stylesheet, script and Content Security
Policy) as trusted markup. Nothing user-derived is ever marked safe.
"""

from __future__ import annotations

import functools

__all__ = ["fragment", "form_page", "error_page", "FORM_TITLE", "FORM_SUBTITLE"]

FORM_TITLE = "helder: controleer je tekst"
FORM_SUBTITLE = "Plak een tekst of kies een bestand. helder laat zien waar de tekst moeilijk is."


@functools.lru_cache(maxsize=1)
def _env():
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("helder.web", "templates"), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def fragment(template: str, **values):
    """The template ``template`` with ``values`` (all escaped), as Markup for a page."""
    from markupsafe import Markup

    return Markup(_env().get_template(template).render(**values).strip("\n"))


def form_page(*, max_bytes: int, **kwargs) -> str:
    """``GET /`` (and the form again with an error): the whole page."""
    from ..formatters.html_report import html_page
    from .formpage import form_html

    return html_page(FORM_TITLE, form_html(max_bytes=max_bytes, **kwargs), subtitle=FORM_SUBTITLE)


def error_page(message: str) -> str:
    """An error page of the web pages: ``message`` (text) and a link back to the form."""
    from ..formatters.html_report import html_page

    return html_page("Dat lukte niet", fragment("error.html.j2", message=message))
