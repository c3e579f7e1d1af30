"""/stats/ and /stats/stats.csv on a real build, every number recomputed here from the fixture YAML."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import statistics
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES, ROOT
from expectations import fixture_postings
from sitebuild import built, read
from stint.board.statistics import board_stats
from stint.contract.vocabulary import FIELD_LABELS
from stint.site.board_loading import load_board

TODAY = dt.date(2026, 12, 1)
# The frozen rates the page discloses, restated: US dollars for one unit.
RATES = {"USD": 1.0, "NOK": 0.094, "CAD": 0.73, "AUD": 0.66}


def span(value: Any) -> tuple[int, int]:
    return (value["min"], value["max"]) if isinstance(value, dict) else (value, value)


def routes(data: dict[str, Any]) -> list[str]:
    return data.get("eligibility", {}).get("international_students", [])


SHARES: tuple[tuple[str, Callable[[dict[str, Any]], bool]], ...] = (
    ("Paid", lambda data: data["compensation"]["type"] == "paid"),
    ("Remote", lambda data: data["location"]["mode"] == "remote"),
    ("Open to CPT", lambda data: "cpt" in routes(data)),
    ("Open to OPT", lambda data: "opt" in routes(data)),
    ("Open to work visa", lambda data: "work-visa" in routes(data)),
    ("Academic credit", lambda data: bool(data.get("academic_credit"))),
)


def published() -> dict[str, dict[str, Any]]:
    return {slug: data for slug, data in fixture_postings().items() if dt.date.fromisoformat(data["posted"]) <= TODAY}


def open_postings() -> dict[str, dict[str, Any]]:
    return {slug: data for slug, data in published().items() if not data.get("closed") and dt.date.fromisoformat(data["apply_by"]) >= TODAY}


def usd_per_hour(data: dict[str, Any]) -> float:
    """The README's hourly equivalent: pay over the middle of the hours and weeks ranges, in US dollars."""
    pay = data["compensation"]
    weeks, hours = sum(span(data["duration_weeks"])) / 2, sum(span(data["hours_per_week"])) / 2
    hourly = pay["amount"] / {"hour": 1, "week": hours, "project": weeks * hours}[pay["per"]]
    return hourly * RATES[pay["currency"]]


def expected_rows() -> set[tuple[str, str, str, str]]:
    postings = open_postings()
    rows = {("open_postings", "all", "postings", str(len(postings)))}
    fields = Counter(field for data in postings.values() for field in data["fields"])
    rows |= {("open_by_field", label, "postings", str(fields[name])) for name, label in FIELD_LABELS.items()}
    modes = Counter(data["location"]["mode"] for data in postings.values())
    rows |= {
        ("open_by_location", label, "postings", str(modes[mode]))
        for mode, label in (("remote", "Remote"), ("hybrid", "Hybrid"), ("on-site", "On-site"))
    }
    for name, label in FIELD_LABELS.items():
        in_field = [data for data in postings.values() if name in data["fields"]]
        paid = [usd_per_hour(data) for data in in_field if data["compensation"]["type"] == "paid"]
        rows.add(("pay_by_field", label, "paid_postings", str(len(paid))))
        rows.add(("pay_by_field", label, "unpaid_postings", str(len(in_field) - len(paid))))
        if paid:
            rows.add(("pay_by_field", label, "median_usd_per_hour", f"{statistics.median(paid):.2f}"))
    total = len(postings)
    for label, test in SHARES:
        count = sum(1 for data in postings.values() if test(data))
        rows |= {("shares", label, "postings", str(count)), ("shares", label, "share", f"{count / total:.4f}")}
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    for back in range(26):
        start = monday - dt.timedelta(weeks=back)
        count = sum(1 for data in published().values() if start <= dt.date.fromisoformat(data["posted"]) < start + dt.timedelta(days=7))
        rows.add(("posted_per_week", start.isoformat(), "postings", str(count)))
    days = sorted((dt.date.fromisoformat(data["apply_by"]) - dt.date.fromisoformat(data["posted"])).days for data in published().values())
    rows.add(("days_open", "all", "median_days", f"{statistics.median(days):.2f}"))
    rows.add(("exchange_rates", "as_of", "date", "mid-2026"))
    return rows


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(FIXTURES / "board", tmp_path_factory.mktemp("stats") / "site", TODAY.isoformat())


