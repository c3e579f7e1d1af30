"""The filter dimensions, declared once as data.

Facet pages, the listing's filters, the JSON for the browser and the topic feeds all
read ``FACETS``. Adding a dimension is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stint.posting import Posting


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

    def value(self, slug: str) -> FacetValue:
        return next(value for value in self.values if value.slug == slug)


def _bands(bands: tuple[tuple[str, int, int], ...], span: Callable[[Posting], tuple[int, int]]) -> Callable[[Posting], tuple[str, ...]]:
    """Every band a posting's range touches: a 2-3 week project is both short and medium."""

    def members(posting: Posting) -> tuple[str, ...]:
        low, high = span(posting)
        return tuple(slug for slug, start, end in bands if low <= end and high >= start)

    return members


FIELD_LABELS = {
    "data-analysis": "Data analysis",
    "software-development": "Software development",
    "research": "Research",
    "marketing": "Marketing",
    "sales": "Sales",
    "strategy": "Strategy",
    "human-resources": "Human resources",
    "operations": "Operations",
    "finance-accounting": "Finance and accounting",
    "design": "Design",
    "communications": "Communications",
}
LOCATION_LABELS = {"remote": "Remote", "hybrid": "Hybrid", "on-site": "On-site"}
INTERNATIONAL_LABELS = {"cpt": "CPT", "opt": "OPT", "work-visa": "Work visa"}
LEVEL_LABELS = {
    "undergraduate": "Undergraduate",
    "postgraduate": "Postgraduate",
    "doctoral": "Doctoral",
    "recent-graduate": "Recent graduate",
}
HOST_LABELS = {"employer": "Employer", "alumni": "Alumni"}
DURATION_BANDS = (("1-2-weeks", 1, 2), ("3-4-weeks", 3, 4), ("5-plus-weeks", 5, 12))
HOURS_BANDS = (("up-to-10", 1, 10), ("11-20", 11, 20), ("21-40", 21, 40))


def _values(labels: dict[str, str]) -> tuple[FacetValue, ...]:
    return tuple(FacetValue(slug, label) for slug, label in labels.items())


FACETS: tuple[Facet, ...] = (
    Facet("field", "Field", "Field of work", _values(FIELD_LABELS), lambda posting: posting.fields),
    Facet("location", "Location", "Where", _values(LOCATION_LABELS), lambda posting: (posting.location.mode,)),
    Facet(
        "duration",
        "Duration",
        "How long",
        _values({"1-2-weeks": "1-2 weeks", "3-4-weeks": "3-4 weeks", "5-plus-weeks": "5 weeks or more"}),
        _bands(DURATION_BANDS, lambda posting: posting.weeks),
    ),
    Facet(
        "hours",
        "Hours",
        "Hours a week",
        _values({"up-to-10": "Up to 10", "11-20": "11-20", "21-40": "21-40"}),
        _bands(HOURS_BANDS, lambda posting: posting.hours),
    ),
    Facet("pay", "Pay", "Pay", _values({"paid": "Paid", "unpaid": "Unpaid"}), lambda posting: (posting.pay.type,)),
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


def facet_values(posting: Posting) -> dict[str, tuple[str, ...]]:
    """The facet values a posting belongs to, facet by facet."""
    return {facet.name: facet.members(posting) for facet in FACETS}
