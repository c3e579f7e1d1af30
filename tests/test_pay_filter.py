"""The minimum pay per hour filter in Chromium: exactly the postings whose hourly equivalent reaches it."""

from __future__ import annotations

from typing import Any

import pytest

from browser import needs_chromium
from expectations import fixture_postings

pytestmark = [pytest.mark.browser, needs_chromium]

OPEN = {"remote-paid-research", "hybrid-hourly-data", "onsite-unpaid-comms", "last-day-software"}
USD_PER_UNIT = {"USD": 1.0, "NOK": 0.094, "EUR": 1.08, "GBP": 1.27}  # the board's frozen rates, restated


def usd_per_hour(data: dict[str, Any]) -> float | None:
    pay = data["compensation"]
    if pay["type"] != "paid":
        return None
    span = lambda value: (value["min"], value["max"]) if isinstance(value, dict) else (value, value)  # noqa: E731
    weeks, hours = sum(span(data["duration_weeks"])) / 2, sum(span(data["hours_per_week"])) / 2
    return pay["amount"] / {"hour": 1, "week": hours, "project": weeks * hours}[pay["per"]] * USD_PER_UNIT[pay["currency"]]


def expected(minimum: float, currency: str = "USD", mode: str | None = None) -> set[str]:
    postings = fixture_postings()
    threshold = minimum * USD_PER_UNIT[currency]
    return {
        slug
        for slug in OPEN
        if (rate := usd_per_hour(postings[slug])) is not None
        and rate >= threshold - 0.005  # the board compares whole US cents
        and (mode is None or postings[slug]["location"]["mode"] == mode)
    }


def shown(page: object) -> tuple[set[str], int]:
    slugs = page.eval_on_selector_all("[data-results] [data-slug]", "nodes => nodes.map(n => n.dataset.slug)")
    return set(slugs), int(page.text_content("[data-result-count]"))


@pytest.mark.parametrize(
    ("query", "minimum", "currency", "mode"),
    [
        ("min_hourly=20", 20, "USD", None),
        ("min_hourly=19", 19, "USD", None),
        ("min_hourly=24", 24, "USD", None),
        ("min_hourly=0.01", 0.01, "USD", None),
        ("min_hourly=20&currency=EUR", 20, "EUR", None),
        ("min_hourly=200&currency=NOK", 200, "NOK", None),
        ("min_hourly=15&location=remote", 15, "USD", "remote"),
        ("min_hourly=1000", 1000, "USD", None),
    ],
)
def test_a_minimum_shows_exactly_the_postings_paying_at_least_it(
    browser: object, base: str, query: str, minimum: float, currency: str, mode: str | None
) -> None:
    tab = browser.new_page()
    tab.goto(f"{base}/internships/?{query}")
    tab.wait_for_selector("[data-board][data-ready=true]")
    want = expected(minimum, currency, mode)
    assert shown(tab) == (want, len(want))
    assert "onsite-unpaid-comms" not in want, "unpaid postings never pass a minimum above zero"
    assert (
        tab.input_value("input[name=min_hourly]") == str(minimum).removesuffix(".0")
        and tab.input_value("select[name=currency]") == currency
    )
    tab.close()


def test_typing_a_minimum_keeps_it_in_the_address_and_sorting_by_pay_agrees(browser: object, base: str) -> None:
    tab = browser.new_page()
    tab.goto(f"{base}/internships/?sort=pay")
    tab.wait_for_selector("[data-board][data-ready=true]")
    tab.fill("input[name=min_hourly]", "20")
    tab.wait_for_url("**/internships/?min_hourly=20&sort=pay")
    order = tab.eval_on_selector_all("[data-results] [data-slug]", "nodes => nodes.map(n => n.dataset.slug)")
    postings = fixture_postings()
    assert order == sorted(expected(20), key=lambda slug: -usd_per_hour(postings[slug]))
    tab.locator("[data-follow]").scroll_into_view_if_needed()  # the follow topics load as the offer nears the screen
    tab.wait_for_selector("[data-follow][data-ready=true]")
    assert "Feeds do not follow a minimum pay" in tab.text_content("[data-follow-offer]")
    tab.close()


@pytest.mark.parametrize("minimum", [15, 20, 25])
def test_band_pages_list_the_same_postings_without_javascript(browser: object, base: str, minimum: int) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{base}/internships/pay-per-hour/at-least-{minimum}-usd/")
    want = expected(minimum)
    assert shown(tab) == (want, len(want))
    links = tab.eval_on_selector_all(".pay-nav a", "nodes => nodes.map(n => n.getAttribute('href'))")
    assert links == [f"/internships/pay-per-hour/at-least-{band}-usd/" for band in (15, 20, 25)]
    context.close()
    with_script = browser.new_page()
    with_script.goto(f"{base}/internships/pay-per-hour/at-least-{minimum}-usd/")
    with_script.wait_for_selector("[data-board][data-ready=true]")
    assert shown(with_script) == (want, len(want)) and with_script.input_value("input[name=min_hourly]") == str(minimum)
    with_script.close()
