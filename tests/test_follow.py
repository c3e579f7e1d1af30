"""Following the board: /follow/, feeds/index.json and, in Chromium, the listing's "Follow this search"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import needs_chromium
from expectations import FACET_VALUES
from sitebuild import read

PAIRED = [("location", "remote"), ("pay", "paid"), ("international", "cpt"), ("international", "opt"), ("international", "work-visa")]
Query = dict[str, list[str]]


def topic_queries() -> dict[str, Query]:
    """Every followable topic as the filter it is, restated from the design: the board, each value, each field pair."""
    topics: dict[str, Query] = {"internships": {}, "international": {"international": ["cpt", "opt", "work-visa"]}}
    topics |= {f"{facet}/{value}": {facet: [value]} for facet, values in FACET_VALUES.items() for value in values}
    topics |= {
        f"field/{field}/{facet}/{value}": {"field": [field], facet: [value]} for field in FACET_VALUES["field"] for facet, value in PAIRED
    }
    return topics


def expected_offer(query: Query) -> tuple[str, set[str]]:
    """The exact topic, else the broader topics keeping the most of the query's facets."""
    topics = topic_queries()
    exact = [name for name, topic in topics.items() if {f: set(v) for f, v in topic.items()} == {f: set(v) for f, v in query.items()}]
    if exact:
        return "exact", set(exact)
    broader = {name: topic for name, topic in topics.items() if all(f in query and set(query[f]) <= set(v) for f, v in topic.items())}
    most = max(len(topic) for topic in broader.values())
    return "broader", {name for name, topic in broader.items() if len(topic) == most}


def test_follow_page_lists_every_topic_with_its_feeds_and_calendar(site: Path) -> None:
    html = read(site, "follow/")
    for name in topic_queries():
        for extension in ("rss.xml", "json", "ics"):
            assert f'href="http://localhost:8000/feeds/{name}.{extension}"' in html or f'href="/feeds/{name}.{extension}"' in html, (
                name,
                extension,
            )
    assert "89 topics" in html and "RSS-to-e-mail" in html and "no accounts" in html
    assert 'href="/follow/">Follow by feed, calendar or e-mail</a>' in read(site, "internships/"), "linked from the footer"


def test_the_follow_index_names_every_topic_by_its_filter(site: Path) -> None:
    index = json.loads((site / "feeds" / "index.json").read_text(encoding="utf-8"))
    found = {
        topic["name"]: {facet: sorted(v for f, v in topic["query"] if f == facet) for facet, _ in topic["query"]}
        for topic in index["topics"]
    }
    assert found == {name: {facet: sorted(values) for facet, values in query.items()} for name, query in topic_queries().items()}
    for topic in index["topics"]:
        assert all((site / feed["path"]).is_file() for feed in topic["feeds"]) and (site / topic["calendar"]).is_file()


def open_offer(page: object, url: str) -> None:
    """Open a listing and bring "Follow this search" into view: its topics load only then."""
    page.goto(url)
    page.wait_for_selector("[data-board][data-ready=true]")
    page.locator("[data-follow]").scroll_into_view_if_needed()
    page.wait_for_selector("[data-follow][data-ready=true]")


