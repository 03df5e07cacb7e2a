"""LanguageTool integration (helder.grammar).

Tests marked ``grammar`` run against a REAL LanguageTool server: the one in
``$HELDER_LANGUAGETOOL_URL`` (what ``.ci/run`` sets after ``languagetool/start.sh``), or one started
here from the jars that ``languagetool/fetch.sh`` puts in ``languagetool/lib``. When neither works they
are skipped, except when ``CI`` is set: then they fail.

The other tests need no Java: splitting, offsets, mapping, de-duplication, and graceful failure against
a dead, a slow and a dying server (small fake HTTP servers).
"""

from __future__ import annotations

import http.server
import json
import os
import socket
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
from local_http import LocalServer

from helder.documents.base import Document, OffsetMap
from helder.errors import HelderError
from helder.grammar import (GrammarOutcome, check_document, dedupe, mapping, server, split_text,
                            stop_shared_server)
from helder.grammar.client import LanguageToolClient, LanguageToolUnavailable, LTMatch, normalise_url
from helder.types import Finding, Severity

ROOT = Path(__file__).resolve().parents[1]


def plain(text: str, path: str = "test.txt") -> Document:
    return Document(path, "text", text, text, OffsetMap.identity(len(text)))


def markdown(text: str) -> Document:
    from helder import documents

    from_string = getattr(documents, "from_string", None)
    if from_string is None:
        pytest.skip("helder.documents.from_string is not there yet (Markdown reader is being written)")
    return from_string(text, format="markdown")


def by_code(outcome: GrammarOutcome, code: str) -> list[Finding]:
    return [f for f in outcome.findings if f.code == code]


# -- the real server -------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def lt_url():
    """URL of a running, real LanguageTool server with Dutch."""

    def unavailable(message: str):
        if os.environ.get("CI"):
            pytest.fail(f"CI: {message}", pytrace=False)
        pytest.skip(message)

    env = os.environ.get("HELDER_LANGUAGETOOL_URL", "").strip()
    if env:
        try:
            if not LanguageToolClient(env, timeout=10).supports("nl-NL"):
                unavailable(f"the LanguageTool server at {env} has no Dutch")
        except LanguageToolUnavailable as exc:
            unavailable(f"HELDER_LANGUAGETOOL_URL={env} does not answer: {exc.reason}")
        yield normalise_url(env)
        return
    if server.find_installation() is None:
        unavailable("no LanguageTool jars (run languagetool/fetch.sh) and no HELDER_LANGUAGETOOL_URL")
    # the same process-wide server helder itself starts when no URL is configured
    try:
        local = server.shared_server(timeout=float(os.environ.get("LT_START_TIMEOUT", "180")))
    except LanguageToolUnavailable as exc:
        unavailable(f"the local LanguageTool server did not start: {exc.reason}")
    try:
        yield local.url
    finally:
        stop_shared_server()


MARKDOWN = """\
# Brief over uw aanvraag

Wij hebben uw aanvraag ontvangen. **Indien** u vragen heeft, belt u ons.

- Dit is een fout gespeld woordt in een lijst.
- Hun hebben het formulier nog niet ingevuld.

Wij sturen u binnen twee weken een brief.
"""


@pytest.mark.grammar
def test_misspelling_grammar_officialese_clean_in_markdown(lt_url):
    doc = markdown(MARKDOWN)
    out = check_document(doc, url=lt_url)
    assert out.warnings == []
    lines = MARKDOWN.splitlines()

    spell = by_code(out, "LT:MORFOLOGIK_RULE_NL_NL")
    assert [f.match for f in spell] == ["woordt"]
    f = spell[0]
    assert (f.span.line, f.span.column) == (5, lines[4].index("woordt") + 1)
    assert MARKDOWN[f.span.start:f.span.end] == "woordt"
    assert f.severity == Severity.WARNING and "wordt" in f.replacements
    assert f.source == "languagetool" and f.name == "morfologik-rule-nl-nl"

    grammar = by_code(out, "LT:HUN_HEBBEN")
    assert len(grammar) == 1
    g = grammar[0]
    assert g.match == "Hun hebben" and (g.span.line, g.span.column) == (6, 3)
    assert g.severity == Severity.WARNING
    assert {"Zij hebben", "Ze hebben"} <= set(g.replacements)

    official = by_code(out, "LT:INDIEN")
    assert len(official) == 1
    o = official[0]
    assert o.match == "Indien" and (o.span.line, o.span.column) == (3, lines[2].index("Indien") + 1)
    assert o.severity == Severity.SUGGESTION and "Als" in o.replacements

    # the clean sentences (the heading, line 8) get nothing
    assert not [x for x in out.findings if x.span.line in (1, 8)], out.findings