def csv_rows(site: Path) -> list[tuple[str, ...]]:
    return [tuple(row) for row in csv.reader(io.StringIO((site / "stats" / "stats.csv").read_text(encoding="utf-8")))]


def test_the_csv_holds_the_numbers_recomputed_from_the_fixture(site: Path) -> None:
    rows = csv_rows(site)
    assert rows[0] == ("table", "label", "measure", "value")
    missing = expected_rows() - set(rows[1:])
    assert not missing, missing
    assert ("pay_by_field", "Research", "median_usd_per_hour", "24.00") in rows, "900 USD / (2.5 weeks x 15 h)"
    assert not any(
        row[0] == "pay_by_field" and row[1] == "Research" and row[2] == "min_usd_per_hour" and row[3] == "0.00" for row in rows
    ), "the unpaid research posting is counted apart, not as zero pay"
    assert ("exchange_rates", "NOK", "usd_per_unit", "0.094") in rows


def test_the_page_shows_the_same_numbers_in_tables(site: Path) -> None:
    html = read(site, "stats/")
    table = lambda name: re.search(rf'<table[^>]*id="{name}-table".*?</table>', html, re.S).group(0)  # noqa: E731
    cells = lambda text: re.findall(r'<tr><th scope="row">(?:<time[^>]*>)?([^<]+)(?:</time>)?</th><td>([^<]+)</td>', text)  # noqa: E731
    by_field = {label: int(count) for label, count in cells(table("by-field"))}
    assert by_field == {row[1]: int(row[3]) for row in expected_rows() if row[0] == "open_by_field"}
    by_location = {label: int(count) for label, count in cells(table("by-location"))}
    assert by_location == {row[1]: int(row[3]) for row in expected_rows() if row[0] == "open_by_location"}
    assert "<td>24.00</td>" in table("pay") and "mid-2026" in html
    weeks = cells(table("weeks"))
    assert len(weeks) == 26 and sum(int(count) for _, count in weeks) == len(published())


def test_every_chart_is_an_accessible_svg_with_a_table_twin(site: Path) -> None:
    html = read(site, "stats/")
    svgs = re.findall(
        r'<svg [^>]*role="img"[^>]*aria-labelledby="([\w-]+)-title \1-desc"[^>]*>\s*<title id="\1-title">([^<]+)</title>\s*<desc id="\1-desc">([^<]+)</desc>',
        html,
    )
    assert {name for name, _, _ in svgs} == {"by-field", "by-location", "pay", "shares", "weeks", "days-open"}
    for name, _title, _description in svgs:
        assert f'id="{name}-table"' in html, f"{name} has its numbers in a table too"
    description = dict((name, text) for name, _, text in svgs)["by-field"]
    assert "Research: 2" in description and "Sales: 0" in description, "the text alternative says what the chart draws"
    assert "<script" not in html.split("</main>")[0].split("<main")[1] and "style=" not in html, "nothing the page's CSP would block"


def test_the_page_is_linked_from_the_footer_and_the_home_page(site: Path) -> None:
    assert 'href="/stats/">The board in numbers</a>' in read(site, "internships/")
    assert read(site, "").count('href="/stats/"') == 2


def test_each_share_counts_its_own_postings_on_the_sample_board() -> None:
    """The fixture board has as many paid postings as postings with credit; the sample board
    (16 open: 13 paid, 5 with credit) tells every share apart. Recomputed from the YAML."""
    board = load_board(ROOT / "listings", TODAY).board
    data = [yaml.safe_load(Path(posting.source).read_text(encoding="utf-8")) for posting in board.open]
    expected = [(label, sum(1 for posting in data if test(posting))) for label, test in SHARES]
    assert len({count for _, count in expected}) >= 4  # the shares differ here, so a share counted by another's rule shows
    assert [(share.label, share.count) for share in board_stats(board).shares] == expected
