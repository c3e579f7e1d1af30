"""Readers in a real browser: filters, the address bar, sorting, word search, no-JS, axe."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import AXE, axe_violations, needs_chromium, serve
from expectations import FACET_VALUES, expected_facet_members, fixture_postings
from sitebuild import built

pytestmark = [pytest.mark.browser, needs_chromium]

BOARD = Path(__file__).parent / "fixtures" / "board"
TODAY = "2026-12-01"
OPEN = {"remote-paid-research", "hybrid-hourly-data", "onsite-unpaid-comms", "last-day-software"}
MEMBERS = expected_facet_members(OPEN)


def expected(query: dict[str, list[str]]) -> set[str]:
    """Values of one facet are alternatives; different facets all apply."""
    result = set(OPEN)
    for facet, values in query.items():
        result &= set().union(*(MEMBERS.get((facet, value), set()) for value in values))
    return result


@pytest.fixture(scope="module")
def site(site: Path) -> Iterator[str]:
    """The fixture board, served over http://127.0.0.1."""
    with serve(site) as base:
        yield base


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == [], "no script errors on the page"


def open_board(page: object, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-board][data-ready=true]")


def shown(page: object) -> tuple[set[str], int]:
    slugs = page.eval_on_selector_all("[data-results] [data-slug]", "nodes => nodes.map(n => n.dataset.slug)")
    return set(slugs), int(page.text_content("[data-result-count]"))


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"field": ["research", "data-analysis"]},
        {"location": ["remote"], "pay": ["paid"]},
        {"international": ["opt"]},
        {"international": ["cpt", "work-visa"]},
        {"hours": ["up-to-10"]},
        {"credit": ["yes"], "level": ["undergraduate"]},
        {"duration": ["5-plus-weeks"], "location": ["hybrid"]},
        {"host": ["alumni"]},
    ],
    ids=lambda query: "&".join(f"{k}={'+'.join(v)}" for k, v in query.items()) or "all",
)
def test_a_shared_link_shows_exactly_that_view(page: object, site: str, query: dict[str, list[str]]) -> None:
    search = "&".join(f"{facet}={value}" for facet, values in query.items() for value in values)
    open_board(page, f"{site}/internships/?{search}")
    assert shown(page) == (expected(query), len(expected(query)))
    for facet, values in query.items():
        for value in values:
            assert page.is_checked(f"input[name='{facet}'][value='{value}']")


def test_a_facet_page_starts_with_its_value_chosen(page: object, site: str) -> None:
    open_board(page, f"{site}/internships/location/remote/")
    assert shown(page) == (expected({"location": ["remote"]}), len(expected({"location": ["remote"]})))
    assert page.is_checked("input[name=location][value=remote]")


def test_clicking_updates_count_and_address_and_back_restores(page: object, site: str) -> None:
    open_board(page, f"{site}/internships/")
    page.check("input[name=pay][value=paid]")
    page.wait_for_url("**/internships/?pay=paid")
    assert shown(page)[1] == len(expected({"pay": ["paid"]}))
    page.check("input[name=location][value=remote]")
    page.wait_for_url("**/internships/?location=remote&pay=paid")
    assert shown(page) == (expected({"pay": ["paid"], "location": ["remote"]}), len(expected({"pay": ["paid"], "location": ["remote"]})))
    page.go_back()
    page.wait_for_url("**/internships/?pay=paid")
    page.wait_for_function("n => document.querySelector('[data-result-count]').textContent == n", arg=str(len(expected({"pay": ["paid"]}))))
    assert not page.is_checked("input[name=location][value=remote]")
    page.go_forward()
    page.wait_for_url("**/internships/?location=remote&pay=paid")
    page.wait_for_function("() => document.querySelector('input[name=location][value=remote]').checked")


def test_each_checkbox_counts_what_choosing_it_would_give(page: object, site: str) -> None:
    open_board(page, f"{site}/internships/?pay=paid")
    for (facet, value), members in MEMBERS.items():
        others = expected({"pay": ["paid"]}) if facet != "pay" else set(OPEN)
        count = page.text_content(f"[data-count='{facet}={value}']")
        assert int(count) == len(members & others), (facet, value)


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("newest", lambda data: (-data["posted"],)),
        ("deadline", lambda data: (data["apply_by"],)),
        ("duration", lambda data: (data["weeks"],)),
    ],
)
def test_sort_order_holds(page: object, site: str, sort: str, key: object) -> None:
    open_board(page, f"{site}/internships/?sort={sort}")
    order = page.eval_on_selector_all("[data-results] [data-slug]", "nodes => nodes.map(n => n.dataset.slug)")
    postings = fixture_postings()

    def facts(slug: str) -> dict[str, object]:
        data = postings[slug]
        weeks = data["duration_weeks"]
        low = weeks["min"] if isinstance(weeks, dict) else weeks
        return {"posted": int(data["posted"].replace("-", "")), "apply_by": data["apply_by"], "weeks": low}

    keys = [key(facts(slug)) for slug in order]
    assert keys == sorted(keys) and set(order) == OPEN
    assert page.input_value("select[name=sort]") == sort


def test_sort_by_pay_puts_the_best_paid_hour_first_and_unpaid_last(page: object, site: str) -> None:
    open_board(page, f"{site}/internships/?sort=pay")
    order = page.eval_on_selector_all("[data-results] [data-slug]", "nodes => nodes.map(n => n.dataset.slug)")
    # research: 900 USD / (2.5 weeks x 15 h) = 24 USD/h; software: 1200 USD / (4.5 x 11.5) = 23.2; NOK 210/h is about 20 USD.
    assert order == ["remote-paid-research", "last-day-software", "hybrid-hourly-data", "onsite-unpaid-comms"]


