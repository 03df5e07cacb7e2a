"""Output formats. Each formatter turns Reports into text; none of them computes anything."""

from __future__ import annotations

JSON_SCHEMA_VERSION = 1


def nl_number(value: float | int | None, decimals: int = 1) -> str:
    """A number the Dutch way: decimal comma, no thousands separator below 10,000."""
    if value is None:
        return "-"
    if isinstance(value, int) or float(value).is_integer() and decimals == 0:
        return f"{int(round(value))}"
    return f"{value:.{decimals}f}".replace(".", ",")
