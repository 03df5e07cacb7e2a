"""Showing the settings of one path (``helder config``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from .settings import Settings


def describe(settings: "Settings", *, document_format: str | None = None) -> dict[str, Any]:
    """The settings of one path as plain data (for ``helder config``). Without a ``document_format``
    (a folder) and without a profile named anywhere, the profile is shown per file type."""
    from ..checks import default_profile, load_rules

    cfg = settings.config
    named = settings.profile_named or document_format is not None
    prof_name = settings.profile.name if named else None
    out: dict[str, Any] = {
        "path": settings.path,
        "config_file": str(cfg.path) if cfg.path else None,
        "profile": prof_name,
        "profile_source": settings.profile_source,
    }
    if prof_name is None:
        out["profile_by_type"] = {t: default_profile(t) for t in ("markdown", "html", "text")}
    out.update({
        "select": list(settings.file_select), "ignore": list(settings.file_ignore),
        "cli_select": list(settings.cli_select), "cli_ignore": list(settings.cli_ignore),
        "severity": {k: v.label for k, v in cfg.severity.items()},
        "settings": {k: dict(v) for k, v in cfg.settings.items()},
        "min_severity": settings.min_severity.label, "fail_on": settings.fail_on.label,
        "accept": list(settings.accept),
        "officialese": str(settings.officialese) if settings.officialese else None,
        "exclude": list(cfg.exclude),
        "grammar": settings.grammar, "grammar_url": settings.grammar_url,
        "baseline": str(cfg.baseline) if cfg.baseline else None,
        "rule_folders": [str(p) for p in cfg.rule_folders],
        "sources": dict(settings.sources),
    })
    if prof_name:
        on = set(settings.rules)
        out["rules"] = [{"code": r.code, "name": r.name,
                         "severity": settings.severity_for(r.code, settings.rule_severity[r.code]).label,
                         "settings": dict(settings.rule_settings[r.code])}
                        for r in load_rules() if r.code in on]
    return out


def render_description(data: Mapping[str, Any]) -> str:
    """``describe()`` as text: TOML-like lines with where each value comes from."""
    import json

    def q(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    src = data.get("sources", {})
    lines = [f"# Configuratie voor {data['path']}",
             f"# Bestand: {data['config_file'] or 'geen (alleen standaardwaarden)'}", ""]
    if data.get("profile"):
        lines.append(f"profile = {q(data['profile'])}    # {data['profile_source']}")
    else:
        by_type = ", ".join(f"{k}: {v}" for k, v in data.get("profile_by_type", {}).items())
        lines.append(f"# profile: per bestandstype ({by_type})")
    lines.append(f"select = {q(data['select'])}    # {data['config_file'] or 'standaard'}")
    lines.append(f"ignore = {q(data['ignore'])}")
    if data["cli_select"] or data["cli_ignore"]:
        lines.append(f"# opdrachtregel: --select {','.join(data['cli_select']) or '-'} "
                     f"--ignore {','.join(data['cli_ignore']) or '-'}")
    lines.append(f"min-severity = {q(data['min_severity'])}    # {src.get('min-severity', 'standaard')}")
    lines.append(f"fail-on = {q(data['fail_on'])}    # {src.get('fail-on', 'standaard')}")
    lines.append(f"accept = {q(data['accept'])}")
    lines.append(f"officialese = {q(data['officialese'] or '')}")
    lines.append(f"exclude = {q(data['exclude'])}")
    lines.append(f"grammar = {'true' if data['grammar'] else 'false'}    # {src.get('grammar', 'standaard')}")
    lines.append(f"grammar-url = {q(data['grammar_url'] or '')}    # {src.get('grammar-url', 'standaard')}")
    lines.append(f"baseline = {q(data['baseline'] or '')}")
    if data.get("rule_folders"):
        lines.append(f"rule-folders = {q(data['rule_folders'])}")
    if data["severity"]:
        lines.append("")
        lines.append("[severity]")
        lines.extend(f"{k} = {q(v)}" for k, v in data["severity"].items())
    for code, values in data["settings"].items():
        lines.append("")
        lines.append(f"[settings.{code}]")
        lines.extend(f"{k} = {q(v)}" for k, v in values.items())
    if "rules" in data:
        lines.append("")
        lines.append(f"# Regels die aan staan ({len(data['rules'])}):")
        for r in data["rules"]:
            lines.append(f"#   {r['code']}  {r['name']:<28} {r['severity']}")
    return "\n".join(lines)
