"""Static pages of the postings paying at least some US dollars an hour: the minimum pay
filter for readers without JavaScript. The figure is the one the listing filters and sorts
on (``Posting.hourly_usd_cents``), so a band page and ``?min_hourly=`` always agree."""

from __future__ import annotations

from dataclasses import dataclass

from stint.board.board import Board
from stint.board.posting import Posting

MINIMUMS = (15, 20, 25)  # US dollars an hour; few, because each band is pages at scale


@dataclass(frozen=True)
class PayBand:
    minimum: int
    postings: tuple[Posting, ...]

    @property
    def url(self) -> str:
        return f"internships/pay-per-hour/at-least-{self.minimum}-usd/"

    @property
    def heading(self) -> str:
        return f"Micro-internships paying at least USD {self.minimum} an hour"


def pays_at_least(posting: Posting, minimum: float) -> bool:
    """Unpaid postings, and pay in a currency without a rate, never reach a minimum."""
    cents = posting.hourly_usd_cents
    return cents is not None and cents >= round(minimum * 100)


def pay_bands(board: Board) -> tuple[PayBand, ...]:
    return tuple(PayBand(minimum, tuple(p for p in board.open if pays_at_least(p, minimum))) for minimum in MINIMUMS)
