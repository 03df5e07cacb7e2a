"""The HTML report: one self-contained page that shows where a text is hard.

``render_html(reports, documents)`` returns one HTML file with everything inside (CSS, an inline SVG
chart, a few lines of script); it loads nothing from the network. Per document:

- a summary: the LiNT-II level and what it means, the other scores, the profile and its target, and
  the number of findings per rule family (WK, ZB, LB, ST, LT) and per severity;
- a chart of the LiNT-II score of every sentence from the start of the text to the end (inline SVG
  with a title, a description, a caption in words and the numbers as a table);
- the text itself, block by block: every sentence has a background for its LiNT-II level *and* the
  level as a number in front of it (not colour alone; level 4 also has stripes); every finding is
  underlined (solid: fout, wavy: waarschuwing, dotted: suggestie). The underlined words can be
  reached with Tab; on hover and on keyboard focus a box shows the message and the suggestion (also
  given to screen readers through ``aria-describedby``); Escape closes the box;
- a numbered list of all findings, with the place (``alinea N`` for Word, OpenDocument and PDF,
  ``regel N`` for other files, plus the page of a PDF), the sentence, and a link to the place.

The page is made from the Jinja2 templates in ``templates/`` (``report.html.j2`` and the templates it
imports; ``report.css`` and ``report.js`` are the page's stylesheet and script); ``html_view`` works
out what they show.

Safety: the templates escape every value (autoescaping); the only markup passed in as trusted is the
stylesheet and script beside the templates, and the ``before``/``body``/``nav`` HTML that helder's own
web pages build. A Content Security Policy in the page allows only its own stylesheet and script (by
hash), so even a mistake in escaping could not run a script from a document.

Accessibility (WCAG 2.1 AA): ``lang="nl"``, a skip link, landmarks (header, nav, main, footer),
one ``h1`` and a heading per section, text contrast of at least 4.5:1 and underline/bar contrast of at
least 3:1 (see :data:`LEVEL_COLOURS`), a visible focus ring, no information in colour alone, and a
print stylesheet (the findings list carries what the hover boxes show).
"""

from __future__ import annotations

import base64
import functools
import hashlib
from importlib import resources
from datetime import datetime
from pathlib import Path
from typing import Iterable, Sequence

from ..types import Report
from .html_view import (FAMILIES, LEVEL_COLOURS, LEVEL_WORDS, SEVERITY_PLURAL, DocumentView,
                        severities_worst_first)

__all__ = ["render_html", "write_html", "html_page", "LEVEL_COLOURS", "LEVEL_WORDS", "FAMILIES",
           "CONTENT_SECURITY_POLICY"]


@functools.lru_cache(maxsize=1)
def _env():
    import jinja2

    from .. import verdict
    from ..metrics.formulas import LINT_LEVEL_DIFFICULTY

    env = jinja2.Environment(loader=jinja2.PackageLoader("helder.formatters", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.globals.update(LEVEL_WORDS=LEVEL_WORDS, SEVERITIES=severities_worst_first(),
                       SEVERITY_PLURAL=SEVERITY_PLURAL, DIFFICULTY=LINT_LEVEL_DIFFICULTY, CAVEAT=verdict.CAVEAT)
    return env


def _static(name: str) -> str:
    """A file beside the templates (the stylesheet or the script), exactly as it is."""
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


_CSS = _static("report.css")
# closes the hover/focus box with Escape (WCAG 1.4.13); the page works without it
_SCRIPT = _static("report.js").rstrip("\n")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


#: The page's own policy: nothing from the network, only this stylesheet and this script.
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src {_hash(_CSS)}; script-src {_hash(_SCRIPT)}; img-src data:; "
    "form-action 'self'; base-uri 'none'"
)


def _frame(title: str, subtitle: str = "") -> dict:
    from markupsafe import Markup

    # the stylesheet and the script are files of helder, not input: they go in as they are
    return {"title": title, "subtitle": subtitle, "csp": CONTENT_SECURITY_POLICY, "css": Markup(_CSS),
            "script": Markup(_SCRIPT)}


def html_page(title: str, body: str, *, subtitle: str = "", nav: str = "") -> str:
    """A complete page with helder's style: header, optional nav, ``main`` with ``body``.

    ``body`` and ``nav`` are trusted HTML that the caller built (and escaped); ``title`` and
    ``subtitle`` are text.
    """
    from markupsafe import Markup

    return _env().get_template("page.html.j2").render(**_frame(title, subtitle), body=Markup(body),
                                                      nav=Markup(nav))


def _pair(reports: Sequence[Report], documents: Sequence) -> list[tuple[Report, object]]:
    by_path: dict[str, list] = {}
    for d in documents:
        by_path.setdefault(d.path, []).append(d)
    out = []
    for i, r in enumerate(reports):
        candidates = by_path.get(r.path) or []
        if candidates:
            out.append((r, candidates.pop(0)))
        elif len(documents) == len(reports):
            out.append((r, documents[i]))
        else:
            out.append((r, None))
    return out


def render_html(reports: Sequence[Report], documents: Sequence, *, title: str | None = None,
                errors: Iterable[tuple[str, str]] = (), before: str = "") -> str:
    """One self-contained HTML page for ``reports`` (with their ``documents``, matched by path).

    ``errors``: ``(path, message)`` for files that could not be read; ``before``: trusted HTML put at
    the top of the main content (the form of ``helder serve``).
    """
    from markupsafe import Markup

    reports = list(reports)
    if title is None:
        if len(reports) == 1:
            name = reports[0].path if reports[0].path != "-" else "tekst"
            title = f"helder-rapport: {name}"
        else:
            title = "helder-rapport"
    subtitle = ("Waar is deze tekst moeilijk, en wat kan beter? Gemaakt op "
                + datetime.now().strftime("%d-%m-%Y om %H:%M") + ".")
    views = [DocumentView(r, d, i) for i, (r, d) in enumerate(_pair(reports, list(documents)), 1)]
    return _env().get_template("report.html.j2").render(
        **_frame(title, subtitle), views=views, errors=list(errors), before=Markup(before))


def write_html(reports: Sequence[Report], documents: Sequence, path: str | Path, **kwargs) -> None:
    """Write :func:`render_html` to ``path`` (UTF-8). Raises HelderError with Dutch text on failure."""
    from ..fileio import valid_utf8, write_atomic

    page = render_html(reports, documents, **kwargs)
    write_atomic(Path(path), valid_utf8(page))
