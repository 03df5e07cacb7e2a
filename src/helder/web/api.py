"""``POST /api/v1/check`` and ``/api/v1/score``: helder's own JSON API (schema 1, as ``--format json``).

Form fields (``multipart/form-data`` or ``application/x-www-form-urlencoded``; see ``openapi.yaml``):
``text`` or a ``file`` upload (its name decides how it is read: ``.md``, ``.html``, ``.docx``, ...),
``format`` (``text``, ``markdown``, ``html``: how to read ``text``), ``name`` (the path to report),
``profile``, ``select``, ``ignore`` (codes with commas, as on the command line), ``config_select`` and
``config_ignore`` (the same, as a configuration file's ``select``/``ignore``: a lower layer),
``min_severity``, ``grammar`` (``true``: add
LanguageTool's findings when the server has one) and ``sentences`` (``false``: no per-sentence figures).
"""

from __future__ import annotations

from typing import Any

from .forms import Form, FormError

_BOOLEAN = {"": None, "true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
_FORMATS = ("text", "markdown", "html")
_SEVERITIES = ("suggestion", "warning", "error")


def _bool(form: Form, name: str, default: bool) -> bool:
    value = form.get(name).strip().lower()
    if value not in _BOOLEAN:
        raise FormError(422, f"'{name}' moet true of false zijn.")
    result = _BOOLEAN[value]
    return default if result is None else result


def _codes(form: Form, name: str) -> tuple[str, ...]:
    from ..config import parse_codes
    from ..errors import HelderError

    try:
        return tuple(parse_codes(form.get(name) or None, name))
    except HelderError as exc:
        raise FormError(422, str(exc)) from None


def api_arguments(form: Form, action: str, *, grammar_url: str | None) -> dict[str, Any]:
    """The keyword arguments of :func:`helder.web.jobs.api` for this form; FormError when one is wrong."""
    from ..checks import available_profiles

    fmt = form.get("format").strip().lower() or None
    if fmt is not None and fmt not in _FORMATS:
        raise FormError(422, f"'format' moet een van {', '.join(_FORMATS)} zijn.")
    profile = form.get("profile").strip() or None
    if profile is not None and profile not in available_profiles():
        raise FormError(422, f"Onbekend profiel '{profile[:40]}'. Kies uit: {', '.join(available_profiles())}.")
    severity = form.get("min_severity").strip().lower() or None
    if severity is not None and severity not in _SEVERITIES:
        raise FormError(422, f"'min_severity' moet een van {', '.join(_SEVERITIES)} zijn.")
    if not form.file_data and not form.get("text").strip():
        raise FormError(422, "Stuur een tekst (text) of een bestand (file).")
    name = form.file_name or form.get("name").strip()[:200]
    if form.file_data and fmt is None:
        fmt = None  # from the file's name
    return {
        "text": form.get("text"), "file_name": name, "file_data": form.file_data, "format": fmt,
        "profile": profile, "select": _codes(form, "select"), "ignore": _codes(form, "ignore"),
        "config_select": _codes(form, "config_select"), "config_ignore": _codes(form, "config_ignore"),
        "min_severity": severity, "grammar": _bool(form, "grammar", False) and action == "check",
        "grammar_url": grammar_url, "sentences": _bool(form, "sentences", True),
    }