@pytest.mark.grammar
def test_four_cases_in_plain_text(lt_url):
    text = ("Dit is een fout gespeld woordt.\n\n"
            "Hun hebben het formulier niet ingevuld.\n\n"
            "Wij verzoeken u derhalve het formulier te sturen.\n\n"
            "U krijgt binnen twee weken een brief van ons.\n")
    out = check_document(plain(text), url=lt_url)
    assert out.warnings == []
    got = {(f.code, f.match, f.span.line, f.span.column) for f in out.findings}
    assert ("LT:MORFOLOGIK_RULE_NL_NL", "woordt", 1, 25) in got
    assert ("LT:HUN_HEBBEN", "Hun hebben", 3, 1) in got
    assert ("LT:DERHALVE", "derhalve", 5, len("Wij verzoeken u ") + 1) in got
    assert not [f for f in out.findings if f.span.line == 7]
    for f in out.findings:
        assert text[f.span.start:f.span.end] == f.match


@pytest.mark.grammar
def test_officialese_needs_tone_tags(lt_url):
    """The OUDERWETS rules only fire with the 'informal' tone tag; without tone tags they are silent."""
    text = "Middels deze brief delen wij u mede dat wij uw aanvraag teneinde een besluit hebben ontvangen."
    with_tags = {f.code for f in check_document(plain(text), url=lt_url).findings}
    assert {"LT:MIDDELS", "LT:MEDE", "LT:TENEINDE"} <= with_tags
    without = {f.code for f in check_document(plain(text), url=lt_url, tone_tags=()).findings}
    assert not ({"LT:MIDDELS", "LT:MEDE", "LT:TENEINDE"} & without)


@pytest.mark.grammar
def test_long_text_in_pieces_keeps_positions(lt_url):
    para = ("De gemeente stuurt u een brief over de afvalinzameling in uw wijk. "
            "Daarin staat wanneer wij het afval ophalen en waar u de container neerzet. ")
    blocks = [para * 3 + f"Dit is fout {i} met een verkeerd gespeld woordt." for i in range(12)]
    text = "\n\n".join(blocks) + "\n"
    doc = plain(text)
    assert len(split_text(text, 700)) > 5
    out = check_document(doc, url=lt_url, max_chars=700)
    assert out.warnings == []
    spell = [f for f in by_code(out, "LT:MORFOLOGIK_RULE_NL_NL") if f.match == "woordt"]
    assert len(spell) == 12
    starts = sorted(f.span.start for f in spell)
    expected = []
    pos = 0
    for _ in range(12):
        pos = text.index("woordt", pos)
        expected.append(pos)
        pos += 1
    assert starts == expected


@pytest.mark.grammar
def test_emoji_before_match_keeps_position(lt_url):
    text = "Wij 😀 sturen u een fout gespeld woordt."
    out = check_document(plain(text), url=lt_url)
    assert [f.match for f in by_code(out, "LT:MORFOLOGIK_RULE_NL_NL")] == ["woordt"]


@pytest.mark.grammar
def test_disabled_rules_and_dedupe_with_helder(lt_url):
    text = "Indien u vragen heeft, belt u ons. Dit is een fout gespeld woordt."
    out = check_document(plain(text), url=lt_url)
    codes = {f.code for f in out.findings}
    assert {"LT:INDIEN", "LT:MORFOLOGIK_RULE_NL_NL"} <= codes
    out2 = check_document(plain(text), url=lt_url, disabled_rules=["LT:INDIEN"])
    assert "LT:INDIEN" not in {f.code for f in out2.findings}
    # helder flags "Indien" itself (a WK word-choice finding): LanguageTool's is dropped, the typo stays
    doc = plain(text)
    helder_wk = Finding("WK001", "ambtelijk-woord", "Schrijf 'als'.", Severity.WARNING, doc.span(0, 6),
                        "Indien", ("als",))
    kept = dedupe(out.findings, [helder_wk])
    assert {f.code for f in kept} == codes - {"LT:INDIEN"}


