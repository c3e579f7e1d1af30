"""A shared filter link looks right from the first frame: no layout shift in Chromium, at phone size."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from browser import needs_chromium
from sitebuild import read

pytestmark = [pytest.mark.browser, needs_chromium]

# The layout shifts of the page's life so far, as Lighthouse adds them (ignoring those just after input).
CUMULATIVE_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value; })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 1000);
})"""


@pytest.mark.parametrize(
    "url",
    [
        "/internships/?field=research&location=remote",
        "/internships/?location=hybrid",
        "/internships/?min_hourly=20&sort=pay",
        "/internships/",
        "/internships/location/remote/",
    ],
)
def test_no_layout_shift_on_a_shared_link(browser: object, base: str, url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, device_scale_factor=2, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(base + url)
    tab.wait_for_selector("[data-board][data-ready=true]")
    assert tab.evaluate(CUMULATIVE_SHIFT) < 0.005
    assert tab.is_visible("[data-results] [data-slug]"), "the filtered list is shown once drawn"
    context.close()


# Counts the nodes taken out of the list from the first byte of the page on (the parser only adds).
COUNT_REMOVALS = """window.__removed = 0;
new MutationObserver(records => { for (const r of records) if (r.target.closest?.('[data-results]')) window.__removed += r.removedNodes.length; })
  .observe(document, {childList: true, subtree: true});"""


@pytest.mark.parametrize(
    ("url", "redrawn", "fetched"),
    [
        ("/internships/", False, False),
        ("/internships/location/remote/", False, False),
        ("/internships/pay-per-hour/at-least-15-usd/", False, False),
        ("/internships/?utm_source=newsletter", False, False),  # a parameter board.js does not read asks for nothing more
        ("/internships/?field=research", True, False),  # the fixture's open postings are all on the server's page
        ("/internships/?sort=deadline", True, False),
        ("/internships/location/remote/?location=hybrid", True, True),  # the hybrid card is not on the remote page
    ],
)
def test_the_servers_list_is_the_first_render_when_the_address_asks_for_nothing_more(
    browser: object, base: str, url: str, redrawn: bool, fetched: bool
) -> None:
    """The same cards drawn again would be painted twice; and a card the server drew is taken
    from the page, not fetched again in a card shard."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    context.add_init_script(COUNT_REMOVALS)
    shards: list[str] = []
    context.on("request", lambda request: "/internships/cards/" in request.url and shards.append(request.url))
    tab = context.new_page()
    server = tab.goto(base + url).text()
    tab.wait_for_selector("[data-board][data-ready=true]")
    assert (tab.evaluate("window.__removed") > 0, shards != []) == (redrawn, fetched)
    if not redrawn:
        slugs = tab.eval_on_selector_all("[data-results] [data-slug]", "nodes => nodes.map(node => node.dataset.slug)")
        assert slugs and slugs == re.findall(r'data-slug="([^"]+)"', server), "the server's own cards, in its order"
        assert tab.is_hidden("[data-more]"), "the fixture's open postings fit one page: nothing more to show"
    context.close()


def test_the_inline_script_is_allowed_by_its_hash_alone(site: Path) -> None:
    html = read(site, "internships/")
    (script,) = re.findall(r"<script>(.*?)</script>", html)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    digest = base64.b64encode(hashlib.sha256(script.replace("&#39;", "'").encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy.replace("&#39;", "'") and "unsafe-inline" not in policy


def test_without_javascript_nothing_is_hidden(browser: object, base: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    tab = context.new_page()
    tab.goto(base + "/internships/?field=research")
    assert tab.is_visible("[data-results] [data-slug]") and tab.is_visible(".facet-nav")
    context.close()
