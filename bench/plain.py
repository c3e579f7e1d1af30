"""The same postings as plain Markdown articles, for plain Pelican to build."""

from __future__ import annotations

from pathlib import Path

from stint.board.posting import Posting
from stint.contract.loading import load_file


def article(posting: Posting) -> str:
    facts = [
        f"- Organisation: {posting.organization}",
        f"- Pay: {posting.pay.text()}",
        f"- Length: {posting.duration_text}, {posting.hours_text}",
        f"- Where: {posting.location.text()}",
        f"- Apply by: {posting.apply_by.isoformat()}",
    ]
    return (
        f"Title: {posting.title}\nDate: {posting.posted.isoformat()}\nCategory: {posting.fields[0]}\n"
        f"Tags: {', '.join(posting.fields + posting.tags)}\nSlug: {posting.slug}\nSummary: {posting.summary}\n\n"
        f"{posting.description}\n\n" + "\n".join(facts) + "\n"
    )


def write_plain_content(listings: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(listings.glob("*.yaml")):
        data = load_file(path.read_bytes(), path.name).data
        (folder / f"{path.stem}.md").write_text(article(Posting.from_mapping(path.stem, data)), encoding="utf-8")
    return folder