@pytest.mark.grammar
def test_long_sentence_rule_duplicates_lb(lt_url):
    sentence = ("De gemeente heeft besloten om, na lang overleg met alle betrokken partijen en na het goed "
                "afwegen van alle belangen die bij deze kwestie een rol spelen, de regeling voor het komende "
                "jaar niet te verlengen, behalve als er toch nieuwe informatie beschikbaar komt die tot een "
                "ander oordeel zou kunnen leiden.")
    doc = plain(sentence)
    out = check_document(doc, url=lt_url)
    assert "LT:TOO_LONG_SENTENCE" in {f.code for f in out.findings}
    lb = Finding("LB001", "lange-zin", "Deze zin is lang.", Severity.WARNING, doc.span(0, len(sentence)),
                 sentence)
    assert "LT:TOO_LONG_SENTENCE" not in {f.code for f in dedupe(out.findings, [lb])}


@pytest.mark.grammar
def test_without_url_argument(lt_url, monkeypatch):
    """Without a url argument: HELDER_LANGUAGETOOL_URL, else the local server helder started."""
    if not os.environ.get("HELDER_LANGUAGETOOL_URL"):
        monkeypatch.setattr(server, "url_from_start_script", lambda installation=None: None)
        out = check_document(plain("Dit is een fout gespeld woordt."))
        assert out.warnings == [] and [f.match for f in out.findings] == ["woordt"]
        assert server.shared_server().url == lt_url  # reused, not started again
    monkeypatch.setenv("HELDER_LANGUAGETOOL_URL", lt_url)
    out = check_document(plain("Dit is een fout gespeld woordt."))
    assert out.warnings == [] and [f.match for f in out.findings] == ["woordt"]


# -- graceful failure (no Java needed) -------------------------------------------------------------

def _dead_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # nothing listens there any more


def test_dead_url_gives_one_warning():
    out = check_document(plain("Dit is een zin.\n\nDit is nog een zin."), url=_dead_url(), timeout=2)
    assert out.findings == []
    assert len(out.warnings) == 1
    assert out.warnings[0].startswith("Spellingcontrole niet beschikbaar:")
    assert "\n" not in out.warnings[0]


def test_dead_url_required_raises():
    with pytest.raises(HelderError) as info:
        check_document(plain("Dit is een zin."), url=_dead_url(), timeout=2, required=True)
    assert "\n" not in str(info.value) and "Spellingcontrole" in str(info.value)


