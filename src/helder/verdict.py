"""One verdict per text: the estimated CEFR level against the profile's target.

The profile's target is one CEFR level (``target: {cefr: B1}`` in ``rules/profielen/*.yml``). The text
meets it when the estimate (:mod:`helder.metrics.cefr`) is at that level or easier. LB004, the last
line of ``helder check`` and ``helder score``, the JSON ``verdict`` object and the HTML report all use
:func:`meets` and :func:`for_report`, so they cannot disagree. Below 30 words there is no estimate
and no verdict, and every output says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping

from .metrics import cefr

if TYPE_CHECKING:
    from .types import Metric

CAVEAT = ("Dit is een schatting met een formule. Of een tekst echt B1 is, merkt u pas als lezers hem "
          "lezen en begrijpen.")


@dataclass(frozen=True)
class Verdict:
    estimate: str | None  # A1..C2, None below 30 words or without a parse
    probability: float | None  # chance that the text is B1 or easier
    profile: str | None
    target: str | None  # the profile's CEFR target
    meets_target: bool | None  # None: no estimate or no target
    reason: str = ""  # why there is no estimate, in Dutch

    def to_dict(self) -> dict[str, Any]:
        return {"cefr_estimate": self.estimate, "b1_probability": self.probability, "profile": self.profile,
                "target": self.target, "meets_target": self.meets_target, "text": sentence(self)}


def meets(estimate: str, target: str) -> bool:
    """Is a text estimated at ``estimate`` at the ``target`` level or easier?"""
    return cefr.rank(estimate) <= cefr.rank(target)


def profile_target(profile: Any) -> str | None:
    target = getattr(profile, "target", None) or {}
    value = target.get("cefr") if isinstance(target, Mapping) else None
    return str(value).upper() if value else None


def from_metrics(metrics: Mapping[str, "Metric"], profile_name: str | None, target: str | None) -> Verdict:
    est = metrics.get("cefr_estimate")
    prob = metrics.get("b1_probability")
    estimate = est.value if est is not None else None
    probability = prob.value if prob is not None else None
    if estimate is None:
        reason = est.interpretation if est is not None else ""
        return Verdict(None, None, profile_name, target, None, reason)
    ok = meets(str(estimate), target) if target else None
    return Verdict(str(estimate), probability, profile_name, target, ok)


def for_report(report) -> Verdict:
    """The verdict of a Report: its own ``verdict`` if analysis set one, else from its metrics."""
    v = getattr(report, "verdict", None)
    if v is not None:
        return v
    return from_metrics(report.metrics, report.profile, target_of(report.profile))


def target_of(profile_name: str | None) -> str | None:
    if not profile_name:
        return None
    try:
        from .checks import load_profile

        return profile_target(load_profile(profile_name))
    except Exception:  # noqa: BLE001 - an unknown profile has no target; the verdict says so
        return None


def nl_chance(p: float) -> str:
    return f"{p:.2f}".replace(".", ",")


def sentence(v: Verdict) -> str:
    """The verdict in one Dutch phrase, without the file name."""
    goal = f"doel van profiel {v.profile}: {v.target}" if v.target and v.profile else ""
    if v.estimate is None:
        why = v.reason.removeprefix("Geen schatting: ").rstrip(".")
        text = "geen oordeel over het taalniveau" + (f": {why}" if why else "")
    else:
        text = f"waarschijnlijk {v.estimate} (kans op B1 of makkelijker: {nl_chance(v.probability or 0.0)})"
    if goal:
        text += f" — {goal}"
        if v.meets_target is not None:
            text += " — gehaald" if v.meets_target else " — niet gehaald"
    return text


def line(report) -> str:
    path = report.path if report.path != "-" else "(invoer)"
    return f"{path}: {sentence(for_report(report))}"
