"""``helder serve`` as a LanguageTool server (/v2), its JSON API (/api/v1) and its limits.

Real parts only: a real ``helder serve`` (worker processes with the real pipeline) on 127.0.0.1, the
real LanguageTool server (skipped with a message when it is not installed), and real clients
(``language_tool_python``; LibreOffice in ``test_libreoffice_lt.py``).
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest

from helder.errors import HelderError
from helder.web import server as web_server
from helder.web.server import make_server
from local_http import request, start_helder_server

OPENAPI = Path(web_server.__file__).with_name("openapi.yaml")
SENTENCE = "Indien u vragen heeft, kunt u ons bellen."


# -- servers -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def lt_url():
    """A real LanguageTool server with Dutch: HELDER_LANGUAGETOOL_URL, or one started from the jars."""
    from helder.grammar import LanguageToolClient, LanguageToolUnavailable, server

    env = os.environ.get("HELDER_LANGUAGETOOL_URL", "").strip()
    if env:
        yield env.rstrip("/")
        return
    if server.find_installation() is None:
        pytest.skip("LanguageTool is not installed (languagetool/fetch.sh; HELDER_LANGUAGETOOL_HOME)")
    try:  # the process-wide server helder starts itself (stopped when the tests end)
        local = server.shared_server(timeout=float(os.environ.get("LT_START_TIMEOUT", "300")))
    except LanguageToolUnavailable as exc:
        pytest.skip(f"the local LanguageTool server did not start: {exc.reason}")
    assert LanguageToolClient(local.url).check("Ik heb een fiets.") is not None
    yield local.url


def _start(**kwargs):
    return start_helder_server(256 * 1024, **kwargs)


@pytest.fixture(scope="module")
def helder(pipeline, lt_url):
    """helder serve with LanguageTool merged in."""
    srv = _start(grammar_url=lt_url, workers=1, queue_size=4)
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def small(pipeline):
    """helder serve without LanguageTool, one worker, no queue, a token; for the limits."""
    srv = _start(workers=1, queue_size=0, token="geheim-token", timeout=60)
    yield srv
    srv.shutdown()
    srv.server_close()


def port(srv) -> int:
    return srv.server_address[1]


def lt_post(p, fields: dict | None = None, raw: bytes | None = None, headers=None):
    body = raw if raw is not None else urllib.parse.urlencode(fields).encode()
    h = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
    status, hdrs, text = request(p, "POST", "/v2/check", body, h)
    return status, hdrs, (json.loads(text) if status == 200 else text)


def utf16_slice(text: str, offset: int, length: int) -> str:
    return text.encode("utf-16-le")[2 * offset:2 * (offset + length)].decode("utf-16-le")


def codes(answer) -> list[str]:
    return [m["rule"]["id"] for m in answer["matches"]]


# -- /v2/check against the real LanguageTool -----------------------------------------------------------

def _shape(value):
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__


@pytest.mark.grammar
def test_same_keys_and_types_as_languagetool(helder, lt_url):
    text = "Ik heb een fiest gekocht. Indien u vragen heeft, kunt u ons bellen."
    fields = {"text": text, "language": "nl-NL"}
    status, _, ours = lt_post(port(helder), fields)
    assert status == 200
    import urllib.request

    with urllib.request.urlopen(f"{lt_url}/v2/check", urllib.parse.urlencode(fields).encode(), timeout=60) as r:
        theirs = json.load(r)
    optional = {"premiumHint"}  # LanguageTool's advert for its paid version
    assert set(theirs) - optional <= set(ours)
    for key in ("software", "language", "warnings"):
        assert set(theirs[key]) - optional <= set(ours[key]), key
        for k in set(theirs[key]) - optional - {"detectedLanguage"}:
            assert type(ours[key][k]) is type(theirs[key][k]), (key, k)
    assert set(theirs["language"]["detectedLanguage"]) <= set(ours["language"]["detectedLanguage"])
    their_match = next(m for m in theirs["matches"] if m["rule"]["id"].startswith("MORFOLOGIK"))
    for m in ours["matches"]:  # helder's matches and LanguageTool's (merged) alike
        assert set(their_match) <= set(m), m["rule"]["id"]
        for k, v in their_match.items():
            assert type(m[k]) is type(v), (m["rule"]["id"], k)
        for k in ("context", "type"):
            assert set(m[k]) == set(their_match[k])
        assert set(m["rule"]) >= {"id", "description", "issueType", "category"}
        assert set(m["rule"]["category"]) == set(their_match["rule"]["category"])
        assert all(set(r) == {"value"} for r in m["replacements"])
    ours_spelling = [m for m in ours["matches"] if m["rule"]["id"] == their_match["rule"]["id"]]
    assert ours_spelling and ours_spelling[0]["offset"] == their_match["offset"]
    assert ours_spelling[0]["replacements"] == their_match["replacements"][:len(ours_spelling[0]["replacements"])]
    assert ours["sentenceRanges"] == theirs["sentenceRanges"]


@pytest.mark.grammar
def test_languagetool_merged_and_deduplicated(helder):
    status, _, answer = lt_post(port(helder), {"text": "Indien u het formulier stuurt, ontvangt u een fiest.",
                                               "language": "nl"})
    assert status == 200
    ids = codes(answer)
    assert "WK001" in ids  # helder: indien -> als
    assert "INDIEN" not in ids  # LanguageTool's own officialese rule says the same: dropped
    spelling = [m for m in answer["matches"] if m["rule"]["issueType"] == "misspelling"]
    assert spelling and spelling[0]["type"]["typeName"] == "UnknownWord"
    assert "feest" in [r["value"] for r in spelling[0]["replacements"]]
    wk = answer["matches"][ids.index("WK001")]
    assert wk["rule"]["issueType"] == "style" and wk["type"]["typeName"] == "Hint"
    assert [r["value"] for r in wk["replacements"]] == ["Als"]
    assert wk["rule"]["category"] == {"id": "WK", "name": "Woordkeuze"}
    assert "helder" not in answer["warnings"]


def test_languagetool_down_gives_helder_and_a_warning(helder):
    settings = helder.RequestHandlerClass.settings
    old = settings.grammar_url
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    settings.grammar_url = dead
    try:
        status, _, answer = lt_post(port(helder), {"text": SENTENCE, "language": "nl-NL"})
    finally:
        settings.grammar_url = old
    assert status == 200
    assert codes(answer) == ["WK001"]
    assert answer["warnings"]["incompleteResults"] is False
    assert any("Spellingcontrole niet beschikbaar" in w for w in answer["warnings"]["helder"])


# -- the protocol ----------------------------------------------------------------------------------

def test_offsets_count_utf16_units(small):
    text = "Wij 😀 vinden het fijn. 🎉🎉 Indien u vragen heeft, kunt u ons bellen."
    status, _, answer = lt_post(port(small), {"text": text, "language": "nl-BE", "apiKey": "geheim-token",
                                              "motherTongue": "de-DE", "preferredVariants": "nl-BE",
                                              "username": "iemand", "level": "picky", "mode": "all"})
    assert status == 200
    assert answer["language"] == {**answer["language"], "name": "Dutch (Belgium)", "code": "nl-BE"}
    m = answer["matches"][codes(answer).index("WK001")]
    assert m["offset"] == text.index("Indien") + 3  # three characters outside the BMP before it
    assert utf16_slice(text, m["offset"], m["length"]) == "Indien"
    ctx = m["context"]
    assert utf16_slice(ctx["text"], ctx["offset"], ctx["length"]) == "Indien"
    assert m["sentence"].endswith("Indien u vragen heeft, kunt u ons bellen.")
    assert m["rule"]["urls"] == [{"value": f"http://127.0.0.1:{port(small)}/regels/WK001"}]


def test_libreoffice_body_without_percent_encoding(small):
    # LibreOffice 7.4 puts the paragraph into the body as it is: & + % and line breaks unencoded
    text = "Indien u 100% zeker bent & het + teken ziet,\nkunt u ons bellen."
    raw = f"text={text}&language=nl-NL&apiKey=geheim-token".encode("utf-8")
    status, _, answer = lt_post(port(small), raw=raw)
    assert status == 200, answer
    m = answer["matches"][codes(answer).index("WK001")]
    assert utf16_slice(text, m["offset"], m["length"]) == "Indien"
    assert answer["sentenceRanges"][-1][1] == len(text)


def test_annotated_data_offsets_point_into_the_markup(small):
    data = {"annotation": [{"markup": "<p>"}, {"text": "Wij helpen u. "}, {"markup": "<b>"},
                           {"text": "Indien"}, {"markup": "</b>"}, {"text": " u vragen heeft, bel ons."},
                           {"markup": "<br/>", "interpretAs": "\n\n"}]}
    original = "".join(i.get("text", i.get("markup")) for i in data["annotation"])
    status, _, answer = lt_post(port(small), {"data": json.dumps(data), "language": "auto",
                                              "apiKey": "geheim-token"})
    assert status == 200, answer
    m = answer["matches"][codes(answer).index("WK001")]
    assert original[m["offset"]:m["offset"] + m["length"]] == "Indien"


@pytest.mark.parametrize("fields, status, message", [
    ({"text": "Hallo", "language": "en-US"}, 400, "'en-US' is not a language code known to helder"),
    ({"text": "Hallo"}, 400, "Missing 'language' parameter"),
    ({"language": "nl"}, 400, "Missing 'text' or 'data' parameter"),
    ({"data": "{niet: json", "language": "nl"}, 400, "Could not parse JSON"),
    ({"data": '{"annotation": {"text": "x"}}', "language": "nl"}, 400, "list 'annotation'"),
    ({"data": '{"annotation": [{"text": 3}]}', "language": "nl"}, 400, "'text' or 'markup'"),
    ({"data": "[" * 50000, "language": "nl"}, 400, "Could not parse JSON"),
    ({"text": "x", "language": "nl", "enabledOnly": "true"}, 400, "enabled rules or categories"),
    ({"text": "x" * 150000, "language": "nl"}, 413, "exceeds the limit"),
])
def test_languagetool_errors(small, fields, status, message):
    got, _, text = lt_post(port(small), {**fields, "apiKey": "geheim-token"})
    assert got == status
    assert text.startswith("Error: ") and message in text and "\n" not in text.strip()


def test_invalid_utf8_and_bad_percent(small):
    for raw in (b"text=%FF%FE&language=nl&apiKey=geheim-token", b"text=\xff\xfe abc&language=nl&apiKey=geheim-token",
                b"text=Indien+u+\xff&language=nl&apiKey=geheim-token"):
        status, _, text = lt_post(port(small), raw=raw)
        assert status == 400 and text.startswith("Error: "), raw


def test_encoded_and_raw_bodies_give_the_same_text(small):
    """Encoded bodies are decoded (+ is a space); a body that cannot be encoded (a bare %) is read raw."""
    for raw, expected in ((b"text=Indien+u+caf%C3%A9+wilt&language=nl", "Indien u café wilt"),
                          ("text=Indien+u+café+wilt&language=nl".encode(), "Indien u café wilt"),
                          (b"text=Wij%20helpen%20100%&language=nl", "Wij%20helpen%20100%")):
        status, _, answer = lt_post(port(small), raw=raw + b"&apiKey=geheim-token")
        assert status == 200, raw
        assert answer["sentenceRanges"] == [[0, len(expected)]]
        if expected.startswith("Indien"):
            m = answer["matches"][codes(answer).index("WK001")]
            assert m["context"]["text"] == expected and m["sentence"] == expected


def test_rules_and_categories_as_helder_codes(small):
    text = "Indien u vragen heeft, kunt u ons bellen. De aanvraag wordt door de gemeente behandeld."
    base = {"text": text, "language": "nl-NL", "apiKey": "geheim-token"}
    _, _, everything = lt_post(port(small), base)
    assert {"WK001", "ZB001"} <= set(codes(everything))
    _, _, answer = lt_post(port(small), {**base, "disabledRules": "WK001"})
    assert "WK001" not in codes(answer) and "ZB001" in codes(answer)
    _, _, answer = lt_post(port(small), {**base, "disabledCategories": "ZB"})
    assert "WK001" in codes(answer) and not [c for c in codes(answer) if c.startswith("ZB")]
    _, _, answer = lt_post(port(small), {**base, "enabledRules": "ZB001", "enabledOnly": "true"})
    assert codes(answer) == ["ZB001"]
    status, _, text = lt_post(port(small), {**base, "profile": "geen-profiel"})
    assert status == 400 and "Unknown profile" in text


def test_fragments_get_no_document_rules(small):
    # a hard paragraph of more than 30 words: LB004 (the text's level) fires on a document
    text = ("Ter bevordering van de maatschappelijke participatie en zelfredzaamheid van inwoners met "
            "beperkingen worden voorzieningen getroffen conform de geldende beleidsregels. Belanghebbenden "
            "dienen hiertoe een schriftelijke aanvraag in te dienen bij het college van burgemeester en wethouders.")
    auth = {"Authorization": "Bearer geheim-token", "Content-Type": "application/x-www-form-urlencoded"}
    status, _, report = request(port(small), "POST", "/api/v1/check",
                                urllib.parse.urlencode({"text": text}).encode(), auth)
    assert status == 200
    whole = [f["code"] for f in json.loads(report)["files"][0]["findings"]]
    assert "LB004" in whole
    _, _, answer = lt_post(port(small), {"text": text, "language": "nl-NL", "apiKey": "geheim-token"})
    ids = codes(answer)
    assert not {"LB004", "LB005", "ST008", "WK006", "WK010"} & set(ids)
    assert "WK001" in ids or "WK012" in ids  # sentence and word rules still run
    _, _, answer = lt_post(port(small), {"text": text, "language": "nl-NL", "apiKey": "geheim-token",
                                         "enabledRules": "LB004"})
    assert "LB004" in codes(answer)


def test_languages_and_rule_pages(small):
    status, _, text = request(port(small), "GET", "/v2/languages")
    assert status == 200 and {"name": "Dutch", "code": "nl", "longCode": "nl-NL"} in json.loads(text)
    status, headers, page = request(port(small), "GET", "/regels/ZB001")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    from helder.checks import load_rules

    rule = next(r for r in load_rules() if r.code == "ZB001")
    assert "ZB001" in page and rule.fail and rule.fail[0].text.split()[0] in page
    assert request(port(small), "GET", "/regels/XX999")[0] == 404


def test_language_tool_python_client(helder):
    ltp = pytest.importorskip("language_tool_python", reason="pip install language_tool_python (test extra)")
    text = "Wij 😀 helpen graag. Indien u vragen heeft, kunt u ons bellen."
    tool = ltp.LanguageTool("nl-NL", remote_server=f"http://127.0.0.1:{port(helder)}")
    try:
        matches = tool.check(text)
    finally:
        tool.close()
    ours = [m for m in matches if m.rule_id == "WK001"]
    assert ours, [m.rule_id for m in matches]
    m = ours[0]
    assert text[m.offset:m.offset + m.error_length] == "Indien"  # the client turns UTF-16 into Python indexes
    assert m.replacements == ["Als"]


# -- /api/v1 and the OpenAPI file -------------------------------------------------------------------

def _validator(name: str):
    import jsonschema
    import yaml

    spec = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator({"$ref": f"#/components/schemas/{name}",
                                            "components": spec["components"]})


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None):
    boundary = uuid.uuid4().hex
    out = b""
    for k, v in fields.items():
        out += f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
    for k, (name, data) in (files or {}).items():
        out += (f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; filename="{name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
    return out + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def test_api_check_and_score_match_the_openapi_file(small):
    auth = {"Authorization": "Bearer geheim-token"}
    body, ctype = _multipart({"profile": "web", "select": "WK"},
                             {"file": ("pagina.md", f"# Kop\n\n{SENTENCE} Zie **dit**.\n".encode())})
    status, _, text = request(port(small), "POST", "/api/v1/check", body, {**auth, "Content-Type": ctype})
    assert status == 200, text
    answer = json.loads(text)
    _validator("Report").validate(answer)
    f = answer["files"][0]
    assert f["path"] == "pagina.md" and f["profile"] == "web"
    wk = [x for x in f["findings"] if x["code"] == "WK001"]
    assert wk and wk[0]["line"] == 3 and wk[0]["replacements"] == ["Als"]
    assert all(x["code"].startswith("WK") for x in f["findings"])
    body = urllib.parse.urlencode({"text": SENTENCE, "sentences": "false"}).encode()
    status, _, text = request(port(small), "POST", "/api/v1/score", body,
                              {**auth, "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200
    answer = json.loads(text)
    _validator("Report").validate(answer)
    assert answer["files"][0]["findings"] == [] and "sentences" not in answer["files"][0]
    assert answer["files"][0]["metrics"]["words"]["value"] == 8
    status, _, text = request(port(small), "POST", "/api/v1/check", urllib.parse.urlencode({"text": " "}).encode(),
                              {**auth, "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 422 and json.loads(text)["error"]


def test_v2_answers_match_the_openapi_file(small):
    _, _, answer = lt_post(port(small), {"text": SENTENCE, "language": "nl", "apiKey": "geheim-token"})
    _validator("LTResponse").validate(answer)


# -- a server teams can run -----------------------------------------------------------------------------

def test_token(small):
    fields = {"text": SENTENCE, "language": "nl"}
    assert lt_post(port(small), fields)[0] == 401
    assert lt_post(port(small), {**fields, "apiKey": "fout"})[0] == 401
    assert lt_post(port(small), fields, headers={"Authorization": "Bearer geheim-token"})[0] == 200
    assert request(port(small), "GET", "/")[0] == 401
    import base64

    basic = "Basic " + base64.b64encode(b"wie:geheim-token").decode()
    assert request(port(small), "GET", "/", headers={"Authorization": basic})[0] == 200
    assert request(port(small), "GET", "/v2/languages")[0] == 200  # public, as in LanguageTool


def test_other_host_needs_a_token(monkeypatch):
    monkeypatch.delenv("HELDER_TOKEN", raising=False)
    with pytest.raises(HelderError, match="token"):
        make_server("0.0.0.0", 0)


def test_form_limits(small):
    auth = {"Authorization": "Bearer geheim-token"}
    many = "&".join(f"v{i}=x" for i in range(50)).encode()
    status, _, _ = request(port(small), "POST", "/controleer", many,
                           {**auth, "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 413
    body, ctype = _multipart({f"v{i}": "x" for i in range(100)})
    assert request(port(small), "POST", "/api/v1/check", body, {**auth, "Content-Type": ctype})[0] == 413
    inner = uuid.uuid4().hex
    nested = ("--a\r\nContent-Disposition: form-data; name=\"text\"\r\n"
              f"Content-Type: multipart/mixed; boundary={inner}\r\n\r\n" + f"--{inner}\r\n" * 3 + "--a--\r\n")
    status, _, _ = request(port(small), "POST", "/api/v1/check", nested.encode(),
                           {**auth, "Content-Type": "multipart/form-data; boundary=a"})
    assert status == 422
    status, _, _ = request(port(small), "POST", "/api/v1/check", b"text=%FF",
                           {**auth, "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400


def test_one_content_length_only(small):
    with socket.create_connection(("127.0.0.1", port(small)), timeout=30) as s:
        s.sendall(b"POST /v2/check HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Length: 5\r\n"
                  b"Content-Length: 40\r\nAuthorization: Bearer geheim-token\r\n\r\ntext=" % port(small))
        assert s.recv(100).startswith(b"HTTP/1.1 400")


def test_whole_request_deadline(small, monkeypatch):
    """A body that trickles in (a byte every 0.3 s) is cut off after the whole-request time limit."""
    monkeypatch.setattr(web_server, "_READ_TIMEOUT", 2)
    closed = False
    with socket.create_connection(("127.0.0.1", port(small)), timeout=30) as s:
        s.sendall(b"POST /v2/check HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Length: 100\r\n\r\n" % port(small))
        s.settimeout(0.3)
        for _ in range(60):  # 18 s of trickling, far beyond the limit of 2 s
            try:
                s.sendall(b"t")
                if s.recv(100) == b"":
                    closed = True
                    break
            except socket.timeout:
                continue
            except OSError:
                closed = True
                break
    assert closed
    assert web_server.HelderServer.request_queue_size > 5


def _pids(srv) -> set[int]:
    return {w.process.pid for w in srv.pool._all}


def test_deadline_kills_the_worker_even_when_the_client_left(small):
    settings = small.RequestHandlerClass.settings
    settings.timeout = 1.0
    long_text = " ".join([SENTENCE] * 1500)  # many seconds of work
    before = _pids(small)
    try:
        body = urllib.parse.urlencode({"text": long_text, "language": "nl", "apiKey": "geheim-token"}).encode()
        s = socket.create_connection(("127.0.0.1", port(small)), timeout=30)
        s.sendall(b"POST /v2/check HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  b"Content-Length: %d\r\n\r\n" % (port(small), len(body)) + body)
        s.close()  # the client leaves at once
        for _ in range(600):
            if _pids(small) and _pids(small) != before:
                break
            time.sleep(0.1)
        assert _pids(small) != before  # the busy worker was killed and replaced
    finally:
        settings.timeout = 60
    status, _, answer = lt_post(port(small), {"text": SENTENCE, "language": "nl", "apiKey": "geheim-token"})
    assert status == 200 and codes(answer) == ["WK001"]  # the new worker answers


def test_full_queue_answers_503_with_retry_after(small):
    long_text = " ".join([SENTENCE] * 600)
    results = {}

    def slow():
        results["slow"] = lt_post(port(small), {"text": long_text, "language": "nl", "apiKey": "geheim-token"})[0]

    t = threading.Thread(target=slow)
    t.start()
    for _ in range(200):  # wait until the one worker is taken
        if small.pool._slots._value == 0:
            break
        time.sleep(0.05)
    status, headers, text = lt_post(port(small), {"text": SENTENCE, "language": "nl", "apiKey": "geheim-token"})
    t.join()
    assert status == 503 and headers.get("Retry-After") and text.startswith("Error: ")
    assert results["slow"] == 200


def test_cors_only_with_allow_origin_and_only_on_the_apis(small):
    settings = small.RequestHandlerClass.settings
    assert request(port(small), "OPTIONS", "/v2/check")[0] == 405
    status, headers, _ = request(port(small), "GET", "/v2/languages")
    assert "Access-Control-Allow-Origin" not in headers
    settings.allow_origin = "app://obsidian.md"
    try:
        status, headers, _ = request(port(small), "OPTIONS", "/v2/check")
        assert status == 204 and headers["Access-Control-Allow-Origin"] == "app://obsidian.md"
        assert "Authorization" in headers["Access-Control-Allow-Headers"]
        status, headers, _ = request(port(small), "GET", "/v2/languages")
        assert headers["Access-Control-Allow-Origin"] == "app://obsidian.md"
        status, headers, _ = request(port(small), "GET", "/regels/WK001")
        assert "Access-Control-Allow-Origin" not in headers  # pages never
    finally:
        settings.allow_origin = ""


def test_openapi_file_is_served_and_valid(small):
    import yaml

    status, headers, text = request(port(small), "GET", "/openapi.yaml")
    assert status == 200 and headers["Content-Type"].startswith("application/yaml")
    spec = yaml.safe_load(text)
    assert spec["openapi"].startswith("3.1") and {"/v2/check", "/api/v1/check", "/api/v1/score"} <= set(spec["paths"])
    import jsonschema

    for name, schema in spec["components"]["schemas"].items():
        jsonschema.Draft202012Validator.check_schema(schema)


def test_serve_command_has_the_team_options():
    from click.testing import CliRunner

    from helder.web.server import serve_command

    out = CliRunner().invoke(serve_command, ["--help"]).output
    for option in ("--workers", "--queue", "--timeout", "--token", "--allow-origin", "--grammar", "--grammar-url"):
        assert option in out
    result = CliRunner().invoke(serve_command, ["--host", "0.0.0.0", "--port", "0"], env={"HELDER_TOKEN": ""})
    assert result.exit_code != 0 and "token" in str(result.exception or result.output)


def test_no_text_in_the_log(small, capfd):
    secret = "Zwanenhalsgeheim"
    lt_post(port(small), {"text": f"Indien {secret} komt, bel ons.", "language": "nl", "apiKey": "geheim-token"})
    request(port(small), "GET", f"/v2/check?text={secret}&language=nl&apiKey=geheim-token")
    with socket.create_connection(("127.0.0.1", port(small)), timeout=30) as s:
        s.sendall(f"GET /{secret} HTTP/1.1 extra\r\n\r\n".encode())
        s.recv(1000)
    time.sleep(0.5)
    out, err = capfd.readouterr()
    assert "/v2/check" in err  # the log is there ...
    assert secret not in out + err  # ... without the text


def test_clean_corpus_in_paragraphs_stays_within_budget(small):
    """The clean B1 corpus, sent one paragraph at a time as Writer does: few findings, none serious."""
    import re

    from helder.checks import load_profile, load_rules
    from helder.documents import load_path

    rules = {r.code: r for r in load_rules()}
    corpus = Path(__file__).resolve().parents[1] / "corpora" / "schoon"
    words, found, serious = 0, [], []
    for path in sorted(p for p in corpus.iterdir() if p.suffix in (".md", ".txt")):
        profile = {".md": "web", ".txt": "brief"}[path.suffix]
        for para in re.split(r"\n\s*\n", load_path(path).text):
            status, _, answer = lt_post(port(small), {"text": para, "language": "nl-NL", "profile": profile,
                                                      "apiKey": "geheim-token"})
            assert status == 200, answer
            words += len(para.split())
            for m in answer["matches"]:
                found.append((path.name, m["rule"]["id"], m["context"]["text"]))
                severity = load_profile(profile).rule_severity(rules[m["rule"]["id"]])
                if severity.label != "suggestion":
                    serious.append(found[-1])
    assert words > 5000
    assert 1000 * len(serious) / words <= 0.5, serious
    assert 1000 * len(found) / words <= 4.0, found  # whole texts: 1.3 (tests/test_quality.py)
    assert not [f for f in found if f[1] in ("LB004", "LB005", "ST008", "WK006", "WK010")]


@pytest.mark.parametrize("text", ["", "12", "---", "   \n  "])
def test_fragments_without_words_get_no_matches(small, text):
    status, _, answer = lt_post(port(small), {"text": text, "language": "nl-NL", "apiKey": "geheim-token"})
    assert status == 200 and answer["matches"] == []


def test_hostile_bodies_never_give_500(small):
    """Generated malformed bodies on every POST route: a 4xx answer (or 200), never 500, never a hang."""
    import random

    rng = random.Random(11)
    auth = {"Authorization": "Bearer geheim-token"}
    pieces = [b"text=", b"data=", b"language=nl", b"&", b"=", b"%", b"%zz", b"%FF", b"\xff\xfe", b"+",
              b'{"annotation":', b"[", b"]", b"{", b'"markup"', b"\r\n", b"--x\r\n", b"Content-Type: multipart/x;",
              b'Content-Disposition: form-data; name="text"\r\n\r\n', b"--x--", b"\x00", "é".encode()]
    kinds = ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "multipart/form-data",
             "application/json", "text/plain", "multipart/form-data; boundary=\"\"", ""]
    for path in ("/v2/check", "/api/v1/check", "/api/v1/score", "/controleer"):
        for _ in range(25):
            body = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
            headers = {**auth, "Content-Type": rng.choice(kinds)}
            status, _, text = request(port(small), "POST", path, body, headers, timeout=90)
            assert status < 500, (path, body, headers, status, text[:200])
            assert "Traceback" not in text
    assert lt_post(port(small), {"text": SENTENCE, "language": "nl", "apiKey": "geheim-token"})[0] == 200


def test_whole_document_rules_do_not_run_on_fragments():
    """Rules marked ``whole_document: true`` in their YAML are left out of /v2/check: one paragraph has no
    length, headings or structure to judge."""
    from helder.checks import load_rules
    from helder.web.ltcheck import fragment_ignore

    marked = fragment_ignore()
    assert {"LB004", "ST002", "ST010"} <= set(marked)
    assert all(r.whole_document == (r.code in marked) for r in load_rules())
