"""Read a text file for fixing and write it back atomically, the way it was.

The bytes are decoded as helder reads them (:func:`helder.documents.decoding.decode`); a file whose
bytes do not come back unchanged from the decoded text (broken characters, a mixed encoding) is not
fixed. Writing keeps the encoding, the byte order mark, the line ends (edits never touch them) and the
permissions, goes through a temporary file in the same folder that replaces the file in one step, and
refuses when the file changed on disk since helder read it.

The atomic write itself is :func:`helder.fileio.write_atomic`, shared with reports and baselines.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..documents.decoding import decode
from ..errors import InputError

_BOMS = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00",
         "utf-32-be": b"\x00\x00\xfe\xff"}


@dataclass(frozen=True)
class Encoded:
    """How a text file was stored: codec and byte order mark."""

    encoding: str
    bom: bytes = b""

    def encode(self, text: str, path: str) -> bytes:
        codec = "utf-8" if self.encoding == "utf-8-sig" else self.encoding
        try:
            return self.bom + text.encode(codec)
        except UnicodeEncodeError:
            raise InputError(f"De verbeterde tekst van {path} past niet in de codering {self.encoding}. "
                             "helder heeft het bestand niet veranderd.") from None


def encoding_of(data: bytes, path: str) -> tuple[str, Encoded]:
    """The text of ``data`` and how to store it again; InputError when that would not give the same bytes."""
    decoded = decode(data, path)
    bom = b"\xef\xbb\xbf" if decoded.encoding == "utf-8-sig" else b""
    if decoded.encoding in _BOMS and data.startswith(_BOMS[decoded.encoding]):
        bom = _BOMS[decoded.encoding]
    how = Encoded(decoded.encoding, bom)
    try:
        same = how.encode(decoded.text, path) == data
    except InputError:
        same = False
    if not same:
        raise InputError(f"helder kan {path} niet veilig verbeteren: niet alle tekens zijn goed te lezen "
                         f"als {decoded.encoding}. Sla het bestand op als UTF-8 en probeer het opnieuw.")
    return decoded.text, how


def check_writable(path: Path) -> None:
    """InputError when ``path`` cannot be replaced: a folder, read-only, or in a read-only folder."""
    name = str(path)
    if path.is_dir():
        raise InputError(f"{name} is een map, geen bestand.")
    try:
        info = path.stat()
    except OSError as exc:
        raise InputError(f"helder kan {name} niet lezen ({exc.strerror or exc}).") from None
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise InputError(f"Het bestand {name} is alleen-lezen. helder heeft het niet veranderd.")
    folder = Path(os.path.realpath(path)).parent
    if not os.access(folder, os.W_OK):
        raise InputError(f"helder mag niet schrijven in de map {folder}. Het bestand is niet veranderd.")


def write_atomic(path: Path, data: bytes, *, expected: bytes | None = None) -> None:
    """Replace the file at ``path`` by ``data`` in one step, keeping its permissions
    (:func:`helder.fileio.write_atomic`: a temporary file in the same folder, then a rename).

    ``expected``: the bytes helder read; when the file holds something else now, nothing is written
    (InputError). A new file (``expected`` None, ``path`` missing) gets the default permissions.
    """
    from ..fileio import write_atomic as write

    name = str(path)
    if expected is not None:
        try:
            now = Path(os.path.realpath(path)).read_bytes()
        except OSError as exc:
            raise InputError(f"helder kan {name} niet opnieuw lezen ({exc.strerror or exc}).") from None
        if now != expected:
            raise InputError(f"Het bestand {name} is veranderd terwijl helder bezig was. "
                             "helder heeft het niet aangepast; probeer het opnieuw.")
    write(path, data)
