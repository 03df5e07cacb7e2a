"""The LiNT-II word lists in one compact file in the user's cache, memory-mapped in a few milliseconds.

Reading ``lint_ii``'s parquet files into Python dicts (437,000 word frequencies, 165,000 noun types,
123,000 compound heads) takes over a second; every ``helder check`` would pay it. So the first run
builds one file from them, and later runs map that file into memory:

- a MARISA trie (``marisa-trie``) of every word that occurs in the lists, giving each an id;
- per id, three arrays: the SUBTLEX-NL log frequency (float64, NaN when absent), the noun type
  (0 none, 1 concrete, 2 abstract, 3 undefined) and the id of the compound's head (-1 when none);
- a JSON header with the small lists (skip list, manner adverbs, units) and the **provenance**: the
  ``lint_ii`` version, the format version of this file, and for every source file its name, size,
  modification time and SHA-256.

On load the header's ``lint_ii`` version and the source files' names, sizes and modification times
are compared with the installed package (a few ``stat`` calls); any difference rebuilds the file. The
file is written to a temporary name and renamed into place, so a half-written file is never read and
parallel first runs do not clash. Where the cache cannot be written, the lists are kept in memory.

The lookups return exactly the values in the parquet files (float64 stored as float64).

Location: ``$HELDER_CACHE_DIR`` if set, else the user's cache folder (``platformdirs``), subfolder
``lint_ii``.
"""

from __future__ import annotations

import json
import math
import mmap
import struct
from pathlib import Path
from typing import Iterator, Mapping

FORMAT_VERSION = 1
MAGIC = b"HELDLEX\x01"
TYPE_NAMES = ("", "concrete", "abstract", "undefined")
_HEAD = struct.Struct("<8sQ")  # magic, header length


def cache_dir() -> Path:
    from ..cachedir import cache_dir as user_cache

    return user_cache("lint_ii")


def lint_ii_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("lint_ii")
    except PackageNotFoundError:
        return "unknown"