def offer(page: object) -> tuple[str, dict[str, list[str]]]:
    match = page.get_attribute("[data-follow-offer]", "data-follow-match")
    topics = page.eval_on_selector_all(
        "[data-follow-offer] [data-follow-topic]",
        "nodes => nodes.map(n => [n.dataset.followTopic, [...n.querySelectorAll('a')].map(a => new URL(a.href).pathname)])",
    )
    return match, dict(topics)


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize(
    "query",
    [
        {},
        {"field": ["research"]},
        {"location": ["remote"]},
        {"field": ["research"], "location": ["remote"]},
        {"field": ["data-analysis"], "international": ["work-visa"]},
        {"international": ["cpt", "opt", "work-visa"]},
        {"field": ["research"], "location": ["remote"], "pay": ["paid"]},
        {"location": ["hybrid"], "pay": ["paid"]},
        {"international": ["cpt", "opt"]},
        {"field": ["research", "marketing"]},
        {"field": ["research"], "hours": ["11-20"]},
    ],
    ids=lambda query: "&".join(f"{k}={'+'.join(v)}" for k, v in query.items()) or "all",
)
def test_follow_this_search_offers_the_exact_feeds_or_the_closest_broader(browser: object, base: str, query: Query) -> None:
    tab = browser.new_page()
    search = "&".join(f"{facet}={value}" for facet, values in query.items() for value in values)
    open_offer(tab, f"{base}/internships/?{search}")
    match, topics = offer(tab)
    expected_match, expected_topics = expected_offer(query)
    assert (match, set(topics)) == (expected_match, expected_topics)
    for name, paths in topics.items():
        formats = ("rss.xml", "atom.xml", "json", "ics") if name == "internships" else ("rss.xml", "json", "ics")
        assert paths == [f"/feeds/{name}.{extension}" for extension in formats]
    if match == "broader":
        notes = tab.eval_on_selector_all("[data-follow-offer] .follow-note", "nodes => nodes.map(n => n.textContent)")
        assert len(notes) == len(topics) and all(note.strip("() ") for note in notes), "each broader offer says how it differs"
    tab.close()


@needs_chromium
@pytest.mark.browser
def test_the_offer_follows_the_filters_as_they_change_and_says_how_a_broader_one_differs(browser: object, base: str) -> None:
    tab = browser.new_page()
    open_offer(tab, f"{base}/internships/")
    assert offer(tab) == (
        "exact",
        {"internships": ["/feeds/internships.rss.xml", "/feeds/internships.atom.xml", "/feeds/internships.json", "/feeds/internships.ics"]},
    )
    tab.check("input[name=field][value=research]")
    tab.wait_for_url("**/internships/?field=research")
    assert offer(tab)[1].keys() == {"field/research"}
    tab.check("input[name=pay][value=paid]")
    tab.check("input[name=hours][value='11-20']")
    tab.wait_for_function("() => document.querySelector('[data-follow-offer]').dataset.followMatch === 'broader'")
    assert offer(tab)[1].keys() == {"field/research/pay/paid"}
    assert "not limited to Hours a week: 11-20" in tab.text_content("[data-follow-offer]")
    tab.close()


@needs_chromium
@pytest.mark.browser
def test_the_list_is_drawn_without_waiting_for_the_follow_topics(browser: object, base: str) -> None:
    """feeds/index.json is the listing's largest file and only the follow offer needs it: the
    page neither preloads it nor waits for it, and fetches it once the offer nears the screen."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    held: list[object] = []
    context.route("**/feeds/index.json", lambda route: held.append(route))  # answered only when the test says so
    tab = context.new_page()
    tab.goto(f"{base}/internships/?field=research")
    tab.wait_for_selector("[data-board][data-ready=true]")
    assert tab.is_visible("[data-results] [data-slug]"), "the filtered list is drawn while the topics are unanswered"
    assert tab.locator("link[rel=preload][href$='/feeds/index.json']").count() == 0
    static = tab.eval_on_selector_all("[data-follow-offer] a", "nodes => nodes.map(n => new URL(n.href).pathname)")
    assert "/feeds/internships.rss.xml" in static, "until they come, the server's offer"
    tab.locator("[data-follow]").scroll_into_view_if_needed()
    while not held:
        tab.wait_for_timeout(20)
    held[0].continue_()
    tab.wait_for_selector("[data-follow][data-ready=true]")
    assert offer(tab) == (
        "exact",
        {"field/research": ["/feeds/field/research.rss.xml", "/feeds/field/research.json", "/feeds/field/research.ics"]},
    )
    context.close()


@needs_chromium
@pytest.mark.browser
def test_without_javascript_a_facet_page_offers_its_own_feeds(browser: object, base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{base}/internships/location/hybrid/")
    links = tab.eval_on_selector_all("[data-follow-offer] a", "nodes => nodes.map(n => new URL(n.href).pathname)")
    assert links == ["/feeds/location/hybrid.rss.xml", "/feeds/location/hybrid.json", "/feeds/location/hybrid.ics"]
    context.close()
