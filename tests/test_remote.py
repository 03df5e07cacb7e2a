"""``helder check --server URL``: the same output and exit code as a local run, and a local fallback."""

from __future__ import annotations

import os
import socket
import threading

import pytest

from helder.cli import main
from helder.web.server import make_server

LETTER = ("Geachte heer Jansen,\n\nIndien u vragen heeft, kunt u ons bellen. De aanvraag wordt door de gemeente "
          "behandeld. Wij sturen u binnen twee weken een brief.\n\nMet vriendelijke groet,\n\nDe gemeente\n")
PAGE = "# Afval\n\nHet afval wordt **op maandag** opgehaald. Indien de container vol is, bel ons 😀.\n"


@pytest.fixture(scope="module")
def server_url(pipeline):
    srv = make_server("127.0.0.1", 0, 1024 * 1024, model=os.environ.get("HELDER_TEST_MODEL"))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    (tmp_path / "brief.txt").write_text(LETTER, encoding="utf-8")
    (tmp_path / "pagina.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "schoon.txt").write_text("Wij helpen u graag.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HELDER_SERVER", raising=False)
    return tmp_path


SERVED = []


def run(capsys, args):
    code = main(["check", *args])
    out = capsys.readouterr()
    # the server runs in this process: count its answers and leave its access log out
    lines = out.err.splitlines(True)
    SERVED.append(sum('"POST /api/v1/check" 200' in line for line in lines))
    err = "".join(line for line in lines if not line.startswith("helder serve:"))
    return code, out.out, err


@pytest.mark.parametrize("args", [
    ["brief.txt", "pagina.md", "schoon.txt"],
    ["--format", "json", "brief.txt", "pagina.md"],
    ["--format", "full", "--profile", "web", "pagina.md"],
    ["--select", "WK", "--min-severity", "warning", "brief.txt"],
    ["schoon.txt"],
    ["--format", "html", "brief.txt", "pagina.md"],
    ["--format", "sarif", "pagina.md"],
])
def test_same_output_and_exit_code(folder, capsys, server_url, args):
    local = run(capsys, args)
    remote = run(capsys, ["--server", server_url, *args])
    assert remote == local
    assert SERVED[-1] == len([a for a in args if "." in a])  # every file went to the server
    assert local[0] in (0, 1)


def test_configuration_file_select_and_ignore_travel(folder, capsys, server_url, monkeypatch):
    (folder / "helder.toml").write_text('select = ["ALL"]\nignore = ["WK001"]\n', encoding="utf-8")
    local = run(capsys, ["brief.txt"])
    assert "WK001" not in local[1]
    monkeypatch.setenv("HELDER_SERVER", server_url)
    assert run(capsys, ["brief.txt"]) == local
    assert SERVED[-1] == 1


def test_absent_server_falls_back_with_one_warning(folder, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    local = run(capsys, ["brief.txt", "pagina.md"])
    code, out, err = run(capsys, ["--server", dead, "brief.txt", "pagina.md"])
    assert (code, out) == local[:2]
    assert err.count("helder controleert de bestanden zelf") == 1
