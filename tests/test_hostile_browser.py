"""Issue 7 in a real browser: the site built from every accepted hostile posting, opened page by page
in Chromium with a trap installed before any script, hovered and clicked. Nothing may run: no dialog,
no window.__pwned, no CSP violation, no request to another host, no script error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from adversarial.corpus import Site, built_site
from playwright.sync_api import Error as PlaywrightError

from browser import chromium, needs_chromium, serve
from stint.outputs import first_frame

pytestmark = [pytest.mark.browser, needs_chromium]

# Installed in every document before its own scripts. Links to web pages and mailto: are not
# followed here: a click records the target, which the test then checks is one of the pages it opens
# itself (other hosts are never opened). Any other scheme is let through, so a javascript: link would
# really run.
TRAP = """
(() => {
  const hits = [];
  const followed = [];
  Object.defineProperty(window, "__hits", { value: hits });
  Object.defineProperty(window, "__followed", { value: followed });
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (...args) => { hits.push(`${name}(${args.join(", ")})`); };
  }
  let pwned;
  Object.defineProperty(window, "__pwned", {
    get: () => pwned,
    set: (value) => { pwned = value; hits.push(`window.__pwned = ${value}`); },
  });
  window.addEventListener("securitypolicyviolation", (event) => {
    hits.push(`CSP ${event.violatedDirective} blocked ${event.blockedURI || "inline code"}: ${event.sample}`);
  }, true);
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (link && /^(https?|mailto):$/.test(link.protocol)) {
      event.preventDefault();
      followed.push(link.href);
    }
  }, true);
})();
"""

# Every element is hovered, focused and left; links, buttons, summaries and checkboxes are clicked.
# Synthetic events reach inline handlers exactly as real ones do, on every element of every page.
POKE_EVERYTHING = """
() => {
  const kinds = ["pointerover", "pointerenter", "mouseover", "mouseenter", "pointermove", "mousemove", "pointerdown",
                 "mousedown", "pointerup", "mouseup", "pointerout", "mouseout", "mouseleave", "dblclick", "contextmenu"];
  for (const node of document.body.querySelectorAll("*")) {
    for (const kind of kinds) node.dispatchEvent(new MouseEvent(kind, { bubbles: true, cancelable: true }));
    node.dispatchEvent(new FocusEvent("focus"));
    node.dispatchEvent(new FocusEvent("blur"));
  }
  for (const node of document.body.querySelectorAll("a[href], button, summary")) node.click();
  const box = document.querySelector("[data-filter-form] input[type=checkbox]");
  if (box) box.click(); // one filter change: the cards are rendered again from JSON
}
"""

# What the DOM holds after board.js has rendered cards from JSON: nothing a script could hide in.
# The listing's own inline script (first_frame.py, allowed by its hash) and /stats/'s charts
# (inline SVG of the board's own numbers) are the only exceptions, exactly.
LIVE_DOM_PROBLEMS = """
(firstFrame) => {
  const found = [];
  for (const node of document.querySelectorAll("*")) {
    for (const attribute of node.attributes) {
      const value = attribute.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      if (attribute.name.startsWith("on")) found.push(`${node.localName} ${attribute.name}`);
      if (/^(javascript|data|vbscript):/.test(value) && ["href", "src", "action", "formaction", "data"].includes(attribute.name)) {
        found.push(`${node.localName} ${attribute.name}=${attribute.value}`);
      }
    }
  }
  for (const script of document.scripts) {
    if (!script.src && script.textContent === firstFrame) continue;
    if (script.type !== "application/ld+json" && !["board.js", "deadlines.js"].some((name) => script.src.endsWith(`/theme/js/${name}`))) found.push(`script ${script.outerHTML.slice(0, 80)}`);
  }
  const tags = ["iframe", "object", "embed", "img", "math", "style", "base"];
  if (!location.pathname.endsWith("/stats/")) tags.push("svg");
  for (const tag of tags) {
    if (document.getElementsByTagName(tag).length) found.push(`<${tag}> element`);
  }
  return found;
}
"""

# Real pointer hover and click on what posting text can reach, once per distinct target.
UNTRUSTED_LINKS = ".prose a, .posting-org a, .apply a, .card a, .closed-list a, [data-guide-results] a, button, summary"
HOSTILE_WORDS = [
    "<img src=x onerror=window.__pwned=1>",
    '"><script>alert(1)</script>',
    "javascript:alert(1)",
    "{{ 7*7 }}</script><!--",
]
HOSTILE_QUERIES = [
    *(f"internships/?q={quote(word)}" for word in HOSTILE_WORDS),
    "internships/?field=research&location=remote&pay=paid&international=opt&sort=deadline",
    f"internships/?field={quote('<svg onload=alert(1)>')}&sort={quote('javascript:alert(1)')}&q=sprint",
    f"internships/field/research/?q={quote('</script><script>window.__pwned=1</script>')}",
    "internships/page/2/?sort=pay&pay=paid",
]


# Only requests to other hosts are intercepted (and aborted): the site's own load at full speed.
ELSEWHERE = re.compile(r"^(?!https?://127\.0\.0\.1[:/])")
# What identifies a link or button ("a /internships/x/", "button Clear all"), and its centre once
# scrolled into view (null when it takes no room).
KEY = "node => node.localName + ' ' + (node.getAttribute('href') || node.textContent.trim())"
CENTRE = """
node => {
  node.scrollIntoView({ block: "center" });
  const box = node.getBoundingClientRect();
  return box.width && box.height ? [box.x + box.width / 2, box.y + box.height / 2] : null;
}
"""


@dataclass
class Visit:
    """What went wrong on one page: trap hits, page errors, dialogs and requests to other hosts."""

    url: str
    problems: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def built() -> Site:
    return built_site()


@pytest.fixture(scope="module")
def base(built: Site) -> Iterator[str]:
    with serve(built.output) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as instance:
        yield instance


class Tab:
    """One trapped context and page, reused from page to page; what goes wrong lands in ``visit``."""

    def __init__(self, browser: object):
        self.visit = Visit("")
        self.seen: set[str] = set()
        self.followed: set[str] = set()
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        self.context.add_init_script(TRAP)
        self.context.route(ELSEWHERE, self._elsewhere)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.visit.problems.append(f"page error: {error}"))
        self.page.on("dialog", self._dialog)

    def _elsewhere(self, route: object) -> None:
        self.visit.problems.append(f"request to another host: {route.request.url}")
        route.abort()

    def _dialog(self, dialog: object) -> None:
        self.visit.problems.append(f"dialog: {dialog.type} {dialog.message}")
        dialog.dismiss()

    def open(self, url: str) -> Visit:
        self.visit = Visit(url)
        self.page.goto(url, wait_until="load")
        if self.page.query_selector("[data-board]"):
            self.page.wait_for_selector("[data-board][data-ready=true]", state="attached", timeout=10_000)
        return self.visit

    def hover_and_click_untrusted(self) -> None:
        """A real pointer over, and a real click on, what posting text can reach: once per distinct target."""
        keys = self.page.eval_on_selector_all(UNTRUSTED_LINKS, f"nodes => nodes.map({KEY})")
        if set(keys) <= self.seen:
            return
        for key, element in zip(keys, self.page.query_selector_all(UNTRUSTED_LINKS), strict=True):
            centre = element.evaluate(CENTRE) if key not in self.seen else None
            if centre is not None:
                self.seen.add(key)
                self.page.mouse.move(*centre)
                self.page.mouse.click(*centre)

    def settle(self) -> list[str]:
        self.page.wait_for_timeout(30)
        self.visit.problems += self.page.evaluate("window.__hits")
        self.followed.update(self.page.evaluate("window.__followed"))
        self.visit.problems += [f"live DOM: {found}" for found in self.page.evaluate(LIVE_DOM_PROBLEMS, first_frame.SCRIPT)]
        return self.visit.problems

    def check(self, url: str) -> Visit:
        visit = self.open(url)
        self.hover_and_click_untrusted()
        self.page.evaluate(POKE_EVERYTHING)
        self.settle()
        return visit


@pytest.fixture
def tab(browser: object) -> Iterator[Tab]:
    trapped = Tab(browser)
    yield trapped
    trapped.context.close()


def _failures(visits: list[Visit]) -> list[str]:
    return [f"{visit.url}: {problem}" for visit in visits for problem in visit.problems]


def _page_urls(output: Path) -> list[str]:
    pages = sorted(path.relative_to(output).as_posix() for path in output.rglob("*.html"))
    return [page.removesuffix("index.html") for page in pages]


def _missing_targets(followed: set[str], base: str, output: Path) -> list[str]:
    """Clicked links on this site whose target is not a file the build wrote (and the test opened)."""
    paths = {urlsplit(url).path for url in followed if url.startswith(base)}
    return sorted(path for path in paths if not (output / path.strip("/") / ("index.html" if path.endswith("/") else "")).is_file())


def test_the_trap_catches_a_planted_payload(tab: Tab, base: str) -> None:
    """The control: the same trap sees a payload the test plants itself, so a silent run means something."""
    tab.open(f"{base}/internships/contract-example/")
    tab.page.evaluate("""() => {
        document.querySelector(".prose").insertAdjacentHTML("beforeend",
            '<img src="x" onerror="window.__pwned = 1"><a id="planted" href="javascript:alert(1)">x</a>'
            + '<a id="away" href="https://elsewhere.example/">x</a>');
        window.__pwned = 1;
        alert(1);
        fetch("https://elsewhere.example/beacon").catch(() => {});
    }""")
    tab.page.click("#planted", no_wait_after=True)
    tab.page.click("#away", no_wait_after=True)
    problems = " | ".join(tab.settle())
    assert "window.__pwned = 1" in problems and "alert(1)" in problems
    assert "CSP script-src" in problems, "the page's CSP blocks inline handlers and javascript: links, and says so"
    assert "live DOM: img onerror" in problems and "live DOM: a href=javascript:alert(1)" in problems
    assert "CSP connect-src blocked https://elsewhere.example/beacon" in problems, "a beacon to another host is refused"
    assert problems.count("elsewhere.example") == 1, "the clicked link to another host is not followed"
    with pytest.raises(PlaywrightError):
        tab.page.goto("https://elsewhere.example/")
    assert tab.visit.problems[-1] == "request to another host: https://elsewhere.example/"


def test_no_payload_runs_on_any_generated_page(tab: Tab, base: str, built: Site) -> None:
    urls = _page_urls(built.output)
    assert len(urls) >= 60 and "internships/contract-example/" in urls
    visits = [tab.check(f"{base}/{url}") for url in urls]
    assert _failures(visits) == []
    assert len(tab.seen) >= 50, "posting links, cards and buttons were really hovered and clicked"
    assert len(tab.followed) >= 100 and _missing_targets(tab.followed, base, built.output) == []


def test_hostile_queries_and_typed_words_run_nothing(tab: Tab, base: str) -> None:
    visits = [tab.check(f"{base}/{query}") for query in HOSTILE_QUERIES]
    visits += [_type_a_hostile_word(tab, base, word) for word in HOSTILE_WORDS]
    assert _failures(visits) == []


def _type_a_hostile_word(tab: Tab, base: str, word: str) -> Visit:
    visit = tab.open(f"{base}/internships/")
    tab.page.fill("input[name=q]", word)
    tab.page.press("input[name=q]", "Enter")
    tab.page.wait_for_url("**/internships/?q=*")
    tab.page.wait_for_function("() => document.querySelector('[data-result-noun]').textContent.includes('matching')")
    noun = tab.page.text_content("[data-result-noun]")
    if word not in noun:
        visit.problems.append(f"the word is not shown as text: {noun!r}")
    tab.settle()
    return visit
