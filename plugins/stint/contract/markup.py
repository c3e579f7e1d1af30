"""Untrusted Markdown to safe HTML.

Employer descriptions are rendered by markdown-it-py (CommonMark, raw HTML off), whose
parser is linear: Python-Markdown, which Pelican uses for the editors' own guides, takes
seconds to minutes on 10,000 unclosed brackets or backticks, which is a denial of
service in one posting. The HTML then goes through nh3 (the Rust ammonia sanitiser) with
a small allow-list: text structure and links only. No images (tracking pixels), no
attributes but href and title, no relative links, ``rel="nofollow ugc noopener noreferrer"``.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "h5", "h6", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes={"a": {"href", "title"}},
    url_schemes={"http", "https", "mailto"},
    url_relative="deny",
    link_rel="nofollow ugc noopener noreferrer",
    strip_comments=True,
)
# Raw HTML is parsed so that what validation accepts (<br>, <a href>, <em>, lists ...)
# renders like its Markdown twin; the sanitiser below still removes anything else.
MARKDOWN = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False}).enable("table")
SECTION_LEVEL = 2  # a description sits under one of the posting page's h2 sections


def render_description(text: str) -> Markup:
    """Markdown from an employer to HTML that can go into a page as it is."""
    tokens = MARKDOWN.parse(text)
    _fit_headings(tokens)
    html = MARKDOWN.renderer.render(tokens, MARKDOWN.options, {})
    return sanitize(html)


def sanitize(html: str) -> Markup:
    """HTML reduced to the allow-list, with every link marked as the employer's."""
    return Markup(_CLEANER.clean(html))


def _fit_headings(tokens: list[Token]) -> None:
    """The employer's highest heading becomes h3, the next level used h4, and so on, and no
    heading is more than one level below the one before it: whatever mix of # to ###### was
    written, the page's outline skips no level (the Nu checker and screen readers need that)."""
    levels = sorted({int(token.tag[1]) for token in tokens if token.type == "heading_open"})
    rank = {level: index for index, level in enumerate(levels)}
    previous = SECTION_LEVEL
    tag = ""
    for token in tokens:
        if token.type == "heading_open":
            previous = min(SECTION_LEVEL + 1 + rank[int(token.tag[1])], previous + 1, 6)
            tag = token.tag = f"h{previous}"
        elif token.type == "heading_close":
            token.tag = tag  # headings do not nest: the close belongs to the last open
