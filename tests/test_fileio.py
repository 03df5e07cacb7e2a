"""helder.fileio: atomic writes and regular files only."""

from __future__ import annotations

import os
import stat

import pytest

from helder.errors import ConfigError, HelderError, InputError
from helder.fileio import read_regular, require_regular, same_file, valid_utf8, write_atomic


def test_write_atomic_replaces_in_full_and_keeps_the_mode(tmp_path):
    target = tmp_path / "rapport.txt"
    target.write_text("oud")
    target.chmod(0o640)
    write_atomic(target, "nieuw é")
    assert target.read_text(encoding="utf-8") == "nieuw é"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.txt"]


def test_write_atomic_follows_a_link_and_keeps_it(tmp_path):
    real = tmp_path / "echt.txt"
    real.write_text("oud")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, b"nieuw")
    assert link.is_symlink() and real.read_text() == "nieuw"


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_write_atomic_never_replaces_a_device(device):
    with pytest.raises(HelderError, match="apparaat"):
        write_atomic(device, "x")
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_write_atomic_never_replaces_a_fifo_or_folder(tmp_path):
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    with pytest.raises(HelderError, match="FIFO"):
        write_atomic(fifo, "x")
    assert fifo.is_fifo()
    with pytest.raises(HelderError, match="map"):
        write_atomic(tmp_path, "x")


def test_write_atomic_into_a_missing_folder_changes_nothing(tmp_path):
    with pytest.raises(HelderError, match="niet schrijven"):
        write_atomic(tmp_path / "nergens" / "r.txt", "x")


def test_read_regular_refuses_what_may_never_end(tmp_path):
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="FIFO"):
        read_regular(fifo, what="het bestand", max_bytes=100)
    with pytest.raises(ConfigError, match="apparaat"):
        read_regular("/dev/zero", what="het configuratiebestand", max_bytes=100, error=ConfigError)
    big = tmp_path / "groot.txt"
    big.write_bytes(b"x" * 101)
    with pytest.raises(InputError, match="te groot"):
        read_regular(big, what="het bestand", max_bytes=100)
    assert read_regular(big, what="het bestand", max_bytes=101) == b"x" * 101
    require_regular(tmp_path / "bestaat-niet", what="de basislijn")
    with pytest.raises(InputError):
        require_regular(fifo, what="de basislijn")


def test_same_file_and_valid_utf8(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("x")
    assert same_file(a, tmp_path / "." / "a.txt") and not same_file(a, tmp_path / "b.txt")
    assert valid_utf8("brief-\udcff.txt") == "brief-\ufffd.txt"
    assert valid_utf8("café") == "café"
