"""HTML inside a description: what the page keeps as written, what it would drop, and the
conversion of pasted applicant-tracking HTML into the Markdown it means.

Real descriptions carry some HTML that CommonMark allows and the sanitiser keeps unchanged
(``<br>``, ``<a href="mailto:...">``, ``<em>``, lists): that is accepted and renders like its
Markdown twin. Anything the page would drop or alter is refused, naming the tag or attribute
and what to write instead, because an employer who sees their text changed on the page has
been misled. markdown-it-py finds the HTML, with the source line of each piece: it parses
CommonMark as the renderer's cmark does, so HTML inside code spans and code blocks is text,
not markup, here as on the page. One gap is known: it parses without the table rule (see
``_FINDER``), so backticks in two cells of a table row, which the renderer splits into cells
before it looks for code spans, can hide HTML between them from this check. The sanitiser
still removes everything unsafe from such HTML; what passes is markup the page allows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from stint.contract.markup import markdown_html
from stint.contract.plain_text import TAG_OPEN
from stint.contract.problems import shown

# Tag -> the attributes it may carry: each renders exactly as its Markdown twin would.
ACCEPTED: dict[str, set[str]] = {
    "a": {"href", "title"},
    **{tag: set() for tag in ("br", "em", "strong", "b", "i", "ul", "ol", "li", "p", "code")},
}
SAFE_HREF = re.compile(r"(https://|mailto:)", re.IGNORECASE)
_NEVER_SHOWN = {"script", "style", "template", "noscript"}
_NOT_ON_THE_BOARD = {"iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button", "select", "textarea",
                     "video", "audio", "svg", "math", "canvas", "link", "meta", "base"}  # fmt: skip
_IMAGES = {"img", "picture", "source", "image"}
# Linear-time patterns: every quantifier stops at a character the next part cannot start with.
# Applied to what markdown-it took for HTML, whose quotes are balanced: quoted values may hold ">".
_TAG = re.compile(r"""<(/?)([A-Za-z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<!--|<![A-Za-z\[]|<\?""")
_ATTRIBUTE = re.compile(r"""([^\s"'=<>`/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
# Finding HTML needs no tables (HTML inside a cell is inline HTML either way), and the table
# rule is what costs: 3.7 s on a 1,250-column table, against 0.04 s without it.
_FINDER = MarkdownIt("commonmark", {"html": True})


class Refusal(NamedTuple):
    offset: int
    code: str
    message: str
    unsafe: str = ""  # the tag or attribute converting removes for safety, for stint fix's report


def first_refusal(text: str) -> Refusal | None:
    """The first piece of HTML the page would not show as written, saying how many more there are."""
    refusals = sorted(refused_markup(text))
    if len(refusals) > 1:
        more = f" ({len(refusals) - 1} more piece{'s' if len(refusals) > 2 else ''} of HTML in the description too)"
        return refusals[0]._replace(message=refusals[0].message + more)
    return refusals[0] if refusals else None


def refused_markup(text: str) -> Iterator[Refusal]:
    """Every piece of HTML in a Markdown description that the page would not show as written."""
    if not TAG_OPEN.search(text):  # where no tag can start, there is nothing to parse
        return
    lines, named = _line_starts(text), set()
    for snippet, start in _html_snippets(_FINDER.parse(text), text, lines):
        for tag in _TAG.finditer(snippet):
            for refusal in _judge(tag, start + tag.start()):
                if refusal.message not in named:  # a closing tag repeats what its opening tag said
                    named.add(refusal.message)
                    yield refusal


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts += [match.end() for match in re.finditer("\n", text)]
    return starts


def _html_snippets(tokens: list[Token], text: str, lines: list[int]) -> Iterator[tuple[str, int]]:
    """(HTML, offset in the description) for each HTML block and inline HTML markdown-it found."""
    for token in tokens:
        if token.type == "html_block" and token.map:
            origin = lines[min(token.map[0], len(lines) - 1)]
            yield token.content, max(text.find(token.content.rstrip("\n")[:40], origin), origin)
        elif token.type == "inline" and token.map and token.children:
            cursor = lines[min(token.map[0], len(lines) - 1)]
            for child in token.children:
                if child.type == "html_inline":
                    found = text.find(child.content, cursor)
                    cursor = found if found >= 0 else cursor
                    yield child.content, cursor
                    cursor += len(child.content)


def _judge(tag: re.Match[str], offset: int) -> Iterator[Refusal]:
    if tag.group(2) is None:
        yield Refusal(
            offset,
            "html-in-description",
            f"contains {tag.group()}... markup (a comment or declaration), which the page leaves out: delete it",
        )
        return
    closing, name, attributes = tag.group(1), tag.group(2).lower(), tag.group(3)
    if name not in ACCEPTED:
        yield _refused_tag(name, offset)
        return
    if closing:
        return
    found = {match.group(1).lower(): (match.group(2) or "").strip("\"'") for match in _ATTRIBUTE.finditer(attributes)}
    for attribute in found:
        if attribute not in ACCEPTED[name]:
            yield Refusal(
                offset, "html-in-description", _attribute_message(name, attribute), attribute if attribute.startswith("on") else ""
            )
    if name == "a" and not SAFE_HREF.match(found.get("href", "")):
        yield Refusal(
            offset, "html-in-description", f"<a> links must point to https:// or mailto: addresses; {shown(found.get('href', ''))} does not"
        )


def _refused_tag(name: str, offset: int) -> Refusal:
    if name in _IMAGES:
        return Refusal(
            offset, "html-in-description", f"contains an image (<{name}>), which is not shown: link to the picture instead", f"<{name}>"
        )
    if name in _NEVER_SHOWN:
        message = f"contains <{name}>, which is never shown and is removed with everything in it: delete it"
    elif name in _NOT_ON_THE_BOARD:
        message = f"contains <{name}>, which cannot be shown on the board: link to the page that has it instead"
    elif re.fullmatch(r"h[1-6]", name):
        message = f"contains an HTML heading <{name}>: write it in Markdown as ### Heading (`stint fix` converts it)"
    else:
        message = f"contains <{name}>, which the page would drop or change: write Markdown instead (`stint fix` converts pasted HTML)"
    unsafe = f"<{name}>" if name in _NEVER_SHOWN | _NOT_ON_THE_BOARD else ""
    return Refusal(offset, "html-in-description", message, unsafe)


def _attribute_message(tag: str, attribute: str) -> str:
    if attribute.startswith("on"):
        return f"<{tag}> has an event-handler attribute ({attribute}), which is never allowed: delete it"
    what = "a style attribute" if attribute == "style" else f"the attribute {attribute}"
    return f"<{tag}> has {what}, which the page drops: delete it (`stint fix` does)"


# Converting pasted HTML: structure survives (headings, lists, links, emphasis, tables),
# presentation goes (spans, styles, classes, fonts), and anything unsafe is removed first.
_KEPT = {"p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "b", "i", "code", "pre",
         "blockquote", "hr", "table", "thead", "tbody", "tr", "th", "td"}  # fmt: skip
_STRUCTURE = nh3.Cleaner(
    tags=_KEPT,
    clean_content_tags=_NEVER_SHOWN,
    attributes={"a": {"href"}},
    url_schemes={"http", "https", "mailto"},
    url_relative="deny",
    link_rel=None,
    strip_comments=True,
)
_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*(?:\n[ \t\u00a0]*)+\n")
_BOLD_HEADING = re.compile(r"^(#{1,6} )\*\*(.+)\*\*$", re.MULTILINE)  # <h3><strong>: a heading is already strong


def as_markdown(text: str) -> str:
    """The description as clean Markdown: its Markdown and HTML rendered, made safe, written back."""
    from markdownify import markdownify  # with Beautiful Soup, 0.1 s to import: every build would pay it, for a fix few need

    html = _STRUCTURE.clean(markdown_html(text))
    markdown = markdownify(html, heading_style="ATX", bullets="-", strong_em_symbol="*", escape_misc=False, newline_style="BACKSLASH")
    markdown = markdown.replace("\u00a0", " ")  # &nbsp; in pasted HTML is presentation, not meaning
    lines = "\n".join(line.rstrip(" \t") for line in markdown.split("\n"))
    return _BOLD_HEADING.sub(r"\1\2", _BLANK_LINES.sub("\n\n", lines)).strip("\n") + "\n"


def removed_by_conversion(text: str) -> list[str]:
    """What converting drops for safety, in words, for the report: the unsafe tags and attributes."""
    return list(dict.fromkeys(refusal.unsafe for refusal in refused_markup(text) if refusal.unsafe))
