"""Write the list of LanguageTool jars that ``helder languagetool install`` fetches.

Maven resolves ``pom.xml`` (``mvn dependency:list``: versions, exclusions, runtime scope), and this
script records every jar with its SHA-256, taken from the local Maven repository (Maven checked each
file against the SHA-1 that Maven Central publishes when it fetched it). The result,
``src/helder/data/languagetool-jars.txt``, ships with helder, so users need neither Maven nor a
resolver: helder downloads exactly these files and refuses any whose SHA-256 differs.

Run it after changing ``pom.xml`` (or with ``LT_VERSION=6.9``): ``python languagetool/lock.py``.
Needs Maven 3 and Java 17+.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "src" / "helder" / "data" / "languagetool-jars.txt"
M2 = Path(os.environ.get("MAVEN_REPOSITORY") or Path.home() / ".m2" / "repository")
_LINE = re.compile(r"^\s*([\w.\-]+):([\w.\-]+):jar:([\w.\-]+):(compile|runtime)\b")


def resolve() -> list[tuple[str, str, str]]:
    """(group, artifact, version) of every runtime jar of pom.xml, in Maven's order."""
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "deps.txt"
        cmd = ["mvn", "-B", "-q", "-f", str(HERE / "pom.xml"), "dependency:list",
               "-DincludeScope=runtime", f"-DoutputFile={listing}", "-Dstyle.color=never"]
        if os.environ.get("LT_VERSION"):
            cmd.append(f"-Dlanguagetool.version={os.environ['LT_VERSION']}")
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        text = re.sub(r"\x1b\[[0-9;]*m", "", listing.read_text(encoding="utf-8"))
    out = []
    for line in text.splitlines():
        m = _LINE.match(line)
        if m:
            out.append((m.group(1), m.group(2), m.group(3)))
    return out


def main() -> int:
    jars = resolve()
    version = next((v for g, a, v in jars if a == "languagetool-server"), None)
    if not version or not any(a == "language-nl" for _, a, _ in jars):
        print("lock.py: Maven listed no languagetool-server/language-nl jars", file=sys.stderr)
        return 1
    lines = [
        f"# LanguageTool {version}: the jars `helder languagetool install` fetches from Maven Central.",
        "# Written by languagetool/lock.py from languagetool/pom.xml; do not edit by hand.",
        "# group:artifact:version sha256 bytes",
    ]
    for group, artifact, ver in sorted(jars):
        path = M2.joinpath(*group.split("."), artifact, ver, f"{artifact}-{ver}.jar")
        data = path.read_bytes()
        lines.append(f"{group}:{artifact}:{ver} {hashlib.sha256(data).hexdigest()} {len(data)}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"lock.py: {len(jars)} jars of LanguageTool {version} written to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
