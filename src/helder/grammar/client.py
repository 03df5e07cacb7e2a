"""A small HTTP client for a LanguageTool server's ``/v2`` API (standard library only).

We talk to the server directly instead of through ``language-tool-python``: that package may download
a LanguageTool zip on first use (helder must never do that), and it does not pass ``toneTags``, which
the Dutch officialese rules need (see :data:`DEFAULT_TONE_TAGS`).

Every network or server problem becomes a :class:`LanguageToolUnavailable` with a short Dutch reason,
so callers can turn it into one warning.
"""

from __future__ import annotations

import http.client
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

#: Tone tags sent with every check. Found by running a government letter through LanguageTool 6.8:
#:
#: * ``informal`` switches on the category OUDERWETS ("ouderwets"): officialese such as *indien*,
#:   *middels*, *teneinde*, *derhalve*, *inzake*, *conform*, *omtrent*, *voornoemde*. These rules are
#:   "goal specific": without this tag they never fire.
#: * ``formal`` keeps rules against sloppy or colloquial writing (*idd*, *enzo*, *u kan*).
#: * ``clarity`` and ``general`` keep rules such as *zo optimaal mogelijk*, *van betekenis*,
#:   *binnen nu en twee weken*, *wouden*.
#:
#: Once any tone tag is sent, rules tagged with *other* tones stop firing, so the list is deliberate.
DEFAULT_TONE_TAGS: tuple[str, ...] = ("informal", "formal", "clarity", "general")

#: Rules switched off by default because they contradict plain-language (B1) advice.
#: GETALLEN_UITSCHRIJVEN asks to write numbers below 20 in words; B1 guidance prefers digits.
DEFAULT_DISABLED_RULES: tuple[str, ...] = ("GETALLEN_UITSCHRIJVEN",)

DEFAULT_LANGUAGE = "nl-NL"


