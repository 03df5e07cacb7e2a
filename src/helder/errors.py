"""Errors helder raises for bad input or configuration.

Every error carries a one-line Dutch message for the writer; the CLI prints it and exits with code 2.
"""

from __future__ import annotations


class HelderError(Exception):
    """Base class: something the user can fix (input, configuration, environment)."""

    exit_code = 2


class InputError(HelderError):
    """A file or text helder cannot read: missing, binary, empty, too large, undecodable."""


class BudgetExceeded(InputError):
    """A document took more time or memory than its budget (see :mod:`helder.budget`)."""


class ConfigError(HelderError):
    """A configuration file, profile or rule file that is wrong."""


class ArgumentError(HelderError, TypeError):
    """A library function got a value of the wrong type (``analyze_text(123)``, bytes for a text).

    Both a :class:`HelderError` and a :class:`TypeError`, so either ``except`` catches it.
    """