class _FakeLT(LocalServer):
    """A fake /v2/check endpoint: ``behaviour(n)`` decides what request number ``n`` gets."""

    def __init__(self, behaviour):
        self.behaviour = behaviour
        self.count = 0
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                fake.count += 1
                length = int(self.headers.get("Content-Length", 0))
                self.rfile.read(length)
                action = fake.behaviour(fake.count)
                if action == "sleep":
                    time.sleep(3)
                    return
                if action == "drop":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                body = json.dumps({"matches": []}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        LocalServer.__init__(self, Handler)


def test_slow_server_times_out_with_one_warning():
    with _FakeLT(lambda n: "sleep") as fake:
        t0 = time.perf_counter()
        out = check_document(plain("Dit is een zin."), url=fake.url, timeout=0.5)
        assert time.perf_counter() - t0 < 2.5
    assert out.findings == [] and len(out.warnings) == 1
    assert "0.5 seconden" in out.warnings[0]


def test_server_dying_mid_run_keeps_first_pieces():
    text = "\n\n".join(f"Dit is alinea nummer {i} van de tekst." for i in range(10))
    with _FakeLT(lambda n: "ok" if n <= 2 else "drop") as fake:
        out = check_document(plain(text), url=fake.url, timeout=2, max_chars=80)
        assert fake.count == 3  # stops at the first failure, no retry storm
    assert len(out.warnings) == 1
    assert out.warnings[0].startswith("Spellingcontrole onvolledig:")
    with _FakeLT(lambda n: "ok" if n <= 2 else "drop") as fake:
        with pytest.raises(HelderError):
            check_document(plain(text), url=fake.url, timeout=2, max_chars=80, required=True)


def test_too_long_for_server_is_cut_smaller():
    """A server with a lower text limit (HTTP 413) gets the same text in smaller pieces."""
    sizes = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            form = urllib.parse.parse_qs(self.rfile.read(length).decode())
            text = form["text"][0]
            sizes.append(len(text))
            if len(text) > 1000:
                body, status = b"Error: Your text exceeds the limit of 1000 characters", 413
            else:
                i = text.find("woordt")
                matches = [] if i < 0 else [{"offset": i, "length": 6, "message": "Spelfout.",
                                             "replacements": [{"value": "wordt"}],
                                             "rule": {"id": "MORFOLOGIK_RULE_NL_NL", "issueType": "misspelling",
                                                      "category": {"id": "TYPOS"}}}]
                body, status = json.dumps({"matches": matches}).encode(), 200
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        text = "Dit is een zin. " * 300 + "Een fout gespeld woordt."
        out = check_document(plain(text), url=f"http://127.0.0.1:{httpd.server_address[1]}", max_chars=5000)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert out.warnings == []
    assert [(f.match, f.span.start) for f in out.findings] == [("woordt", text.index("woordt"))]
    assert sizes[0] > 1000  # first try: too long; then smaller and smaller pieces
    covered = sum(n for n in sizes if n <= 1000)
    assert covered == len(text)  # every character was checked exactly once


def test_not_installed_gives_one_warning(monkeypatch, tmp_path):
    monkeypatch.delenv("HELDER_LANGUAGETOOL_URL", raising=False)
    monkeypatch.setattr(server, "find_installation", lambda: None)
    # leave a shared server of the grammar tests alone: hide it for this test only
    monkeypatch.setattr(server, "_SHARED", None)
    monkeypatch.setattr(server, "_SHARED_FAILED", None)
    out = check_document(plain("Dit is een zin."))
    assert out.findings == [] and len(out.warnings) == 1
    assert "niet geïnstalleerd" in out.warnings[0]
    with pytest.raises(HelderError):
        check_document(plain("Dit is een zin."), required=True)


def test_empty_text_sends_nothing():
    out = check_document(plain("  \n\n  "), url=_dead_url(), timeout=1)
    assert out.findings == [] and out.warnings == []


# -- pieces, offsets, mapping ----------------------------------------------------------------------

@pytest.mark.parametrize("limit", [1, 7, 40, 120, 10_000])
def test_split_text_covers_text_within_limit(limit):
    text = ("Eerste alinea. Met twee zinnen!\n\n"
            "Tweede alinea met een heel lang woord: " + "x" * 60 + " en meer.\n  \n"
            "Derde alinea zonder punt")
    pieces = split_text(text, limit)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    assert all(0 < e - s <= limit for s, e in pieces)


def test_split_text_prefers_blank_lines():
    text = "Alinea een. Zin twee.\n\nAlinea twee. Zin vier.\n\nAlinea drie."
    pieces = [text[s:e] for s, e in split_text(text, 30)]
    assert pieces == ["Alinea een. Zin twee.\n\n", "Alinea twee. Zin vier.\n\n", "Alinea drie."]


def test_utf16_offsets():
    text = "a😀b😀c"
    conv = mapping.utf16_to_index(text)
    assert [conv(i) for i in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]
    assert mapping.utf16_to_index("abc")(2) == 2


def _match(rule="MORFOLOGIK_RULE_NL_NL", offset=0, length=1, issue="misspelling", cat="TYPOS",
           tags=(), repl=("a", "b", "c", "d", "e", "f")):
    return LTMatch(offset, length, "Mogelijke spelfout.", "", rule, None, "", issue, cat, "", tuple(repl),
                   ("https://example.org/regel",), tuple(tags))


def test_match_to_finding_maps_through_offset_map():
    source = "# Kop\n\nEen **woordt** hier."
    text = "Kop\n\nEen woordt hier."
    # plain "Kop" <- source 2..5; plain "Een " <- 7..11; "woordt" <- 13..19; " hier." <- 21..27
    offsets = OffsetMap([(0, 2, 3), (5, 7, 4), (9, 13, 6), (15, 21, 6)], len(source))
    doc = Document("x.md", "markdown", source, text, offsets)
    f = mapping.match_to_finding(_match(offset=4, length=6), doc, base=5)
    assert f.match == "woordt" and (f.span.line, f.span.column) == (3, 7)
    assert f.code == "LT:MORFOLOGIK_RULE_NL_NL" and f.name == "morfologik-rule-nl-nl"
    assert f.replacements == ("a", "b", "c", "d", "e") and f.link == "https://example.org/regel"
    assert f.severity == Severity.WARNING and f.source == "languagetool"


def test_severity_mapping():
    assert mapping.severity_for(_match(issue="grammar", cat="GRAMMAR")) == Severity.WARNING
    assert mapping.severity_for(_match(issue="uncategorized", cat="VORMFOUTEN")) == Severity.WARNING
    assert mapping.severity_for(_match(issue="style", cat="OUDERWETS")) == Severity.SUGGESTION
    assert mapping.severity_for(_match(issue="grammar", tags=("picky",))) == Severity.SUGGESTION


def test_dedupe_only_same_nature():
    text = "Indien u belt, woordt het goed."
    doc = plain(text)
    official = mapping.match_to_finding(_match("INDIEN", 0, 6, "style", "OUDERWETS"), doc)
    typo = mapping.match_to_finding(_match("MORFOLOGIK_RULE_NL_NL", 15, 6), doc)
    long_ = mapping.match_to_finding(_match("TOO_LONG_SENTENCE", 0, len(text), "style", "STYLE", ("picky",)),
                                     doc)
    wk = Finding("WK003", "ambtelijk", "m", Severity.WARNING, doc.span(0, 6), "Indien")
    lb = Finding("LB001", "lange-zin", "m", Severity.WARNING, doc.span(0, len(text)), text)
    other = Finding("ZB001", "lijdende-vorm", "m", Severity.WARNING, doc.span(15, 21), "woordt")
    assert dedupe([official, typo, long_], [wk]) == [typo, long_]
    assert dedupe([official, typo, long_], [lb]) == [official, typo]
    assert dedupe([official, typo, long_], [other]) == [official, typo, long_]
    assert dedupe([official, typo, long_], [wk, lb, other]) == [typo]
    whole_text = Finding("LB004", "tekst-te-moeilijk", "m", Severity.WARNING, doc.span(0, len(text)), text)
    assert dedupe([long_], [whole_text]) == [long_]
    # a WK finding elsewhere does not remove it
    far = Finding("WK003", "ambtelijk", "m", Severity.WARNING, doc.span(22, 25), "het")
    assert dedupe([official], [far]) == [official]


def test_duplicate_rule_constants():
    assert mapping.DUPLICATE_RULES["TOO_LONG_SENTENCE"] == ("LB001", "LB002")
    assert "WK" in mapping.DUPLICATE_CATEGORIES["OUDERWETS"]


def test_duplicates_name_existing_helder_rules():
    """Every helder code named in the duplicate tables exists in rules/."""
    codes = {p.stem for p in (ROOT / "rules").rglob("*.yml")}
    if not codes:
        pytest.skip("no rules/ folder")
    for values in (*mapping.DUPLICATE_RULES.values(), *mapping.DUPLICATE_CATEGORIES.values(),
                   *mapping.DUPLICATE_ISSUE_TYPES.values()):
        for prefix in values:
            assert any(c.startswith(prefix) for c in codes), prefix


def test_find_installation_from_env(monkeypatch, tmp_path):
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "languagetool-server-6.8.jar").write_bytes(b"")
    (lib / "language-nl-6.8.jar").write_bytes(b"")
    monkeypatch.setenv("HELDER_LANGUAGETOOL_HOME", str(tmp_path))
    inst = server.find_installation()
    assert inst is not None and inst.lib == lib and inst.version == "6.8"


