"""LibreOffice's own LanguageTool client against ``helder serve`` (headless, through UNO).

The UNO part runs as a subprocess of Debian's ``/usr/bin/python3`` (it has the ``uno`` module):
``tests/uno/lo_languagetool.py`` starts soffice headless with a fresh profile, sets
/org.openoffice.Office.Linguistic/GrammarChecking/LanguageTool (BaseURL, IsEnabled), creates
org.openoffice.lingu.LanguageToolGrammarChecker and calls doProofreading on Dutch text.
CI installs ``libreoffice-writer-nogui`` and ``python3-uno`` (.ci/run); elsewhere the test skips.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from helder.web.server import make_server

DRIVER = Path(__file__).parent / "uno" / "lo_languagetool.py"
SYSTEM_PYTHON = "/usr/bin/python3"


def _libreoffice_missing() -> str | None:
    if not shutil.which("soffice"):
        return "LibreOffice is not installed (apt-get install libreoffice-writer-nogui python3-uno)"
    if not os.path.exists(SYSTEM_PYTHON):
        return f"{SYSTEM_PYTHON} is missing (it runs LibreOffice's UNO bridge)"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True)
    if probe.returncode != 0:
        return "Python's uno module is missing (apt-get install python3-uno)"
    return None


@pytest.fixture(scope="module")
def helder_url(pipeline):
    reason = _libreoffice_missing()
    if reason:
        pytest.skip(reason)
    srv = make_server("127.0.0.1", 0, 1024 * 1024, model=os.environ.get("HELDER_TEST_MODEL"))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/v2"
    srv.shutdown()
    srv.server_close()


def test_libreoffice_shows_helders_advice(helder_url, tmp_path):
    # & + % as LibreOffice 7.4 sends them: not percent-encoded
    text = ("Wij 😀 helpen u graag & snel, 100% zeker + gratis. Indien u vragen heeft, kunt u ons bellen. "
            "De aanvraag wordt door ons behandeld.")
    source = tmp_path / "alinea.txt"
    source.write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["HOME"] = str(tmp_path)
    done = subprocess.run([SYSTEM_PYTHON, str(DRIVER), helder_url, str(source)], capture_output=True, text=True,
                          env=env, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["has_locale"]  # LibreOffice asked /v2/languages and found Dutch
    errors = result["errors"]
    # LibreOffice counts in UTF-16 units, as LanguageTool: the emoji counts twice
    indien = [e for e in errors if e["suggestions"] == ["Als"]]
    assert indien, errors
    start = text.index("Indien") + 1
    assert (indien[0]["start"], indien[0]["length"]) == (start, 6)
    assert any("Indien" in e["short"] + e["full"] for e in indien)
    passive = [e for e in errors if e["start"] > text.index("De aanvraag") and "Zinsbouw" not in e["full"]
               and ("lijdende vorm" in (e["short"] + e["full"]).lower())]
    assert passive, errors  # ZB001/ZB002: the passive sentence
    assert sys.executable  # the test itself runs in helder's venv; only the driver runs in Debian's Python
