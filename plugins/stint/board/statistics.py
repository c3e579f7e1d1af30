"""The board in numbers (/stats/), as plain values: no I/O, no markup.

Counts and shares are of the open postings. Pay per hour is the board's own hourly
equivalent (``Posting.hourly_pay``) turned into US dollars at the frozen rates of
``exchange``; unpaid postings are counted apart, never as zero, and a paid posting in a
currency without a rate is counted as such rather than guessed. Publishing per week and
time open (posted to apply_by) are of every published posting, open or closed: they
describe the board's history.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from stint.board.board import Board
from stint.board.exchange import USD_PER_UNIT
from stint.board.posting import Posting
from stint.contract.vocabulary import FIELD_LABELS, INTERNATIONAL_LABELS, LOCATION_LABELS

WEEKS = 26
# Days from posted to apply_by, in bands a reader can picture.
OPEN_BANDS = ((0, 7, "up to 1 week"), (8, 14, "1-2 weeks"), (15, 21, "2-3 weeks"), (22, 28, "3-4 weeks"), (29, 42, "4-6 weeks"))
LAST_BAND = "over 6 weeks"


@dataclass(frozen=True)
class Count:
    label: str
    count: int
    total: int  # what the share is of

    @property
    def share(self) -> float:
        return self.count / self.total if self.total else 0.0


@dataclass(frozen=True)
class Spread:
    """Median and middle half (25th to 75th percentile) of some numbers, with the lowest and highest."""

    median: float
    low: float
    high: float
    least: float
    most: float


@dataclass(frozen=True)
class FieldPay:
    label: str
    paid: int  # paid postings with a known rate: what the figures are of
    unpaid: int
    no_rate: int  # paid, in a currency with no rate here
    usd_per_hour: Spread | None


@dataclass(frozen=True)
class BoardStats:
    today: dt.date
    open_count: int
    by_field: tuple[Count, ...]
    by_location: tuple[Count, ...]
    pay_by_field: tuple[FieldPay, ...]
    shares: tuple[Count, ...]
    weeks: tuple[tuple[dt.date, int], ...]  # each week's Monday and the postings published in it
    days_open: tuple[Count, ...]
    days_open_spread: Spread | None
    rates: tuple[tuple[str, float], ...]  # the currencies of the paid open postings, US dollars per unit


def spread(numbers: Sequence[float]) -> Spread | None:
    if not numbers:
        return None
    if len(numbers) == 1:
        return Spread(numbers[0], numbers[0], numbers[0], numbers[0], numbers[0])
    low, median, high = statistics.quantiles(numbers, n=4, method="inclusive")
    return Spread(median, low, high, min(numbers), max(numbers))


def usd_per_hour(posting: Posting) -> float | None:
    """The hourly equivalent in US dollars; None when unpaid or the currency has no rate."""
    if posting.hourly_pay is None or posting.pay.currency not in USD_PER_UNIT:
        return None
    return posting.hourly_pay * USD_PER_UNIT[posting.pay.currency]


class _Facts(NamedTuple):
    """What the numbers read of one open posting, read once. A board's postings lie all over
    memory: reading a field of each of thousands of them, pass after pass, cost more than
    the counting (0.18-0.2 s a build at 10,000 postings)."""

    fields: tuple[str, ...]
    mode: str
    paid: bool
    usd: float | None  # usd_per_hour
    currency: str
    international: tuple[str, ...]
    credit: bool


def _facts(posting: Posting) -> _Facts:
    pay = posting.pay
    return _Facts(
        posting.fields,
        posting.location.mode,
        pay.is_paid,
        usd_per_hour(posting),
        pay.currency,
        posting.international,
        posting.academic_credit,
    )


def board_stats(board: Board) -> BoardStats:
    facts = [_facts(posting) for posting in board.open]
    days = [(posting.apply_by - posting.posted).days for posting in board.postings]
    return BoardStats(
        today=board.today,
        open_count=len(facts),
        by_field=_counts(facts, FIELD_LABELS, lambda posting: posting.fields),
        by_location=_counts(facts, LOCATION_LABELS, lambda posting: (posting.mode,)),
        pay_by_field=tuple(
            _field_pay(label, [posting for posting in facts if name in posting.fields]) for name, label in FIELD_LABELS.items()
        ),
        shares=_shares(facts),
        weeks=_weeks([posting.posted for posting in board.postings], board.today),
        days_open=_days_open(days),
        days_open_spread=spread(days),
        rates=tuple(sorted({(posting.currency, USD_PER_UNIT[posting.currency]) for posting in facts if posting.usd is not None})),
    )


def _counts(facts: Sequence[_Facts], labels: dict[str, str], members: Callable[[_Facts], tuple[str, ...]]) -> tuple[Count, ...]:
    counter = Counter(value for posting in facts for value in members(posting))
    return tuple(Count(label, counter[name], len(facts)) for name, label in labels.items())


def _field_pay(label: str, facts: Sequence[_Facts]) -> FieldPay:
    paid = [posting for posting in facts if posting.paid]
    known = [posting.usd for posting in paid if posting.usd is not None]
    return FieldPay(label, len(known), len(facts) - len(paid), len(paid) - len(known), spread(known))


def _shares(facts: Sequence[_Facts]) -> tuple[Count, ...]:
    total = len(facts)
    return (
        Count("Paid", sum(posting.paid for posting in facts), total),
        Count("Remote", sum(posting.mode == "remote" for posting in facts), total),
        *(
            Count(f"Open to {_route(label)}", sum(route in posting.international for posting in facts), total)
            for route, label in INTERNATIONAL_LABELS.items()
        ),
        Count("Academic credit", sum(posting.credit for posting in facts), total),
    )


def _route(label: str) -> str:
    return label if label.isupper() else label.lower()  # "CPT", but "work visa"


def _weeks(posted: Sequence[dt.date], today: dt.date) -> tuple[tuple[dt.date, int], ...]:
    """The last ``WEEKS`` weeks, Monday to Sunday, the current one last."""
    first = today - dt.timedelta(days=today.weekday(), weeks=WEEKS - 1)
    counter = Counter((day - first).days // 7 for day in posted if first <= day <= today)
    return tuple((first + dt.timedelta(weeks=index), counter[index]) for index in range(WEEKS))


def _days_open(days: Sequence[int]) -> tuple[Count, ...]:
    """``days``: each posting's days from posted to apply_by."""
    counts = [Count(label, sum(low <= day <= high for day in days), len(days)) for low, high, label in OPEN_BANDS]
    return (*counts, Count(LAST_BAND, sum(day > OPEN_BANDS[-1][1] for day in days), len(days)))
