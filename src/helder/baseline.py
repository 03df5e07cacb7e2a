"""Baseline: adopt helder on an existing site without fixing every old finding first.

``helder check --baseline .helder-baseline.json --update-baseline docs/`` records today's findings;
afterwards ``helder check --baseline .helder-baseline.json docs/`` reports (and fails on) only the
findings that are not in it.

A finding is recorded as its file (relative to the baseline's folder), rule code, matched text and
context: the normalised text of the sentence it is in (whitespace collapsed, case folded). Not the
line number: a baseline survives edits elsewhere in the file, and sentences that move. Matching is
done per file and per (code, matched text), in two passes:

1. same context: the same finding;
2. a context that is still mostly the same (``difflib`` ratio >= :data:`SIMILAR`): the same finding
   in a sentence that was edited a little.

Each recorded finding matches at most one finding, so a second officialese word of the same kind in
a new sentence is new. File format (JSON, sorted, easy to diff)::

    {"schema": 1, "tool": "helder", "version": "0.1.0",
     "files": {"docs/afval.md": [{"code": "WK001", "match": "indien",
                                  "context": "indien u vragen heeft, bel ons."}]}}
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from .errors import ConfigError
from .types import Finding, Report

BASELINE_SCHEMA = 1
SIMILAR = 0.6
DEFAULT_NAME = ".helder-baseline.json"
#: A baseline larger than this is refused.
MAX_BYTES = 64 * 1024 * 1024


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Entry:
    code: str
    match: str  # normalised
    context: str  # normalised sentence text (or the match when it is in no sentence)

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "match": self.match, "context": self.context}


def context_of(report: Report, finding: Finding) -> str:
    """The normalised text of the sentence ``finding`` starts in (the match when there is none)."""
    pos = finding.span.start
    for s in report.sentences:
        if s.span.start <= pos < s.span.end:
            return normalise(s.text)
    return normalise(finding.match)


def entry_of(report: Report, finding: Finding) -> Entry:
    return Entry(finding.code, normalise(finding.match), context_of(report, finding))


def fingerprint(report: Report, finding: Finding) -> str:
    """A stable id of a finding that does not depend on its line (used in SARIF too)."""
    e = entry_of(report, finding)
    return hashlib.sha256(f"{e.code}\0{e.match}\0{e.context}".encode("utf-8")).hexdigest()[:32]


class Baseline:
    """The recorded findings, per file key (path relative to the baseline file's folder)."""

    def __init__(self, path: str | Path, files: Mapping[str, Sequence[Entry]] | None = None) -> None:
        self.path = Path(path)
        self.files: dict[str, list[Entry]] = {k: list(v) for k, v in (files or {}).items()}

    # -- reading and writing ------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path) -> "Baseline":
        from .fileio import read_regular

        path = Path(path)
        try:
            raw = read_regular(path, what="de basislijn", max_bytes=MAX_BYTES, error=ConfigError)
            data = json.loads(raw.decode("utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"de basislijn {path} bestaat niet. Maak hem met --update-baseline") from None
        except RecursionError:
            raise ConfigError(f"kan de basislijn {path} niet lezen (te diep genest)") from None
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else (str(exc).splitlines() or ["?"])[0]
            raise ConfigError(f"kan de basislijn {path} niet lezen ({reason})") from None
        if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA or not isinstance(data.get("files"), dict):
            raise ConfigError(f"{path} is geen basislijn van helder (schema {BASELINE_SCHEMA}). "
                              "Maak hem opnieuw met --update-baseline")
        files: dict[str, list[Entry]] = {}
        try:
            for key, items in data["files"].items():
                files[key] = [Entry(str(i["code"]), str(i["match"]), str(i["context"])) for i in items]
        except (KeyError, TypeError, AttributeError):
            raise ConfigError(f"{path}: de basislijn is beschadigd. Maak hem opnieuw met --update-baseline") from None
        return cls(path, files)

    def save(self) -> None:
        from . import __version__

        data = {
            "schema": BASELINE_SCHEMA,
            "tool": "helder",
            "version": __version__,
            "files": {k: [e.to_dict() for e in sorted(v, key=lambda e: (e.code, e.match, e.context))]
                      for k, v in sorted(self.files.items()) if v},
        }
        from .errors import HelderError
        from .fileio import write_atomic

        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a file name that is not UTF-8: escape it, keep the file valid UTF-8
            text = json.dumps(data, ensure_ascii=True, indent=2) + "\n"
        try:
            if self.path.parent and not self.path.parent.exists():
                self.path.parent.mkdir(parents=True)
            write_atomic(self.path, text)
        except OSError as exc:
            raise ConfigError(f"kan de basislijn {self.path} niet schrijven ({exc.strerror or exc})") from None
        except HelderError as exc:
            raise ConfigError(f"basislijn: {exc}") from None

    def __len__(self) -> int:
        return sum(len(v) for v in self.files.values())

    # -- keys -----------------------------------------------------------------------------------
    def key(self, report_path: str) -> str:
        if report_path == "-":
            return "-"
        from .config import relative_to

        return relative_to(report_path, self.path.resolve().parent)

    # -- use --------------------------------------------------------------------------------------
    def update(self, reports: Iterable[Report]) -> "Baseline":
        """Record the findings of ``reports``; files not checked now keep their entries (if they exist)."""
        root = self.path.resolve().parent
        for r in reports:
            self.files[self.key(r.path)] = [entry_of(r, f) for f in r.findings]
        for key in list(self.files):
            if key != "-" and not (root / key).exists():
                del self.files[key]
        return self

    def filter(self, reports: Iterable[Report]) -> tuple[list[Report], int]:
        """The reports with only new findings, and how many known findings were left out."""
        out: list[Report] = []
        known = 0
        for r in reports:
            new = self.new_findings(r)
            known += len(r.findings) - len(new)
            out.append(replace(r, findings=tuple(new)))
        return out, known

    def new_findings(self, report: Report) -> list[Finding]:
        recorded = self.files.get(self.key(report.path), [])
        if not recorded:
            return list(report.findings)
        pool: dict[tuple[str, str], list[str | None]] = defaultdict(list)
        for e in recorded:
            pool[(e.code, e.match)].append(e.context)
        entries = [(f, entry_of(report, f)) for f in report.findings]
        matched = [False] * len(entries)
        # pass 1: same context
        for i, (_f, e) in enumerate(entries):
            contexts = pool.get((e.code, e.match))
            if contexts and e.context in contexts:
                contexts[contexts.index(e.context)] = None
                matched[i] = True
        # pass 2: a context that is still mostly the same
        for i, (_f, e) in enumerate(entries):
            if matched[i]:
                continue
            contexts = pool.get((e.code, e.match)) or []
            best, best_ratio = None, SIMILAR
            for j, c in enumerate(contexts):
                if c is None:
                    continue
                ratio = difflib.SequenceMatcher(None, e.context, c, autojunk=False).ratio()
                if ratio >= best_ratio:
                    best, best_ratio = j, ratio
            if best is not None:
                contexts[best] = None
                matched[i] = True
        return [f for (f, _e), m in zip(entries, matched) if not m]
