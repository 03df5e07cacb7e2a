"""helder in the browser: ``helder serve`` starts a small local web page (see :mod:`.server`)."""

from __future__ import annotations

__all__ = ["serve", "make_server", "serve_command"]


def __getattr__(name: str):  # import the server (and click) only when asked for
    if name in __all__:
        from . import server

        return getattr(server, name)
    raise AttributeError(name)
