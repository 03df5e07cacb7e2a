"""The Dutch one-line messages about one input that went over a limit, in one place.

How a message names the input (:func:`object_name`, :func:`subject`) and the messages for a
document that took too long or too much memory, while it was read (:mod:`helder.documents.office`)
or checked (:mod:`helder.budget`). This module imports only :mod:`helder.errors`, so the budget and
the readers can both use it without an import cycle.
"""

from __future__ import annotations

from .errors import BudgetExceeded, InputError

__all__ = ["object_name", "subject", "reading_too_slow", "too_complex", "checking_too_slow",
           "too_much_memory"]


def object_name(path: str, *, stdin: bool = True) -> str:
    """How a message names the input in a sentence: 'het bestand x.txt', 'de invoer (stdin)'.

    With ``stdin=False`` a text without a file ("-") is 'de tekst' (a string given to helder).
    """
    if path == "-":
        return "de invoer (stdin)" if stdin else "de tekst"
    return f"het bestand {path}"


def subject(path: str, *, stdin: bool = True) -> str:
    """The same at the start of a sentence: 'Het bestand x.txt', 'De invoer (stdin)'."""
    name = object_name(path, stdin=stdin)
    return name[0].upper() + name[1:]


# ── reading a file (a .docx, .odt or .pdf in its own process) ───────────────────────────────────

def reading_too_slow(path: str, seconds: float) -> InputError:
    return InputError(f"Het lezen van {object_name(path)} duurde te lang (meer dan {round(seconds)} "
                      "seconden). Deel het op in kleinere bestanden of sla de tekst op als .txt.")


def too_complex(path: str) -> InputError:
    return InputError(f"{subject(path)} is te groot of te ingewikkeld om te lezen. "
                      "Deel het op in kleinere bestanden of sla de tekst op als .txt.")


# ── checking a document (``--timeout``, ``--max-memory``) ───────────────────────────────────────

def checking_too_slow(path: str, seconds: float) -> BudgetExceeded:
    return BudgetExceeded(f"De controle van {object_name(path)} duurde te lang (meer dan {seconds:.0f} "
                          "seconden, --timeout). helder heeft het overgeslagen.")


def too_much_memory(path: str) -> BudgetExceeded:
    return BudgetExceeded(f"Voor {object_name(path)} is te veel geheugen nodig. helder heeft het overgeslagen. "
                          "Deel de tekst op in kleinere bestanden.")
