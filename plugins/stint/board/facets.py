"""The filter dimensions, declared once as data.

Facet pages, the listing's filters, the JSON for the browser and the topic feeds all
read ``FACETS``. Adding a dimension is one entry here; the values of those that are
posting fields, and their labels, come from the schema (``stint.contract.vocabulary``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stint.contract.vocabulary import FIELD_LABELS, HOST_LABELS, INTERNATIONAL_LABELS, LEVEL_LABELS, LOCATION_LABELS, PAY_LABELS

if TYPE_CHECKING:
    from stint.board.posting import Posting


@dataclass(frozen=True)
class FacetValue:
    slug: str
    label: str


@dataclass(frozen=True)
class Facet:
    """A filter dimension: its URL name, words for people, values, and who belongs where."""

    name: str
    label: str
    question: str  # the heading readers see above the checkboxes
    values: tuple[FacetValue, ...]
    members: Callable[[Posting], tuple[str, ...]]


Band = tuple[str, str, int, int]  # slug, label, first and last number in it


def _values(labels: dict[str, str]) -> tuple[FacetValue, ...]:
    return tuple(FacetValue(slug, label) for slug, label in labels.items())


def _band_values(bands: tuple[Band, ...]) -> tuple[FacetValue, ...]:
    return tuple(FacetValue(slug, label) for slug, label, _, _ in bands)


def _bands(bands: tuple[Band, ...], span: Callable[[Posting], tuple[int, int]]) -> Callable[[Posting], tuple[str, ...]]:
    """Every band a posting's range touches: a 2-3 week project is both short and medium."""

    def members(posting: Posting) -> tuple[str, ...]:
        low, high = span(posting)
        return tuple(slug for slug, _, start, end in bands if low <= end and high >= start)

    return members


DURATION_BANDS: tuple[Band, ...] = (
    ("1-2-weeks", "1-2 weeks", 1, 2),
    ("3-4-weeks", "3-4 weeks", 3, 4),
    ("5-plus-weeks", "5 weeks or more", 5, 12),
)
HOURS_BANDS: tuple[Band, ...] = (("up-to-10", "Up to 10", 1, 10), ("11-20", "11-20", 11, 20), ("21-40", "21-40", 21, 40))


FACETS: tuple[Facet, ...] = (
    Facet("field", "Field", "Field of work", _values(FIELD_LABELS), lambda posting: posting.fields),
    Facet("location", "Location", "Where", _values(LOCATION_LABELS), lambda posting: (posting.location.mode,)),
    Facet(
        "duration",
        "Duration",
        "How long",
        _band_values(DURATION_BANDS),
        _bands(DURATION_BANDS, lambda posting: posting.weeks),
    ),
    Facet(
        "hours",
        "Hours",
        "Hours a week",
        _band_values(HOURS_BANDS),
        _bands(HOURS_BANDS, lambda posting: posting.hours),
    ),
    Facet("pay", "Pay", "Pay", _values(PAY_LABELS), lambda posting: (posting.pay.type,)),
    Facet(
        "international",
        "International students",
        "Open to international students",
        _values(INTERNATIONAL_LABELS),
        lambda posting: posting.international,
    ),
    Facet(
        "credit",
        "Academic credit",
        "Academic credit",
        _values({"yes": "Academic credit available"}),
        lambda posting: ("yes",) if posting.academic_credit else (),
    ),
    Facet("level", "Level", "Level of study", _values(LEVEL_LABELS), lambda posting: posting.levels),
    Facet("host", "Host", "Hosted by", _values(HOST_LABELS), lambda posting: (posting.host,)),
)

FACETS_BY_NAME = {facet.name: facet for facet in FACETS}
VALUE_LABELS = {(facet.name, value.slug): value.label for facet in FACETS for value in facet.values}


def facet_values(posting: Posting) -> dict[str, tuple[str, ...]]:
    """The facet values a posting belongs to, facet by facet."""
    return {facet.name: facet.members(posting) for facet in FACETS}