def test_normalise_url():
    assert normalise_url("http://localhost:8081/v2/") == "http://localhost:8081"
    assert normalise_url("127.0.0.1:8081") == "http://127.0.0.1:8081"


def test_stopped_shared_server_is_not_restarted_for_every_file(monkeypatch):
    class Dead:
        def alive(self):
            return False

    monkeypatch.delenv("HELDER_LANGUAGETOOL_URL", raising=False)
    monkeypatch.setattr(server, "url_from_start_script", lambda installation=None: None)
    monkeypatch.setattr(server, "_SHARED", Dead())
    monkeypatch.setattr(server, "_SHARED_FAILED", None)
    started = []
    monkeypatch.setattr(server.LocalServer, "start", lambda self, **kw: started.append(1))
    for _ in range(3):
        out = check_document(plain("Dit is een zin."))
        assert len(out.warnings) == 1 and "onverwacht gestopt" in out.warnings[0]
    assert started == []


@pytest.mark.grammar
@pytest.mark.slow
def test_private_server_stops_when_python_exits():
    """helder's own server does not outlive the process that started it."""
    import subprocess
    import sys

    if server.find_installation() is None:
        if os.environ.get("CI"):
            pytest.fail("CI: no LanguageTool jars (run languagetool/fetch.sh)", pytrace=False)
        pytest.skip("no LanguageTool jars (run languagetool/fetch.sh)")
    code = ("from helder.grammar import server\n"
            "s = server.shared_server(timeout=300)\n"
            "print(s.process.pid, flush=True)\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=400)
    assert proc.returncode == 0, proc.stderr
    pid = int(proc.stdout.split()[0])
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
