"""The ``Posting`` value: a validated posting, with what pages and feeds need computed once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pycountry
from markupsafe import Markup

from stint.board.exchange import usd_cents
from stint.board.facets import facet_values
from stint.contract.markup import render_description
from stint.contract.urls import mailto
from stint.contract.vocabulary import (
    CLOSED_NOTES,
    CLOSED_SENTENCES,
    FIELD_LABELS,
    INTERNATIONAL_LABELS,
    LEVEL_LABELS,
    LOCATION_LABELS,
    RESOURCE_LABELS,
)
from stint.dates import calendar_date


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or (country.name if country else code)


def _day(value: str) -> dt.date:
    day = calendar_date(value)
    assert day is not None  # validation has read it the same way
    return day


def _span(value: int | dict[str, int]) -> tuple[int, int]:
    return (value["min"], value["max"]) if isinstance(value, dict) else (value, value)


def span_text(span: tuple[int, int], unit: str) -> str:
    low, high = span
    plural = unit if high == 1 else unit + "s"
    return f"{low} {plural}" if low == high else f"{low}-{high} {plural}"


def money(amount: float, currency: str) -> str:
    number = f"{amount:,.0f}" if float(amount).is_integer() or amount >= 100 else f"{amount:,.2f}"
    return f"{currency} {number}"


@dataclass(frozen=True)
class Pay:
    type: str
    amount: float | None = None
    currency: str | None = None
    per: str | None = None
    travel_expenses_covered: bool = False

    @property
    def is_paid(self) -> bool:
        return self.type == "paid"

    def text(self) -> str:
        if not self.is_paid:
            return "Unpaid, travel costs covered" if self.travel_expenses_covered else "Unpaid"
        return f"{money(self.amount, self.currency)} per {self.per}"


@dataclass(frozen=True)
class Location:
    mode: str
    city: str | None = None
    country: str | None = None
    countries: tuple[str, ...] = ()

    def text(self) -> str:
        if self.mode == "remote":
            return f"Remote from {', '.join(country_name(code) for code in self.countries)}"
        return f"{LOCATION_LABELS[self.mode]}, {self.city}, {country_name(self.country)}"


@dataclass(frozen=True)
class Posting:
    """One posting as the site shows it. Built only from a mapping that passed validation."""

    slug: str
    title: str
    organization: str
    organization_url: str | None
    organization_about: str | None
    host: str
    fields: tuple[str, ...]
    summary: str
    description: str
    tasks: tuple[str, ...]
    skills: tuple[str, ...]
    weeks: tuple[int, int]
    hours: tuple[int, int]
    pay: Pay
    location: Location
    levels: tuple[str, ...]
    international: tuple[str, ...]
    institutions: tuple[str, ...]
    academic_credit: bool
    resources: tuple[str, ...]
    terms: str
    start: dt.date | None
    posted: dt.date
    apply_by: dt.date
    apply_url: str | None
    apply_email: str | None
    closed_early: bool
    tags: tuple[str, ...]
    closed_reason: str | None = None  # filled, link-dead, employer-request, other
    source: str = field(default="", compare=False)
    digest: str = field(default="", compare=False)  # of the file's bytes: what page caches key on

    @classmethod
    def from_mapping(cls, slug: str, data: dict[str, Any], source: str = "", digest: str = "") -> Posting:
        organization, location = data["organization"], data["location"]
        eligibility, apply = data.get("eligibility", {}), data["apply"]
        return cls(
            slug=slug,
            title=data["title"],
            organization=organization["name"],
            organization_url=organization.get("url"),
            organization_about=organization.get("about"),
            host=data.get("host", "employer"),
            fields=tuple(data["fields"]),
            summary=data["summary"],
            description=data["description"],
            tasks=tuple(data.get("tasks", ())),
            skills=tuple(data.get("skills", ())),
            weeks=_span(data["duration_weeks"]),
            hours=_span(data["hours_per_week"]),
            pay=Pay(**data["compensation"]),
            location=Location(location["mode"], location.get("city"), location.get("country"), tuple(location.get("countries", ()))),
            levels=tuple(eligibility.get("levels", ())),
            international=tuple(eligibility.get("international_students", ())),
            institutions=tuple(eligibility.get("institutions", ())),
            academic_credit=bool(data.get("academic_credit", False)),
            resources=tuple(data.get("resources_provided", ())),
            terms=data.get("terms", "flexible"),
            start=calendar_date(data.get("start")),  # None when absent or "flexible"
            posted=_day(data["posted"]),
            apply_by=_day(data["apply_by"]),
            apply_url=apply.get("url"),
            apply_email=apply.get("email"),
            closed_early=bool(data.get("closed", False)),
            tags=tuple(data.get("tags", ())),
            closed_reason=data.get("closed_reason") if data.get("closed") else None,
            source=source,
            digest=digest,
        )

    @property
    def url(self) -> str:
        return f"internships/{self.slug}/"

    @property
    def apply_mailto(self) -> str | None:
        """The e-mail apply link: one recipient, whatever the address holds."""
        return mailto(self.apply_email, f"Application: {self.title}") if self.apply_email else None

    @cached_property
    def identity(self) -> str:
        """This version of the posting: its address and its file's bytes, all that a page showing it depends on."""
        return f"{self.slug}:{self.digest}"

    def is_open(self, today: dt.date) -> bool:
        return not self.closed_early and today <= self.apply_by

    @property
    def closed_note(self) -> str:
        """Why it closed early, in a few words (the closed postings page)."""
        return CLOSED_NOTES[self.closed_reason or "filled"]

    @property
    def closed_sentence(self) -> str:
        """Why it closed early, as a sentence (the posting's own page)."""
        return CLOSED_SENTENCES[self.closed_reason or "filled"]

    @cached_property
    def description_html(self) -> Markup:
        return render_description(self.description)

    @cached_property
    def facets(self) -> dict[str, tuple[str, ...]]:
        return facet_values(self)

    @property
    def field_labels(self) -> list[str]:
        return [FIELD_LABELS[name] for name in self.fields]

    @property
    def international_labels(self) -> list[str]:
        return [INTERNATIONAL_LABELS[name] for name in self.international]

    @property
    def level_labels(self) -> list[str]:
        return [LEVEL_LABELS[name] for name in self.levels]

    @property
    def resource_labels(self) -> list[str]:
        return [RESOURCE_LABELS[name] for name in self.resources]

    @property
    def duration_text(self) -> str:
        return span_text(self.weeks, "week")

    @property
    def hours_text(self) -> str:
        return span_text(self.hours, "hour") + " a week"

    @cached_property
    def hourly_pay(self) -> float | None:
        """Pay per hour in the posting's currency, at the middle of its ranges: the figure
        that makes a project fee, a weekly stipend and an hourly rate comparable."""
        if not self.pay.is_paid:
            return None
        weeks, hours = sum(self.weeks) / 2, sum(self.hours) / 2
        divisor = {"hour": 1, "week": hours, "project": weeks * hours}[self.pay.per]
        return self.pay.amount / divisor

    @cached_property
    def hourly_usd_cents(self) -> int | None:
        """``hourly_pay`` in whole US cents at the frozen rates (None: unpaid, or no rate): what
        the minimum pay filter, its band pages and the pay sort all compare."""
        return usd_cents(self.hourly_pay, self.pay.currency)

    @property
    def hourly_pay_text(self) -> str | None:
        if self.hourly_pay is None or self.pay.per == "hour":
            return None
        return f"about {money(round(self.hourly_pay, 2), self.pay.currency)} an hour"

    @property
    def is_on_campus(self) -> bool:
        return bool(self.institutions)
