"""Untrusted Markdown to safe HTML.

Employer descriptions are rendered by cmark-gfm (the CommonMark reference parser in C, with
GitHub's table extension; raw HTML passed through to the sanitiser), through cmarkgfm, the
binding PyPI renders every project's untrusted README with. Its parser is linear: Python-
Markdown, which Pelican uses for the editors' own guides, takes seconds to minutes on 10,000
unclosed brackets or backticks, which is a denial of service in one posting. And it is
fast: about 50 µs a typical description with the sanitiser, where markdown-it-py took 390
(3.4 s of CPU at 10,000 postings, the largest single cost of a cold build). The HTML then
goes through nh3 (the Rust ammonia sanitiser) with a small allow-list: text structure and
links only. No images (tracking pixels), no attributes but href and title, no relative
links, ``rel="nofollow ugc noopener noreferrer"``.
"""

from __future__ import annotations

import re

import nh3
from cmarkgfm.cmark import Options, markdown_to_html_with_extensions
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "h5", "h6", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def _cleaner(tags: set[str]) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=tags,
        clean_content_tags={"script", "style"},
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        url_relative="deny",
        link_rel="nofollow ugc noopener noreferrer",
        strip_comments=True,
    )


_CLEANER = _cleaner(ALLOWED_TAGS)
# Headings of every level are kept by the first pass, then fitted to the page (h3 and below).
# After it, every "<hN>" in the HTML is a heading element: nh3 escapes "<" in text and in
# attribute values, and writes headings without attributes.
_WITH_EVERY_HEADING = _cleaner(ALLOWED_TAGS | {"h1", "h2"})
# Raw HTML is passed through so that what validation accepts (<br>, <a href>, <em>, lists ...)
# renders like its Markdown twin; the sanitiser still removes anything else.
_OPTIONS = Options.CMARK_OPT_UNSAFE
_EXTENSIONS = ["table"]
SECTION_LEVEL = 2  # a description sits under one of the posting page's h2 sections
_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")


def markdown_html(text: str) -> str:
    """The description's HTML as the Markdown renderer writes it, before any of the page's changes."""
    return markdown_to_html_with_extensions(text, options=_OPTIONS, extensions=_EXTENSIONS)


def render_description(text: str) -> Markup:
    """Markdown from an employer to HTML that can go into a page as it is."""
    return Markup(_fit_headings(_WITH_EVERY_HEADING.clean(markdown_html(text))))


def sanitize(html: str) -> Markup:
    """HTML reduced to the allow-list, with every link marked as the employer's."""
    return Markup(_CLEANER.clean(html))


def _fit_headings(html: str) -> str:
    """The employer's highest heading becomes h3, the next level used h4, and so on, and no
    heading is more than one level below the one before it: whatever mix of # to ###### was
    written, the page's outline skips no level (the Nu checker and screen readers need that)."""
    levels = sorted({int(level) for closing, level in _HEADING_TAG.findall(html) if not closing})
    if not levels:
        return html
    rank = {level: index for index, level in enumerate(levels)}
    previous = SECTION_LEVEL

    def fitted(tag: re.Match[str]) -> str:
        nonlocal previous
        if not tag[1]:  # headings do not nest: a closing tag belongs to the last opening one
            previous = min(SECTION_LEVEL + 1 + rank[int(tag[2])], previous + 1, 6)
        return f"<{tag[1]}h{previous}>"

    return _HEADING_TAG.sub(fitted, html)