class LanguageToolUnavailable(Exception):
    """The server cannot be used. ``reason`` is a short Dutch phrase for a warning."""

    def __init__(self, reason: str, *, too_long: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.too_long = too_long  # the server refused the text because it is too long


@dataclass(frozen=True)
class LTMatch:
    """One match from ``/v2/check``; offsets are into the text that was sent."""

    offset: int
    length: int
    message: str
    short_message: str
    rule_id: str
    sub_id: str | None
    rule_description: str
    issue_type: str
    category_id: str
    category_name: str
    replacements: tuple[str, ...]
    urls: tuple[str, ...]
    tags: tuple[str, ...]  # e.g. ("picky",)

    @classmethod
    def from_json(cls, m: dict[str, Any]) -> "LTMatch":
        rule = m.get("rule") or {}
        cat = rule.get("category") or {}
        return cls(
            offset=int(m.get("offset", 0)),
            length=int(m.get("length", 0)),
            message=str(m.get("message") or ""),
            short_message=str(m.get("shortMessage") or ""),
            rule_id=str(rule.get("id") or "UNKNOWN"),
            sub_id=rule.get("subId"),
            rule_description=str(rule.get("description") or ""),
            issue_type=str(rule.get("issueType") or ""),
            category_id=str(cat.get("id") or ""),
            category_name=str(cat.get("name") or ""),
            replacements=tuple(str(r.get("value", "")) for r in (m.get("replacements") or [])),
            urls=tuple(str(u.get("value", "")) for u in (rule.get("urls") or []) if u.get("value")),
            tags=tuple(str(t) for t in (rule.get("tags") or [])),
        )


def normalise_url(url: str) -> str:
    """``http://host:8081``, ``…/`` and ``…/v2`` all become ``http://host:8081``."""
    url = url.strip().rstrip("/")
    if url.endswith("/v2"):
        url = url[: -len("/v2")]
    if "://" not in url:
        url = "http://" + url
    return url


class LanguageToolClient:
    """Talks to one LanguageTool server. Cheap to create; holds no connection."""

    def __init__(self, url: str, *, timeout: float = 20.0) -> None:
        self.url = normalise_url(url)
        self.timeout = timeout

    # -- low level -------------------------------------------------------------------------------
    def _request(self, path: str, data: dict[str, str] | None = None,
                 timeout: float | None = None) -> Any:
        full = f"{self.url}/v2/{path}"
        body = urllib.parse.urlencode(data).encode("utf-8") if data is not None else None
        req = urllib.request.Request(full, data=body, headers={"Accept": "application/json"})
        # A local server is never reached through a proxy (http_proxy may be set for the internet).
        handlers = [urllib.request.ProxyHandler({})] if _is_loopback(self.url) else []
        opener = urllib.request.build_opener(*handlers)
        try:
            with opener.open(req, timeout=self.timeout if timeout is None else timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as exc:
            detail = _short(exc.read().decode("utf-8", "replace")) if exc.fp else ""
            too_long = exc.code == 413 or "too long" in detail.lower() or "te lang" in detail.lower()
            raise LanguageToolUnavailable(
                f"de server gaf foutcode {exc.code}" + (f" ({detail})" if detail else ""), too_long=too_long
            ) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise LanguageToolUnavailable(f"geen antwoord binnen {self._t(timeout)} seconden") from None
            if isinstance(reason, ConnectionRefusedError):
                raise LanguageToolUnavailable(f"geen server op {self.url}") from None
            raise LanguageToolUnavailable(f"kan {self.url} niet bereiken ({_short(str(reason))})") from None
        except (socket.timeout, TimeoutError):
            raise LanguageToolUnavailable(f"geen antwoord binnen {self._t(timeout)} seconden") from None
        except (ConnectionError, http.client.HTTPException, OSError) as exc:
            reason = f"de verbinding met de server brak af ({type(exc).__name__})"
            raise LanguageToolUnavailable(reason) from None
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise LanguageToolUnavailable("de server gaf een antwoord dat geen JSON is") from None

    def _t(self, timeout: float | None) -> str:
        t = self.timeout if timeout is None else timeout
        return f"{t:g}"

    # -- API ---------------------------------------------------------------------------------------
    def languages(self, *, timeout: float | None = None) -> list[dict[str, Any]]:
        """``GET /v2/languages``; also a cheap "is it alive" probe."""
        result = self._request("languages", timeout=timeout)
        if not isinstance(result, list):
            raise LanguageToolUnavailable("de server gaf een onverwacht antwoord op /v2/languages")
        return result

    def supports(self, language: str = DEFAULT_LANGUAGE, *, timeout: float | None = None) -> bool:
        langs = self.languages(timeout=timeout)
        codes = {str(lang.get("longCode")) for lang in langs} | {str(lang.get("code")) for lang in langs}
        return language in codes

    def check(self, text: str, *, language: str = DEFAULT_LANGUAGE, picky: bool = True,
              tone_tags: Iterable[str] = DEFAULT_TONE_TAGS, disabled_rules: Sequence[str] = (),
              enabled_rules: Sequence[str] = (), timeout: float | None = None) -> list[LTMatch]:
        """``POST /v2/check`` for one piece of text; returns its matches in text order."""
        if not text.strip():
            return []  # LanguageTool 6.8 tries to detect the language of an empty text and fails
        data = {"text": text, "language": language}
        if picky:
            data["level"] = "picky"
        tags = [t for t in tone_tags if t]
        if tags:
            data["toneTags"] = ",".join(tags)
        if disabled_rules:
            data["disabledRules"] = ",".join(disabled_rules)
        if enabled_rules:
            data["enabledRules"] = ",".join(enabled_rules)
        result = self._request("check", data, timeout=timeout)
        if not isinstance(result, dict) or not isinstance(result.get("matches"), list):
            raise LanguageToolUnavailable("de server gaf een onverwacht antwoord op /v2/check")
        return [LTMatch.from_json(m) for m in result["matches"]]


def _is_loopback(url: str) -> bool:
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    return host == "localhost" or host == "::1" or host.startswith("127.")


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
