"""Issue 15, item 7: what a static host cannot do, and the `_headers` file for hosts that can.

A <meta> policy cannot forbid framing: Chromium shows the board inside another site's frame when
it is served as GitHub Pages serves it. Served with the build's `_headers` (as Netlify and
Cloudflare Pages do), the frame is refused, and the pages still work under the header policy.
"""

from __future__ import annotations

import functools
import html
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from browser import chromium, needs_chromium, serve
from conftest import ROOT
from sitebuild import read
from stint.outputs.headers import HEADERS, PAGE_POLICY


def parse_headers(text: str) -> dict[str, dict[str, str]]:
    """Netlify's and Cloudflare Pages' `_headers` syntax: a path pattern, then indented `Name: value` lines."""
    rules: dict[str, dict[str, str]] = {}
    pattern = ""
    for line in text.splitlines():
        if line and not line[0].isspace():
            pattern = line.strip()
            rules[pattern] = {}
        elif line.strip():
            name, value = line.strip().split(":", 1)
            rules[pattern][name.strip()] = value.strip()
    return rules


def test_the_build_writes_the_headers_file(site: Path) -> None:
    rules = parse_headers((site / "_headers").read_text(encoding="utf-8"))
    assert rules["/*"]["Content-Security-Policy"].endswith("; frame-ancestors 'none'")
    assert rules["/*"]["X-Content-Type-Options"] == "nosniff" and rules["/*"]["X-Frame-Options"] == "DENY"
    assert rules["/internships/index.json"] == {"Access-Control-Allow-Origin": "*"}


def test_the_header_policy_is_the_pages_own_policy(site: Path) -> None:
    """One policy: the <meta> one of every page (bar its JSON-LD hashes), plus what only a header can say."""
    for url in ("/", "/internships/", "/internships/remote-paid-research/"):
        (meta,) = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', read(site, url))
        assert re.sub(r" 'sha256-[^']*'", "", html.unescape(meta)) == PAGE_POLICY, url
    assert "frame-ancestors 'none'" not in PAGE_POLICY  # browsers ignore it in <meta>: it would only mislead


def test_the_readme_says_what_a_static_host_cannot_do() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- deployment:start -->", 1)[1].split("<!-- deployment:end -->", 1)[0]
    for words in ("frame-ancestors", "_headers", "Netlify", "Cloudflare Pages", "'self'"):
        assert words in section, words
    for name, value in HEADERS.items():
        assert f"{name}: {value}" in section, name  # the README shows the header set the build writes


class _HeadersHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files as a host that reads `_headers` does: the rules of every matching pattern."""

    rules: dict[str, dict[str, str]] = {}  # noqa: RUF012 (set per server, read-only)

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        for pattern, headers in self.rules.items():
            if pattern == path or (pattern.endswith("*") and path.startswith(pattern[:-1])):
                for name, value in headers.items():
                    self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_with_headers(folder: Path) -> Iterator[str]:
    handler_class = type("Handler", (_HeadersHandler,), {"rules": parse_headers((folder / "_headers").read_text(encoding="utf-8"))})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler_class, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def framed(browser: object, tmp_path: Path, board: str) -> str:
    """Another site (another origin: localhost, not 127.0.0.1) frames the board's listing; the frame's final URL."""
    (tmp_path / "frame.html").write_text(f'<!doctype html><title>x</title><iframe src="{board}/internships/"></iframe>', encoding="utf-8")
    with serve(tmp_path) as other:
        page = browser.new_page()
        page.goto(other.replace("127.0.0.1", "localhost") + "/frame.html")
        page.wait_for_timeout(1500)
        frame = page.frames[1]
        text = frame.evaluate("() => document.querySelector('[data-result-count]') ? 'board' : 'nothing'")
        page.close()
        return text


@pytest.mark.browser
@needs_chromium
def test_only_the_header_stops_another_site_framing_the_board(site: Path, tmp_path: Path) -> None:
    with chromium() as browser:
        with serve(site) as pages_like:  # GitHub Pages: no headers of ours; the <meta> policy cannot help
            assert framed(browser, tmp_path, pages_like) == "board"
        with serve_with_headers(site) as netlify_like:
            assert framed(browser, tmp_path, netlify_like) == "nothing"


@pytest.mark.browser
@needs_chromium
def test_the_board_works_under_the_header_policy(site: Path) -> None:
    with chromium() as browser, serve_with_headers(site) as base:
        page = browser.new_page()
        violations: list[str] = []
        page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
        response = page.goto(base + "/internships/")
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        count = page.locator("[data-result-count]")
        before = count.inner_text()
        page.locator('input[type="checkbox"][name="location"][value="remote"]').check()
        page.wait_for_function("before => document.querySelector('[data-result-count]').innerText !== before", arg=before)
        page.goto(base + "/internships/remote-paid-research/")  # a page with JSON-LD: data, not script
        assert violations == []
