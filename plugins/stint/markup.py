"""Untrusted Markdown to safe HTML.

Employer descriptions are rendered by markdown-it-py (CommonMark, raw HTML off), whose
parser is linear: Python-Markdown, which Pelican uses for the editors' own guides, takes
seconds to minutes on 10,000 unclosed brackets or backticks, which is a denial of
service in one posting. The HTML then goes through nh3 (the Rust ammonia sanitiser) with
a small allow-list: text structure and links only. No images (tracking pixels), no
attributes but href and title, no relative links, ``rel="nofollow ugc noopener noreferrer"``.
"""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt
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
_HEADING = re.compile(r"<(/?)h([1-6])>")
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def render_description(text: str) -> Markup:
    """Markdown from an employer to HTML that can go into a page as it is."""
    html = _MARKDOWN.render(text)
    # Headings in a description sit under the posting page's own h2 sections.
    html = _HEADING.sub(lambda tag: f"<{tag[1]}h{min(int(tag[2]) + 2, 6)}>", html)
    return Markup(_CLEANER.clean(html))
