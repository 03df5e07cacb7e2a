"""``DIR/index.html``: the dashboard of an audit, one self-contained HTML file (no scripts, no links
to elsewhere), in Dutch.

It shows the share of documents that meet their profile's target (the CEFR verdict of ``helder
check``), the distribution of LiNT-II levels, the documents with the most to gain (many words, far above the target), the most frequent
findings with an example each, what could not be read and why, and with ``--compare OLD_DIR`` what
changed since that audit. Charts are inline SVG bars with their numbers written next to them, so
they read without colour and print in black and white.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from ..errors import InputError

LEVEL_TEXT = {1: "makkelijk", 2: "redelijk makkelijk", 3: "moeilijk", 4: "heel moeilijk"}


def _env():
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("helder.auditing", "templates"),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True)


def bars(rows: list[tuple[str, int]], width: int = 360) -> dict:
    """Geometry of a horizontal bar chart: label, value, bar length and y per row."""
    top = max((v for _, v in rows), default=0) or 1
    total = sum(v for _, v in rows) or 1
    return {"height": 28 * len(rows) + 4, "width": width + 305,
            "rows": [{"label": label, "value": v, "pct": round(100 * v / total), "y": 28 * i + 2,
                      "len": round(width * v / top)} for i, (label, v) in enumerate(rows)]}


def _rows(table, columns: list[str]) -> list[dict]:
    return table.select(columns).to_pylist()


def gain(page: dict) -> float:
    """How much a page has to gain: its words times the CEFR levels its estimate is above its target."""
    from ..metrics.cefr import rank

    level, target = page.get("cefr_estimate"), page.get("target")
    if level is None or target is None or rank(level) <= rank(target):
        return 0.0
    return float(page.get("words") or 0) * (rank(level) - rank(target))


def frequent_findings(findings, limit: int = 15) -> list[dict]:
    counts: Counter = Counter()
    pages: dict[str, set] = defaultdict(set)
    example: dict[str, dict] = {}
    for f in _rows(findings, ["url", "code", "message", "match"]):
        counts[f["code"]] += 1
        pages[f["code"]].add(f["url"])
        example.setdefault(f["code"], f)
    return [{"code": c, "count": n, "pages": len(pages[c]), "example": example[c]}
            for c, n in counts.most_common(limit)]


def compare_with(old_dir: str | Path, pages: list[dict]) -> dict:
    import pyarrow.parquet as pq

    path = Path(old_dir) / "pages.parquet"
    if not path.is_file():
        raise InputError(f"in {old_dir} staat geen eerdere audit (pages.parquet ontbreekt)")
    old = {p["url"]: p for p in pq.read_table(path, columns=["url", "status", "lint_level", "lint_score",
                                                               "meets_target"]).to_pylist()}
    new = {p["url"]: p for p in pages}
    out: dict[str, list] = {"beter": [], "slechter": [], "gelijk": [], "nieuw": [], "weg": []}
    for url, p in new.items():
        before = old.get(url)
        if before is None:
            out["nieuw"].append(p)
        elif p["lint_level"] is None or before["lint_level"] is None or p["lint_level"] == before["lint_level"]:
            out["gelijk"].append(p)
        else:
            key = "beter" if p["lint_level"] < before["lint_level"] else "slechter"
            out[key].append({**p, "old_level": before["lint_level"]})
    out["weg"] = [p for url, p in old.items() if url not in new]
    old_meets = [p["meets_target"] for p in old.values() if p["meets_target"] is not None]
    return {"folder": str(old_dir), "groups": out,
            "old_share": round(100 * sum(old_meets) / len(old_meets)) if old_meets else None}


def context(pages_t, findings_t, *, compare=None, summary=None, notes=()) -> dict:
    pages = _rows(pages_t, ["url", "title", "status", "reason", "words", "lint_level", "lint_score",
                            "cefr_estimate", "target", "meets_target", "findings", "profile"])
    judged = [p for p in pages if p["meets_target"] is not None]
    meets = sum(1 for p in judged if p["meets_target"])
    levels = Counter(p["lint_level"] for p in pages if p["lint_level"] is not None)
    level_rows = [(f"niveau {n} ({LEVEL_TEXT[n]})", levels.get(n, 0)) for n in (1, 2, 3, 4)]
    to_gain = sorted((p for p in pages if gain(p) > 0), key=lambda p: (-gain(p), p["url"]))[:20]
    problems = Counter((p["status"], p["reason"]) for p in pages if p["status"] != "ok")
    return {
        "summary": summary or {},
        "notes": list(notes),
        "total": len(pages),
        "judged": len(judged),
        "meets": meets,
        "targets": sorted({(p["profile"], p["target"]) for p in judged}),
        "share": round(100 * meets / len(judged)) if judged else None,
        "target_chart": bars([("haalt het doel", meets), ("haalt het doel niet", len(judged) - meets)]),
        "level_chart": bars(level_rows),
        "to_gain": [{**p, "gain": round(gain(p))} for p in to_gain],
        "frequent": frequent_findings(findings_t),
        "problems": [{"status": s, "reason": r, "count": n} for (s, r), n in problems.most_common(30)],
        "compare": compare_with(compare, pages) if compare else None,
    }


def render_dashboard(pages_t, findings_t, **kwargs) -> str:
    return _env().get_template("dashboard.html.j2").render(**context(pages_t, findings_t, **kwargs))


def write_dashboard(out: Path, pages_t, findings_t, **kwargs) -> Path:
    path = Path(out) / "index.html"
    path.write_text(render_dashboard(pages_t, findings_t, **kwargs), encoding="utf-8")
    return path