def test_a_word_in_one_posting_finds_exactly_it(page: object, site: str) -> None:
    open_board(page, f"{site}/internships/?q=buoys")
    page.wait_for_function("() => document.querySelector('[data-result-count]').textContent === '1'")
    assert shown(page) == ({"hybrid-hourly-data"}, 1)
    page.fill("input[name=q]", "interviews")
    page.wait_for_url("**/internships/?q=interviews")
    page.wait_for_selector("[data-results] [data-slug=remote-paid-research]")
    assert shown(page) == ({"remote-paid-research"}, 1)


def test_the_page_furniture_is_not_searched_but_the_facts_are(page: object, site: str) -> None:
    # Words every posting page prints (the calendar link, the report link, the facts' labels)
    # would match every posting: they are kept out of the index. The facts themselves are in.
    for word in ("calendar", "fraudulent", "duration"):
        open_board(page, f"{site}/internships/?q={word}")
        page.wait_for_function("() => document.querySelector('[data-result-count]').textContent === '0'")
        assert shown(page) == (set(), 0), word
    open_board(page, f"{site}/internships/?q=halifax")
    page.wait_for_selector("[data-results] [data-slug=onsite-unpaid-comms]")
    assert shown(page) == ({"onsite-unpaid-comms"}, 1)


def test_words_combine_with_filters(page: object, site: str) -> None:
    open_board(page, f"{site}/internships/?location=on-site&q=buoys")
    assert shown(page) == (set(), 0)
    assert "No internships match" in page.text_content("[data-results]")


def test_without_javascript_the_page_offers_facet_links(browser: object, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{site}/internships/")
    assert tab.is_hidden("[data-filter-form]")
    links = tab.eval_on_selector_all(".facet-nav a", "nodes => nodes.map(n => n.getAttribute('href'))")
    assert "/internships/field/research/" in links and "/internships/international/opt/" in links
    assert len(links) == sum(len(values) for values in FACET_VALUES.values())
    context.close()


def test_keyboard_alone_filters_and_focus_is_visible(page: object, site: str) -> None:
    open_board(page, f"{site}/internships/")
    page.focus("input[name=location][value=remote]")
    outline = page.eval_on_selector("input[name=location][value=remote]", "n => getComputedStyle(n).outlineStyle")
    page.keyboard.press("Space")
    page.wait_for_url("**/internships/?location=remote")
    assert shown(page)[1] == len(expected({"location": ["remote"]}))
    assert outline != "none", "the focused checkbox shows a focus outline"
    assert page.get_attribute("[data-result-count]", "data-result-count") == "" and page.eval_on_selector(
        "[data-result-count]", "n => n.closest('[role=status]') !== null"
    ), "the count sits in a live region, so screen readers hear it"


@pytest.mark.skipif(not AXE.exists(), reason="needs node_modules/axe-core (make test installs it)")
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/internships/",
        "/internships/?location=remote&pay=paid&sort=deadline",
        "/internships/remote-paid-research/",
        "/internships/filled-early-design/",
        "/internships/field/research/",
        "/internships/closed/",
        "/guides/",
        "/guides/international-students-cpt-opt/",
        "/submit/",
        "/stats/",
        "/follow/",
    ],
)
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_wcag_violation(browser: object, site: str, url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    tab.goto(site + url)
    if tab.query_selector("[data-board]"):
        tab.wait_for_selector("[data-board][data-ready=true]")
    assert axe_violations(tab) == []
    context.close()


def test_word_search_across_index_shards(browser: object, tmp_path: Path) -> None:
    """With one posting per search shard, the page merges every shard and still finds exactly one."""
    output = built(BOARD, tmp_path / "output", TODAY, STINT_SEARCH_SHARD="1")
    assert len(json.loads((output / "pagefind" / "shards.json").read_text())["shards"]) > 1
    with serve(output) as base:
        tab = browser.new_page()
        # A shard without the word must not answer with a shorter word it holds ("interviews" is not "in").
        words = (("buoys", "hybrid-hourly-data"), ("interviews", "remote-paid-research"), ("museum", "onsite-unpaid-comms"),
                 ("budgeting%20interviews", "remote-paid-research"))  # fmt: skip
        for word, slug in words:
            open_board(tab, f"{base}/internships/?q={word}")
            tab.wait_for_selector(f"[data-results] [data-slug={slug}]")
            assert shown(tab) == ({slug}, 1), word
        open_board(tab, f"{base}/internships/?q=buoys%20interviews")  # every word must be on the page
        assert shown(tab) == (set(), 0)
        tab.close()


@pytest.mark.parametrize(
    ("day", "words"),
    [("2026-11-20T23:59:00Z", "(11 days left)"), ("2026-11-28T08:00:00Z", "(3 days left)"), ("2026-12-01T12:00:00Z", "(last day)"),
     ("2026-12-02T00:30:00Z", "(deadline passed)")],
)  # fmt: skip
def test_days_left_are_counted_on_the_day_the_page_is_read(site: str, browser: object, day: str, words: str) -> None:
    """The same page, built once, reads right on each day it is served."""
    tab = browser.new_page()
    tab.clock.set_fixed_time(day)
    tab.goto(f"{site}/internships/last-day-software/")
    left = tab.locator(".posting-side .days-left")
    assert left.text_content() == words and left.is_visible()
    assert ("soon" in left.get_attribute("class")) == (words != "(11 days left)" and words != "(deadline passed)")
    for listing in ("/internships/", "/internships/?sort=deadline"):  # the cards drawn by the server and by board.js count the same way
        tab.goto(site + listing)
        tab.wait_for_selector("[data-board][data-ready=true]")
        assert tab.locator('[data-slug="last-day-software"] .days-left').text_content() == words
    tab.close()
