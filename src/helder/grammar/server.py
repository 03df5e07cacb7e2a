"""Find the local LanguageTool jars and run a private, Dutch LanguageTool server.

Where the jars are looked for (the first folder that has them wins); a folder may hold the jars
itself or in a ``lib/`` subfolder:

1. ``$HELDER_LANGUAGETOOL_HOME``;
2. the repository's ``languagetool/`` folder (filled by ``languagetool/fetch.sh``);
3. the user data folder: ``$XDG_DATA_HOME/helder/languagetool`` (default
   ``~/.local/share/helder/languagetool``), ``~/Library/Application Support/helder/languagetool`` on
   macOS, ``%LOCALAPPDATA%\\helder\\languagetool`` on Windows.

The server helder starts listens on 127.0.0.1 only (no ``--public``), on a free port, and is
stopped when the Python process exits. It is started at most once per process and shared by all
documents. A server started with ``languagetool/start.sh`` (URL in ``target/server.url`` next to
the jars) is reused when it answers.

Nothing here downloads anything.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .client import DEFAULT_DISABLED_RULES, DEFAULT_TONE_TAGS, LanguageToolClient, LanguageToolUnavailable

MAIN_CLASS = "org.languagetool.server.HTTPServer"
ENV_HOME = "HELDER_LANGUAGETOOL_HOME"
ENV_JAVA_OPTS = "HELDER_LANGUAGETOOL_JAVA_OPTS"
# Serial GC and the C1 compiler only: a short-lived server for one helder run uses about half the
# CPU time for its checks that way (measured with bench/bench_grammar.py), and the heap stays small.
DEFAULT_JAVA_OPTS = ("-Xms128m", "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
#: Seconds to wait for a fresh server to answer and finish its first (slow) check.
DEFAULT_START_TIMEOUT = 120.0

#: Used when the jar folder has no ``server.properties`` of its own.
DEFAULT_PROPERTIES = """\
# Written by helder. Prewarming must stay off on a Dutch-only classpath.
pipelinePrewarming=false
pipelineCaching=true
maxPipelinePoolSize=4
pipelineExpireTimeInSeconds=3600
maxTextLength=40000
maxCheckTimeMillis=60000
maxCheckThreads=2
cacheSize=2000
"""

_REPO_HOME = Path(__file__).resolve().parents[3] / "languagetool"


class NotInstalled(LanguageToolUnavailable):
    """No LanguageTool jars were found (or no Java to run them)."""


@dataclass(frozen=True)
class Installation:
    home: Path  # folder with server.properties / server.url (may equal lib)
    lib: Path  # folder with the jars
    version: str | None  # e.g. "6.8"

    @property
    def properties(self) -> Path | None:
        p = self.home / "server.properties"
        return p if p.is_file() else None


def user_data_home() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "helder" / "languagetool"


def candidate_homes() -> list[Path]:
    out: list[Path] = []
    env = os.environ.get(ENV_HOME)
    if env:
        out.append(Path(env).expanduser())
    out.append(_REPO_HOME)
    out.append(user_data_home())
    return out


def _has_jars(folder: Path) -> bool:
    try:
        names = [p.name for p in folder.iterdir()]
    except OSError:
        return False
    return any(n.startswith("languagetool-server-") and n.endswith(".jar") for n in names) and any(
        n.startswith("language-nl-") and n.endswith(".jar") for n in names
    )


def find_installation() -> Installation | None:
    """The first folder with a LanguageTool server and the Dutch module, or None."""
    for home in candidate_homes():
        for lib in (home / "lib", home):
            if _has_jars(lib):
                version = None
                for jar in lib.glob("languagetool-server-*.jar"):
                    m = re.match(r"languagetool-server-(.+)\.jar$", jar.name)
                    if m:
                        version = m.group(1)
                return Installation(home=home, lib=lib, version=version)
    return None


def find_java() -> str | None:
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        exe = Path(java_home) / "bin" / ("java.exe" if sys.platform == "win32" else "java")
        if exe.is_file():
            return str(exe)
    return shutil.which("java")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def url_from_start_script(installation: Installation | None = None) -> str | None:
    """The URL in ``server.url`` written by ``languagetool/start.sh``, if that server answers."""
    installation = installation or find_installation()
    if installation is None:
        return None
    url = ""
    for f in (installation.home / "target" / "server.url", installation.home / "server.url"):
        try:
            url = f.read_text(encoding="utf-8").strip()
        except OSError:
            continue
        if url:
            break
    if not url:
        return None
    try:
        LanguageToolClient(url, timeout=2.0).languages()
    except LanguageToolUnavailable:
        return None
    return url


class LocalServer:
    """One LanguageTool server process on 127.0.0.1:<free port>."""

    def __init__(self, installation: Installation, *, java: str | None = None,
                 java_opts: tuple[str, ...] | None = None) -> None:
        self.installation = installation
        self.java = java or find_java()
        if java_opts is None:
            env = os.environ.get(ENV_JAVA_OPTS)
            java_opts = tuple(env.split()) if env else DEFAULT_JAVA_OPTS
        self.java_opts = java_opts
        self.port: int | None = None
        self.process: subprocess.Popen | None = None
        self.log_path: Path | None = None
        self.startup_seconds: float | None = None  # until /v2/languages answered
        self.ready_seconds: float | None = None  # until the first check came back
        self._tmpdir: tempfile.TemporaryDirectory | None = None

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError("server not started")
        return f"http://127.0.0.1:{self.port}"

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def _config_file(self) -> Path:
        assert self._tmpdir is not None
        props = self.installation.properties
        if props is not None:
            return props
        path = Path(self._tmpdir.name) / "server.properties"
        path.write_text(DEFAULT_PROPERTIES, encoding="utf-8")
        return path

    def start(self, *, timeout: float = DEFAULT_START_TIMEOUT, warm_up: bool = True) -> "LocalServer":
        """Start the server and wait until it answers (and, with ``warm_up``, until a first check ran).

        Raises :class:`NotInstalled` without Java, :class:`LanguageToolUnavailable` when the server
        does not come up in time or exits.
        """
        if self.alive():
            return self
        if not self.java:
            raise NotInstalled("Java is niet gevonden (LanguageTool heeft Java 17 of nieuwer nodig)")
        if self._tmpdir is None:
            self._tmpdir = tempfile.TemporaryDirectory(prefix="helder-lt-")
        self.startup_seconds = self.ready_seconds = None
        config = self._config_file()
        classpath = str(self.installation.lib / "*")
        t0 = time.perf_counter()
        deadline = t0 + timeout
        last_error = "de server startte niet"
        for _attempt in range(3):  # another program may grab the free port before Java does
            self.port = free_port()
            self.log_path = Path(self._tmpdir.name) / f"server-{self.port}.log"
            cmd = [self.java, *self.java_opts, "-Djava.net.preferIPv4Stack=true", "-cp", classpath,
                   MAIN_CLASS, "--port", str(self.port), "--config", str(config)]
            with open(self.log_path, "wb") as log:
                self.process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log,
                                                stderr=subprocess.STDOUT, cwd=self._tmpdir.name,
                                                **_no_memory_cap())
            _register(self)
            client = LanguageToolClient(self.url, timeout=2.0)
            while time.perf_counter() < deadline:
                if self.process.poll() is not None:
                    break
                try:
                    client.languages()
                    self.startup_seconds = time.perf_counter() - t0
                    break
                except LanguageToolUnavailable:
                    time.sleep(0.2)
            if self.startup_seconds is not None:
                break
            log_tail = self.log_tail()
            self.stop()
            if "Address already in use" in log_tail or "BindException" in log_tail:
                last_error = f"poort {self.port} was al bezet"
                continue
            if time.perf_counter() >= deadline:
                last_error = f"de server antwoordde niet binnen {timeout:g} seconden"
            else:
                last_error = "de server stopte meteen" + (f": {_last_line(log_tail)}" if log_tail else "")
            break
        if self.startup_seconds is None:
            raise LanguageToolUnavailable(last_error)
        if warm_up:
            # The first check loads the Dutch rules and dictionary (seconds, up to tens on a busy
            # machine). Do it now with a generous timeout, so user checks get the normal timeout.
            remaining = max(5.0, deadline - time.perf_counter())
            try:
                LanguageToolClient(self.url, timeout=remaining).check(
                    "Dit is een korte zin om de server op te warmen.",
                    tone_tags=DEFAULT_TONE_TAGS, disabled_rules=DEFAULT_DISABLED_RULES)
            except LanguageToolUnavailable as exc:
                self.stop()
                raise LanguageToolUnavailable(f"de server werd niet klaar ({exc.reason})") from None
        self.ready_seconds = time.perf_counter() - t0
        return self

    def log_tail(self, lines: int = 20) -> str:
        if self.log_path is None:
            return ""
        try:
            data = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(data.splitlines()[-lines:])

    def stop(self, timeout: float = 10.0) -> None:
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                try:
                    proc.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    pass
        _unregister(self)  # the temporary folder (config, log) stays until close()

    def close(self) -> None:
        self.stop()
        if self._tmpdir is not None:
            self._tmpdir.cleanup()
            self._tmpdir = None

    def __enter__(self) -> "LocalServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def _last_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for ln in reversed(lines):  # prefer the "Caused by" / exception line over a stack frame
        if not ln.startswith("at ") and not ln.startswith("..."):
            return ln[:200]
    return lines[-1][:200] if lines else ""


# -- process-wide bookkeeping ------------------------------------------------------------------

_RUNNING: set[LocalServer] = set()
_LOCK = threading.Lock()
_START_LOCK = threading.Lock()
_SHARED: LocalServer | None = None
_SHARED_FAILED: LanguageToolUnavailable | None = None


def _register(server: LocalServer) -> None:
    with _LOCK:
        _RUNNING.add(server)


def _unregister(server: LocalServer) -> None:
    with _LOCK:
        _RUNNING.discard(server)


@atexit.register
def _stop_all() -> None:
    for server in list(_RUNNING):
        try:
            server.close()
        except Exception:  # pragma: no cover - best effort at exit
            pass


def shared_server(*, timeout: float = DEFAULT_START_TIMEOUT) -> LocalServer:
    """The one local server of this process; started on first use, stopped at exit.

    Raises :class:`NotInstalled` when there are no jars, :class:`LanguageToolUnavailable` when the
    server does not start. A failed start is remembered: helder does not retry for every file.
    """
    global _SHARED, _SHARED_FAILED
    with _START_LOCK:  # two threads must not start two servers
        with _LOCK:
            shared, failed = _SHARED, _SHARED_FAILED
        if shared is not None and shared.alive():
            return shared
        if failed is not None:
            raise failed
        if shared is not None:  # it was running and has stopped: do not restart it for every file
            exc = LanguageToolUnavailable("de LanguageTool-server is onverwacht gestopt")
            with _LOCK:
                _SHARED_FAILED = exc
            raise exc
        installation = find_installation()
        if installation is None:
            raise NotInstalled("LanguageTool is niet geïnstalleerd op deze computer "
                               "(installeer het met 'helder languagetool install')")
        server = LocalServer(installation)
        try:
            server.start(timeout=timeout)
        except LanguageToolUnavailable as exc:
            with _LOCK:
                _SHARED_FAILED = exc
            raise
        with _LOCK:
            _SHARED = server
        return server


def stop_shared_server() -> None:
    """Stop the shared server now (it is also stopped at exit) and forget a failed start."""
    global _SHARED, _SHARED_FAILED
    with _LOCK:
        server, _SHARED, _SHARED_FAILED = _SHARED, None, None
    if server is not None:
        server.close()


def _no_memory_cap() -> dict:
    """Popen arguments that lift helder's ``--max-memory`` cap in the Java process: the JVM reserves
    far more address space than it uses and would not start under it."""
    import sys

    if sys.platform == "win32":
        return {}
    from ..budget import lift_memory_limit

    return {"preexec_fn": lift_memory_limit}
