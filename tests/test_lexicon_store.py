"""The LiNT-II word lists in a compact cache file (helder.metrics.lexicon_store): same values, provenance,
rebuilt when lint_ii's data changes, never trusted when damaged."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from helder.metrics import frequency, lexicon_store

pytestmark = pytest.mark.skipif(not frequency.available(), reason="lint_ii data not installed")


@pytest.fixture(scope="module")
def parquet():
    """The lists as read from lint_ii's parquet files (the reference)."""
    return frequency._read_parquet(frequency.source_files(frequency.data_dir()))


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of lint_ii's data folder and an empty cache, so a test can change the data."""
    folder = tmp_path / "data"
    shutil.copytree(frequency.data_dir(), folder)
    monkeypatch.setattr(frequency, "data_dir", lambda: folder)
    monkeypatch.setenv("HELDER_CACHE_DIR", str(tmp_path / "cache"))
    return folder


def load():
    return frequency._load_lexicon.__wrapped__()  # bypass the per-process cache


def test_store_gives_the_parquet_values_exactly(data_copy, parquet):
    frequencies, noun_types, noun_heads, small = parquet
    lex = load()
    assert frequency.store_path().is_file()
    lex = load()  # now read from the file
    assert not isinstance(lex.frequencies, dict)
    for word in list(frequencies)[::97] + ["ik", "schrift"]:
        assert lex.frequencies.get(word) == frequencies[word]
    assert lex.frequencies.get("qqxqq") is None and lex.frequencies.get("qqxqq", 1.5) == 1.5
    assert "qqxqq" not in lex.frequencies and "ik" in lex.frequencies
    for word in list(noun_types)[::53]:
        assert lex.noun_types.get(word) == noun_types[word]
    for word in list(noun_heads)[::41]:
        assert lex.noun_heads.get(word) == noun_heads[word]
    assert lex.noun_heads.get("schrift", "schrift") == "schrift"
    not_nouns = [w for w in list(frequencies)[:5000] if w not in noun_types][:50]
    assert not_nouns and all(lex.noun_types.get(w) is None for w in not_nouns)
    assert lex.skiplist == frozenset(small["skiplist"]) and "kortheidshalve" in lex.manner_adverbs
    assert len(lex.noun_heads) == len(noun_heads)


def test_store_records_provenance(data_copy):
    load()
    raw = frequency.store_path().read_bytes()
    header, _ = lexicon_store.read_header(raw)
    prov = header["provenance"]
    assert prov["lint_ii"] == lexicon_store.lint_ii_version() != "unknown"
    assert prov["format"] == lexicon_store.FORMAT_VERSION
    names = [s["name"] for s in prov["sources"]]
    assert names == [p.name for p in frequency.source_files(data_copy)]
    assert all(len(s["sha256"]) == 64 and s["size"] > 0 for s in prov["sources"])


def test_store_is_rebuilt_when_the_data_changes(data_copy, parquet):
    load()
    path = frequency.store_path()
    first = path.stat().st_mtime_ns
    load()
    assert path.stat().st_mtime_ns == first, "a current file is reused"
    subtlex = data_copy / "subtlex_wordfreq.parquet"
    st = subtlex.stat()
    os.utime(subtlex, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # lint_ii's data "changed"
    lex = load()
    assert path.stat().st_mtime_ns != first
    header, _ = lexicon_store.read_header(path.read_bytes())
    assert header["provenance"]["sources"][0]["mtime_ns"] == st.st_mtime_ns + 10**9
    assert lex.frequencies.get("ik") == parquet[0]["ik"]


def test_store_is_rebuilt_for_another_lint_ii_version(data_copy, monkeypatch):
    load()
    monkeypatch.setattr(lexicon_store, "lint_ii_version", lambda: "9.9.9")
    load()
    header, _ = lexicon_store.read_header(frequency.store_path().read_bytes())
    assert header["provenance"]["lint_ii"] == "9.9.9"


@pytest.mark.parametrize("damage", [b"", b"not a lexicon at all", None])
def test_damaged_store_is_rebuilt(data_copy, parquet, damage):
    load()
    path = frequency.store_path()
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2] if damage is None else damage)
    lex = load()
    assert lex.frequencies.get("ik") == parquet[0]["ik"]
    assert path.read_bytes() == raw


def test_unwritable_cache_keeps_the_lists_in_memory(data_copy, parquet, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("HELDER_CACHE_DIR", str(blocker))  # a file where the folder should be
    lex = load()
    assert isinstance(lex.frequencies, dict) and lex.frequencies["ik"] == parquet[0]["ik"]


def test_header_is_json_with_the_small_lists(data_copy):
    load()
    raw = frequency.store_path().read_bytes()
    length = int.from_bytes(raw[8:16], "little")
    header = json.loads(raw[16:16 + length])
    assert {"provenance", "small", "sections", "count"} <= set(header)


# ── wordfreq's Dutch Zipf values (helder.wordfreq_store) ─────────────────────────────────────

def test_wordfreq_store_gives_wordfreqs_values(tmp_path, monkeypatch):
    wordfreq = pytest.importorskip("wordfreq")
    from helder import wordfreq_store

    monkeypatch.setenv("HELDER_CACHE_DIR", str(tmp_path))
    wordfreq_store._lookup.cache_clear()
    try:
        words = [w for w in wordfreq.get_frequency_dict("nl", "large") if wordfreq_store._LETTERS.fullmatch(w)]
        sample = words[::151] + ["Gemeente", "GEMEENTE", "ideeën", "Financiële", "e-mail", "COVID-19", "auto's",
                                 "qqxqqzz", "Straße", "", "ĳs", "één"]
        for word in sample + [w.capitalize() for w in words[::997]]:
            assert wordfreq_store.zipf_nl(word) == wordfreq.zipf_frequency(word, "nl"), word
        header, _ = lexicon_store.read_header(wordfreq_store.store_path().read_bytes())
        assert header["provenance"]["wordfreq"] == lexicon_store.package_version("wordfreq")
        assert header["provenance"]["sources"][0]["name"] == "large_nl.msgpack.gz"
    finally:
        wordfreq_store._lookup.cache_clear()


def test_pyphen_patterns_from_the_cache_hyphenate_the_same(tmp_path, monkeypatch):
    import pyphen

    from helder.metrics import syllables

    monkeypatch.setenv("HELDER_CACHE_DIR", str(tmp_path))
    fresh = pyphen.Pyphen(lang="nl_NL", cache=False)
    pyphen.hdcache.clear()
    first = syllables._load_pyphen()  # parses and writes the cache file
    assert (tmp_path / "pyphen").is_dir() and any((tmp_path / "pyphen").iterdir())
    pyphen.hdcache.clear()
    second = syllables._load_pyphen()  # reads it
    assert second.hd is not fresh.hd
    for word in ["gemeentelijke", "verantwoordelijkheden", "aanvraagformulier", "ideeën", "zee", "financiële"]:
        assert first.inserted(word) == second.inserted(word) == fresh.inserted(word)
