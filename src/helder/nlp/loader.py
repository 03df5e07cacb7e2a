"""Find and load the Dutch spaCy pipeline, once per process.

Order of preference:

1. the model the caller or configuration names (a package name or a path);
2. an installed ``nl_core_news_lg``, ``_md`` or ``_sm`` (trained on more data than helder's own);
3. the pipeline that ships inside helder (``helder/models/nl_helder``, trained on UD Dutch);
4. ``spacy.blank("nl")`` with a rule-based sentence splitter. Then there are no tags and no parse:
   helder says so once on stderr and reports parse-based figures as unavailable.

Nothing is downloaded, ever. Importing this module does not import spaCy.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

INSTALLED_MODELS = ("nl_core_news_lg", "nl_core_news_md", "nl_core_news_sm")
SHIPPED_NAME = "nl_helder"


@dataclass(frozen=True)
class PipelineInfo:
    """Which pipeline is loaded and whether it can tag and parse."""

    name: str  # e.g. "nl_helder 0.1.0" or "nl_core_news_lg 3.7.0" or "blank:nl"
    parsed: bool  # has tagger/morphologizer and parser
    path: str | None = None


_lock = threading.Lock()
_cache: dict[str, tuple["Language", PipelineInfo]] = {}
_warned = False


def shipped_model_path() -> Path:
    return Path(__file__).resolve().parent.parent / "models" / SHIPPED_NAME


def _describe(nlp: "Language", fallback: str) -> PipelineInfo:
    meta = nlp.meta or {}
    name = f"{meta.get('lang', 'nl')}_{meta.get('name', fallback)}" if meta.get("name") else fallback
    version = meta.get("version")
    parsed = "parser" in nlp.pipe_names and (
        "morphologizer" in nlp.pipe_names or "tagger" in nlp.pipe_names
    )
    return PipelineInfo(name=f"{name} {version}" if version else name, parsed=parsed)


def _load_blank() -> tuple["Language", PipelineInfo]:
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    return nlp, PipelineInfo(name="blank:nl", parsed=False)


def _load_named(name: str) -> tuple["Language", PipelineInfo]:
    import spacy

    from . import components  # noqa: F401  registers helder_voice for pipelines that name it

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(f"kan het taalmodel '{name}' niet laden: het is niet geïnstalleerd of geen spaCy-model") from exc
    info = _describe(nlp, str(name))
    if info.parsed and "helder_voice" not in nlp.pipe_names:
        nlp.add_pipe("helder_voice", after="parser")
    if "parser" in nlp.pipe_names and "helder_blocks" not in nlp.pipe_names:
        nlp.add_pipe("helder_blocks", before="parser")
    return nlp, PipelineInfo(info.name, info.parsed, str(name))


def _resolve_default() -> tuple["Language", PipelineInfo]:
    global _warned
    for pkg in INSTALLED_MODELS:
        if importlib.util.find_spec(pkg) is not None:
            return _load_named(pkg)
    shipped = shipped_model_path()
    if (shipped / "meta.json").is_file():
        return _load_named(str(shipped))
    if not _warned:
        _warned = True
        print(
            "helder: geen Nederlands taalmodel gevonden; zinnen worden alleen gesplitst. "
            "Cijfers die een zinsontleding nodig hebben, ontbreken.",
            file=sys.stderr,
        )
    return _load_blank()


def get_pipeline(model: str | None = None) -> tuple["Language", PipelineInfo]:
    """Return the loaded pipeline and a description of it. Loads at most once per model per process.

    ``model``: a spaCy package name or a path to a pipeline folder; ``None`` for the default order,
    ``"blank"`` for the blank fallback (useful for fast tests of non-parse features).
    """
    key = model or ""
    with _lock:
        hit = _cache.get(key)
        if hit is None:
            if model == "blank":
                hit = _load_blank()
            elif model:
                hit = _load_named(model)
            else:
                hit = _resolve_default()
            nlp = hit[0]
            if nlp.max_length < 5_000_000:
                nlp.max_length = 5_000_000
            _cache[key] = hit
        return hit
