"""Dates as postings, guides and settings write them: ``YYYY-MM-DD``, a real calendar day."""

from __future__ import annotations

import datetime as dt
from typing import Any


def calendar_date(value: Any) -> dt.date | None:
    """The day ``value`` names when it is text written ``YYYY-MM-DD``, else None.

    The length is checked because ``fromisoformat`` also reads ``20270105`` and ``2027-W01-2``,
    which the contract does not allow."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