def _stat(path: Path) -> dict:
    st = path.stat()
    return {"name": path.name, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def source_stamp(files: list[Path], package: str = "lint_ii") -> dict:
    """What must match for a built file to be current: format, the data package's version, source files."""
    return {"format": FORMAT_VERSION, package: lint_ii_version() if package == "lint_ii" else package_version(package),
            "sources": [_stat(p) for p in files]}


# -- lookups over the mapped file --------------------------------------------------------------------

class _Table:
    """The trie and its three arrays (views into the mapped file)."""

    def __init__(self, trie, freq: memoryview, kind: memoryview, head: memoryview) -> None:
        self.trie, self.freq, self.kind, self.head = trie, freq, kind, head


class _FrequencyMap(Mapping[str, float]):
    def __init__(self, table: _Table) -> None:
        self._t = table

    def get(self, key: str, default=None):
        i = self._t.trie.get(key)
        if i is None:
            return default
        value = self._t.freq[i]
        return default if math.isnan(value) else value

    def __getitem__(self, key: str) -> float:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        freq = self._t.freq
        return (k for k, i in self._t.trie.iteritems() if not math.isnan(freq[i]))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _NounTypeMap(_FrequencyMap):
    def get(self, key: str, default=None):
        i = self._t.trie.get(key)
        if i is None:
            return default
        kind = self._t.kind[i]
        return TYPE_NAMES[kind] if kind else default

    def __iter__(self) -> Iterator[str]:
        kind = self._t.kind
        return (k for k, i in self._t.trie.iteritems() if kind[i])


class _HeadMap(_FrequencyMap):
    def get(self, key: str, default=None):
        i = self._t.trie.get(key)
        if i is None:
            return default
        h = self._t.head[i]
        return self._t.trie.restore_key(h) if h >= 0 else default

    def __iter__(self) -> Iterator[str]:
        head = self._t.head
        return (k for k, i in self._t.trie.iteritems() if head[i] >= 0)


# -- building -------------------------------------------------------------------------------------

def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_bytes(frequencies: Mapping[str, float], noun_types: Mapping[str, str], noun_heads: Mapping[str, str],
                small: dict, stamp: dict, files: list[Path]) -> bytes:
    """The file's content: header, trie and arrays, each section 8-byte aligned."""
    import array

    import marisa_trie

    words = set(frequencies) | set(noun_types) | set(noun_heads) | set(noun_heads.values())
    trie = marisa_trie.Trie(words)
    n = len(trie)
    freq = array.array("d", [math.nan]) * n
    kind = bytearray(n)
    head = array.array("i", [-1]) * n
    codes = {name: c for c, name in enumerate(TYPE_NAMES) if name}
    for w, f in frequencies.items():
        freq[trie[w]] = f
    for w, t in noun_types.items():
        kind[trie[w]] = codes[t]
    for w, h in noun_heads.items():
        head[trie[w]] = trie[h]
    sections = [("trie", trie.tobytes()), ("freq", freq.tobytes()), ("kind", bytes(kind)), ("head", head.tobytes())]
    provenance = dict(stamp, sources=[dict(s, sha256=_sha256(p)) for s, p in zip(stamp["sources"], files)])
    layout, offset = {}, 0
    for name, blob in sections:
        layout[name] = [offset, len(blob)]
        offset += len(blob) + (-len(blob) % 8)
    header = json.dumps({"provenance": provenance, "small": small, "sections": layout, "count": n},
                        ensure_ascii=False).encode()
    header += b" " * (-(len(header) + _HEAD.size) % 8)
    out = [_HEAD.pack(MAGIC, len(header)), header]
    for _, blob in sections:
        out += [blob, b"\0" * (-len(blob) % 8)]
    return b"".join(out)


def write_atomic(path: Path, data: bytes) -> None:
    from ..cachedir import write_atomic as write

    write(path, data)


# -- reading ------------------------------------------------------------------------------------

class StoreMismatch(Exception):
    """The file is missing, damaged or was built from other data."""


def read_header(buf) -> tuple[dict, int]:
    magic, length = _HEAD.unpack_from(buf, 0)
    if magic != MAGIC:
        raise StoreMismatch("not a helder lexicon file")
    return json.loads(bytes(buf[_HEAD.size:_HEAD.size + length])), _HEAD.size + length


def open_store(path: Path, stamp: dict) -> tuple[dict, _Table]:
    """Map ``path`` and return (header, table); :class:`StoreMismatch` unless it matches ``stamp``."""
    import marisa_trie

    try:
        with open(path, "rb") as fh:
            buf = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as exc:
        raise StoreMismatch(str(exc)) from exc
    try:
        header, base = read_header(buf)
        prov = header["provenance"]
        have = {k: prov.get(k) for k in stamp if k != "sources"}
        have["sources"] = [{k: s.get(k) for k in ("name", "size", "mtime_ns")} for s in prov.get("sources", [])]
        if have != stamp:
            raise StoreMismatch("built from other data")
        view = memoryview(buf)
        sec = {name: view[base + off:base + off + size] for name, (off, size) in header["sections"].items()}
        trie = marisa_trie.Trie().frombytes(bytes(sec["trie"]))
        table = _Table(trie, sec["freq"].cast("d"), sec["kind"], sec["head"].cast("i"))
    except (KeyError, ValueError, TypeError, struct.error) as exc:
        raise StoreMismatch(f"damaged: {exc}") from exc
    if len(table.freq) != header["count"] or len(trie) != header["count"]:
        raise StoreMismatch("damaged: wrong length")
    return header, table


def maps(table: _Table) -> tuple[Mapping[str, float], Mapping[str, str], Mapping[str, str]]:
    """(frequencies, noun_types, noun_heads) as read-only mappings over the table."""
    return _FrequencyMap(table), _NounTypeMap(table), _HeadMap(table)
