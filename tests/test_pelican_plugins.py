"""Issue 14, item 6: stock Pelican plugins see the board's files (``content_written``).

pelican-sitemap lists exactly the files announced to it. Built with it beside stint, its
sitemap must hold the board's pages, on a clean build and on a warm one whose pages are
linked from the cache, and leave the board's own /sitemap.xml as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from sitebuild import built

SETTINGS = ROOT / "tests" / "fixtures" / "settings" / "with_sitemap_plugin.py"
TODAY = "2026-12-01"


def plugin_sitemap(output: Path) -> set[str]:
    return set((output / "sitemap.txt").read_text(encoding="utf-8").split())


def pages(output: Path) -> set[str]:
    """The URL of every HTML page in the output, as the sitemap plugin writes them."""
    return {"/" + path.relative_to(output).as_posix().removesuffix("index.html") for path in output.rglob("*.html")}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> list[set[str]]:
    """The plugin's sitemap after a clean build and after a warm rebuild of the same site."""
    output = tmp_path_factory.mktemp("plugins") / "output"
    clean = plugin_sitemap(built(FIXTURES / "board", output, TODAY, settings=str(SETTINGS)))
    own = (output / "sitemap.xml").read_bytes()
    warm = plugin_sitemap(built(FIXTURES / "board", output, TODAY, settings=str(SETTINGS)))
    assert (output / "sitemap.xml").read_bytes() == own
    assert "<urlset" in own.decode() and "/internships/remote-paid-research/" in own.decode()
    return [clean, warm, pages(output)]


@pytest.mark.parametrize("url", ["/internships/", "/internships/location/remote/", "/internships/remote-paid-research/", "/stats/"])
def test_the_sitemap_plugin_lists_board_pages(builds: list[set[str]], url: str) -> None:
    clean, warm, _ = builds
    assert url in clean
    assert url in warm


def test_every_page_and_data_file_is_announced_every_build(builds: list[set[str]]) -> None:
    clean, warm, html = builds
    assert html <= clean
    assert {"/feeds/internships.rss.xml", "/internships/index.json", "/stats/stats.csv"} <= clean
    assert warm == clean
