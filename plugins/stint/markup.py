"""Untrusted Markdown to safe HTML.

Python-Markdown passes raw HTML and any link scheme through, so its output goes
through nh3 (the Rust ammonia sanitiser) with a small allow-list: text structure and
links only. No images (tracking pixels), no attributes but href and title, no
relative links, and ``rel="nofollow ugc noopener noreferrer"`` on every link.
"""

from __future__ import annotations

import re

import markdown
import nh3
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
# One converter, reset between postings: building one per call costs more than converting.
# fenced_code: the validator treats ``` and ~~~ fences as code, so the renderer must too.
_MARKDOWN = markdown.Markdown(extensions=["sane_lists", "tables", "fenced_code"], output_format="html")


def render_description(text: str) -> Markup:
    """Markdown from an employer to HTML that can go into a page as it is."""
    html = _MARKDOWN.reset().convert(text)
    # Headings in a description sit under the posting page's own h2 sections.
    html = _HEADING.sub(lambda tag: f"<{tag[1]}h{min(int(tag[2]) + 2, 6)}>", html)
    return Markup(_CLEANER.clean(html))
