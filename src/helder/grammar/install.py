"""Install and run LanguageTool for ``helder check --grammar``: ``helder languagetool ...``.

``install`` fetches the Dutch LanguageTool server jars listed in ``helder/data/languagetool-jars.txt``
(written by ``languagetool/lock.py`` from ``languagetool/pom.xml`` with Maven) from Maven Central into
the user data folder (:func:`helder.grammar.server.user_data_home`). Every file must have the SHA-256
recorded in that list; the jars go to a temporary folder first and replace ``lib/`` only when all of
them arrived intact. This is an install step that the user runs: helder never downloads at run time.

``start`` runs a server in the background (detached from the terminal) and writes its URL to
``target/server.url`` next to the jars, where ``helder check --grammar`` finds it (as it finds a
server of ``languagetool/start.sh``); ``stop`` stops it; ``status`` tells what is installed and running.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .client import DEFAULT_DISABLED_RULES, DEFAULT_TONE_TAGS, LanguageToolClient, LanguageToolUnavailable
from .server import (_no_memory_cap, DEFAULT_PROPERTIES, DEFAULT_START_TIMEOUT, ENV_JAVA_OPTS, DEFAULT_JAVA_OPTS, MAIN_CLASS,
                     Installation, find_installation, find_java, free_port, url_from_start_script,
                     user_data_home)

MAVEN_CENTRAL = "https://repo1.maven.org/maven2"
ENV_REPOSITORY = "HELDER_MAVEN_REPOSITORY"  # another Maven repository (a mirror, or file:// for tests)
_CHUNK = 1 << 16


class InstallError(Exception):
    """Installing, starting or stopping failed; the message is a Dutch one-liner."""


@dataclass(frozen=True)
class Jar:
    group: str
    artifact: str
    version: str
    sha256: str
    size: int

    @property
    def filename(self) -> str:
        return f"{self.artifact}-{self.version}.jar"

    def url(self, repository: str) -> str:
        return "/".join([repository.rstrip("/"), *self.group.split("."), self.artifact, self.version,
                         self.filename])


def locked_jars() -> list[Jar]:
    """The jars of the LanguageTool version this helder was tested with."""
    text = resources.files("helder").joinpath("data/languagetool-jars.txt").read_text(encoding="utf-8")
    jars = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            gav, sha, size = line.split()
            group, artifact, version = gav.split(":")
            jars.append(Jar(group, artifact, version, sha, int(size)))
    return jars


def locked_version(jars: list[Jar] | None = None) -> str:
    return next(j.version for j in (jars or locked_jars()) if j.artifact == "languagetool-server")


def _fetch(jar: Jar, repository: str, folder: Path, timeout: float) -> None:
    url = jar.url(repository)
    digest, size = hashlib.sha256(), 0
    target = folder / jar.filename
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, open(target, "wb") as out:  # noqa: S310
            while chunk := response.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
    except (OSError, ValueError) as exc:
        raise InstallError(f"kan {url} niet ophalen ({getattr(exc, 'reason', None) or exc})") from None
    if size != jar.size or digest.hexdigest() != jar.sha256:
        raise InstallError(f"{jar.filename} van {repository} is niet het verwachte bestand "
                           f"(controlegetal klopt niet); er is niets geïnstalleerd")


def installed_ok(lib: Path, jars: list[Jar]) -> bool:
    """True when ``lib`` holds exactly these jars with the right sizes (a quick check, no hashing)."""
    try:
        present = {p.name: p.stat().st_size for p in lib.glob("*.jar")}
    except OSError:
        return False
    return present == {j.filename: j.size for j in jars}


def install(home: Path | None = None, *, repository: str | None = None, workers: int = 4,
            timeout: float = 60.0, force: bool = False, progress=None) -> tuple[Path, int]:
    """Fetch the jars into ``home/lib`` (default: the user data folder). Returns (lib, files fetched).

    Does nothing when ``lib`` already holds the right jars (unless ``force``). Raises
    :class:`InstallError`; a failed install leaves the previous ``lib`` as it was.
    """
    home = Path(home) if home else user_data_home()
    repository = repository or os.environ.get(ENV_REPOSITORY) or MAVEN_CENTRAL
    jars = locked_jars()
    lib = home / "lib"
    if not force and installed_ok(lib, jars):
        return lib, 0
    try:
        home.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".lib-new-", dir=home))
        staging.chmod(0o755)  # mkdtemp makes it private; the jars are not secret
    except OSError as exc:
        raise InstallError(f"kan de map {home} niet maken ({exc.strerror or exc})") from None
    try:
        pool = ThreadPoolExecutor(max_workers=max(1, workers))
        try:
            futures = [pool.submit(_fetch, j, repository, staging, timeout) for j in jars]
            for n, future in enumerate(futures, 1):
                future.result()
                if progress:
                    progress(n, len(jars))
        finally:  # after a failure or Ctrl-C, fetch nothing more
            pool.shutdown(wait=True, cancel_futures=True)
        props = home / "server.properties"
        if not props.exists():
            props.write_text(DEFAULT_PROPERTIES, encoding="utf-8")
        old = home / ".lib-old"
        shutil.rmtree(old, ignore_errors=True)
        if lib.exists():
            lib.rename(old)
        staging.rename(lib)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        raise InstallError(f"kan niet schrijven in {home} ({exc.strerror or exc})") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return lib, len(jars)


# -- a background server -------------------------------------------------------------------------

def _run_dir(installation: Installation) -> Path:
    return installation.home / "target"


def _pid_file(installation: Installation) -> Path:
    return _run_dir(installation) / "server.pid"


def _read_pid(installation: Installation) -> int | None:
    try:
        return int(_pid_file(installation).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def _is_our_server(pid: int) -> bool:
    """The process ``pid`` exists and (where /proc tells) is a LanguageTool server."""
    try:
        os.kill(pid, 0)
    except (OSError, ValueError):
        return False
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists():
        try:
            return MAIN_CLASS.encode() in cmdline.read_bytes()
        except OSError:
            return False
    return True


def _require_installation() -> Installation:
    installation = find_installation()
    if installation is None:
        raise InstallError("LanguageTool is niet geïnstalleerd; installeer het met 'helder languagetool install'")
    return installation


def start(*, timeout: float = DEFAULT_START_TIMEOUT) -> tuple[str, bool]:
    """Start a background server (or find the running one). Returns (url, newly started)."""
    installation = _require_installation()
    url = url_from_start_script(installation)
    if url:
        return url, False
    java = find_java()
    if not java:
        raise InstallError("Java is niet gevonden (LanguageTool heeft Java 17 of nieuwer nodig)")
    run = _run_dir(installation)
    try:
        run.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InstallError(f"kan de map {run} niet maken ({exc.strerror or exc})") from None
    for name in ("server.url", "server.pid"):
        (run / name).unlink(missing_ok=True)
    config = installation.properties
    if config is None:
        config = run / "server.properties"
        config.write_text(DEFAULT_PROPERTIES, encoding="utf-8")
    env_opts = os.environ.get(ENV_JAVA_OPTS)
    opts = env_opts.split() if env_opts else list(DEFAULT_JAVA_OPTS)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [java, *opts, "-Djava.net.preferIPv4Stack=true", "-cp", str(installation.lib / "*"), MAIN_CLASS,
           "--port", str(port), "--config", str(config)]
    detach = ({"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.DETACHED_PROCESS}
              if sys.platform == "win32" else {"start_new_session": True, **_no_memory_cap()})
    with open(run / "server.log", "wb") as log:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                cwd=run, **detach)
    (run / "server.pid").write_text(str(proc.pid), encoding="utf-8")
    try:
        _wait_ready(proc, url, time.monotonic() + timeout)
    except InstallError:
        _terminate(proc.pid)
        (run / "server.pid").unlink(missing_ok=True)
        raise
    (run / "server.url").write_text(url + "\n", encoding="utf-8")
    return url, True


def _wait_ready(proc: subprocess.Popen, url: str, deadline: float) -> None:
    client = LanguageToolClient(url, timeout=2.0)
    while True:
        if proc.poll() is not None:
            raise InstallError("de LanguageTool-server stopte meteen (zie target/server.log)")
        try:
            client.languages()
            break
        except LanguageToolUnavailable:
            if time.monotonic() > deadline:
                raise InstallError("de LanguageTool-server antwoordde niet op tijd") from None
            time.sleep(0.25)
    try:  # the first check loads the Dutch rules and dictionary
        LanguageToolClient(url, timeout=max(10.0, deadline - time.monotonic())).check(
            "Dit is een korte zin om de server op te warmen.", tone_tags=DEFAULT_TONE_TAGS,
            disabled_rules=DEFAULT_DISABLED_RULES)
    except LanguageToolUnavailable as exc:
        raise InstallError(f"de LanguageTool-server werd niet klaar ({exc.reason})") from None


def _terminate(pid: int, wait: float = 15.0) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except OSError:
        return
    end = time.monotonic() + wait
    while time.monotonic() < end:
        if not _alive(pid):
            return
        time.sleep(0.2)
    try:
        os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
    except OSError:
        pass


def _alive(pid: int) -> bool:
    try:  # reap it when it is our own child (tests start and stop in one process)
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except (ChildProcessError, OSError, AttributeError):
        pass
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def stop() -> int | None:
    """Stop the background server. Returns its pid, or None when none was running."""
    installation = find_installation()
    if installation is None:
        return None
    pid = _read_pid(installation)
    run = _run_dir(installation)
    stopped = None
    if pid is not None and _is_our_server(pid):
        _terminate(pid)
        stopped = pid
    for name in ("server.url", "server.pid"):
        (run / name).unlink(missing_ok=True)
    return stopped


@dataclass(frozen=True)
class Status:
    installation: Installation | None
    java: str | None
    url: str | None  # a running background server that answers
    expected_version: str


def status() -> Status:
    installation = find_installation()
    url = url_from_start_script(installation) if installation else None
    return Status(installation, find_java(), url, locked_version())
