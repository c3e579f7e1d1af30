"""What /stats/ and /stats/stats.csv show: the numbers of ``statistics``, as charts, tables and CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from typing import Any

from markupsafe import Markup

from stint.board.exchange import RATES_AS_OF
from stint.board.statistics import BoardStats, Count, Spread
from stint.outputs import charts


def _summary(rows: Sequence[tuple[str, float]], unit: str = "") -> str:
    """A chart's text alternative: every number it draws, in words."""
    return "; ".join(f"{label}: {value:g}{unit}" for label, value in rows) + "."


def _counts(counts: Sequence[Count]) -> list[tuple[str, float]]:
    return [(count.label, count.count) for count in counts]


def chart_svgs(stats: BoardStats) -> dict[str, Markup]:
    """One chart per section of the page, keyed by the section's id."""
    shares = [(count.label, round(100 * count.share)) for count in stats.shares]
    pay = [(row.label, round(row.usd_per_hour.median, 2)) for row in stats.pay_by_field if row.usd_per_hour]
    weeks = [(monday.strftime("%-d %b"), count) for monday, count in stats.weeks]
    return {
        "by-field": charts.bars("by-field", "Open postings by field", _summary(_counts(stats.by_field)), _counts(stats.by_field)),
        "by-location": charts.bars(
            "by-location", "Open postings by location", _summary(_counts(stats.by_location)), _counts(stats.by_location)
        ),
        "pay": charts.bars("pay", "Median pay per hour by field, US dollars", _summary(pay, " USD"), pay),
        "shares": charts.bars("shares", "Shares of open postings, per cent", _summary(shares, " %"), shares, unit=" %"),
        "weeks": charts.columns("weeks", "Postings published per week", _summary(weeks), weeks, label_every=6),
        "days-open": charts.columns(
            "days-open", "Days from posted to apply by", _summary(_counts(stats.days_open)), _counts(stats.days_open)
        ),
    }


def page_values(stats: BoardStats) -> dict[str, Any]:
    return {"stats": stats, "charts": chart_svgs(stats), "rates_as_of": RATES_AS_OF}


def csv_text(stats: BoardStats) -> str:
    """Long form, one number a row: table, label, measure, value."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["table", "label", "measure", "value"])
    writer.writerows(_rows(stats))
    return out.getvalue()


def _rows(stats: BoardStats) -> Iterator[tuple[str, str, str, str]]:
    yield "open_postings", "all", "postings", str(stats.open_count)
    for count in stats.by_field:
        yield "open_by_field", count.label, "postings", str(count.count)
    for count in stats.by_location:
        yield "open_by_location", count.label, "postings", str(count.count)
    for row in stats.pay_by_field:
        yield "pay_by_field", row.label, "paid_postings", str(row.paid)
        yield "pay_by_field", row.label, "unpaid_postings", str(row.unpaid)
        yield "pay_by_field", row.label, "paid_without_exchange_rate", str(row.no_rate)
        yield from _spread_rows("pay_by_field", row.label, "usd_per_hour", row.usd_per_hour)
    for count in stats.shares:
        yield "shares", count.label, "postings", str(count.count)
        yield "shares", count.label, "share", f"{count.share:.4f}"
    for monday, count in stats.weeks:
        yield "posted_per_week", monday.isoformat(), "postings", str(count)
    for count in stats.days_open:
        yield "days_open", count.label, "postings", str(count.count)
    yield from _spread_rows("days_open", "all", "days", stats.days_open_spread)
    yield "exchange_rates", "as_of", "date", RATES_AS_OF
    for currency, rate in stats.rates:
        yield "exchange_rates", currency, "usd_per_unit", f"{rate:g}"


def _spread_rows(table: str, label: str, unit: str, spread: Spread | None) -> Iterator[tuple[str, str, str, str]]:
    if spread is None:
        return
    for name in ("median", "low", "high", "least", "most"):
        measure = {"low": "p25", "high": "p75", "least": "min", "most": "max"}.get(name, name)
        yield table, label, f"{measure}_{unit}", f"{getattr(spread, name):.2f}"
