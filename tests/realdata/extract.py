"""Take the raw extracts in ``sources/`` out of the upstream repositories (maintainers only).

This is how ``sources/*/ads.json`` were made; ``convert.py`` and the tests never run it.
It needs local bare clones of the upstream repositories at the commits named in
SOURCES.md, passed as arguments::

    python tests/realdata/extract.py NUMFOCUS_GIT CDS_GIT TTS_GIT

Each record keeps only the fields the converter needs, with the text exactly as the
upstream file holds it (nothing is stripped, unescaped or normalised). JSON carries
every character, control characters included, as written.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
# Upstream posts that are a site's own test or blog pages, not job ads.
CDS_NOT_ADS = re.compile(r"test|blog|job-post--|new-job-posting|share-your-resume|apply-for-future")
# The board's own placeholders from before it opened (an "Atari" ad of 1992, "Part-time" titles).
NUMFOCUS_NOT_ADS = {
    "jobs/2008-10-05_atari.yaml",
    "jobs/2020-09-08_numfocus.yaml",
    "jobs/2020-09-08_scikit-image.yaml",
    "jobs/2020-09-09_corptec.yaml",
}
MIN_WORDS = 20  # fewer words is a CMS placeholder, not an ad
TTS_BODY_START = '<div class="desktop:grid-col-8 usa-prose" markdown="1">'


def git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-c", "core.quotepath=off", f"--git-dir={repo}", *args], check=True, capture_output=True).stdout


def history(repo: Path, pathspec: str) -> dict[str, tuple[str, str, str]]:
    """path -> (last commit holding it, date it was first added, date of that last commit)."""
    out = git(repo, "log", "--all", "--topo-order", "--format=@%H %cs", "--name-status", "--", pathspec).decode()
    last: dict[str, tuple[str, str]] = {}
    added: dict[str, str] = {}
    commit, day = "", ""
    for line in out.splitlines():
        if line.startswith("@"):
            commit, day = line[1:].split()
            continue
        if not line.strip():
            continue
        status, *paths = line.split("\t")
        path = paths[-1]
        if path not in last:  # newest first: the first sighting is the last version
            last[path] = (f"{commit}^" if status.startswith("D") else commit, day)
        if status.startswith(("A", "R", "C")):
            added[path] = day  # oldest sighting wins, as the log runs backwards
    return {path: (rev, added.get(path, day), day) for path, (rev, day) in last.items()}


def resolve(repo: Path, rev: str) -> str:
    return git(repo, "rev-parse", rev).decode().strip()


def plain(value: Any) -> Any:
    """YAML values to JSON ones: dates (YAML 1.1 typed them) back to their ISO text."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def numfocus(repo: Path) -> list[dict[str, Any]]:
    records = []
    for path, (rev, added, _) in sorted(history(repo, "jobs/*.yaml").items()):
        if not path.endswith(".yaml") or path.endswith("template.yaml") or path in NUMFOCUS_NOT_ADS:
            continue
        data = upstream_yaml(git(repo, "show", f"{rev}:{path}").decode("utf-8"), path)
        if not isinstance(data, dict):
            continue
        fields = {
            key: plain(data[key]) for key in ("entity", "title", "url", "location", "deadline", "badges", "description") if key in data
        }
        records.append({"path": path, "commit": resolve(repo, rev), "added": added, **fields})
    return records


def upstream_yaml(text: str, path: str) -> Any:
    """Upstream YAML as its own site read it, but untyped: every scalar stays its text
    (one upstream file holds an impossible date, which typing would refuse)."""
    try:
        return yaml.load(text, Loader=yaml.BaseLoader)  # BaseLoader builds only str, list and dict
    except yaml.YAMLError as error:
        print(f"skipped {path}: {error}", file=sys.stderr)
        return None


def front_matter(text: str, path: str) -> tuple[Any, str]:
    _, head, body = text.split("---\n", 2)
    return upstream_yaml(head, path), body


def cds(repo: Path) -> list[dict[str, Any]]:
    """One record per ad and language: the CMS wrote a new file whenever a title changed,
    so of the files sharing a Lever id only the newest is kept (ads without one stay)."""
    newest: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
    for path, (rev, added, changed) in sorted(history(repo, "content/*/careers/positions/*.md").items()):
        if CDS_NOT_ADS.search(path.rsplit("/", 1)[-1]):
            continue
        head, body = front_matter(git(repo, "show", f"{rev}:{path}").decode("utf-8"), path)
        if not isinstance(head, dict) or len(body.split()) < MIN_WORDS:
            continue  # unparsable upstream, or a placeholder ("Test")
        fields = {key: plain(head[key]) for key in ("title", "description", "leverId") if key in head}
        record = {"path": path, "commit": resolve(repo, rev), "added": added, **fields, "body": body}
        key = (path.split("/")[1], str(head.get("leverId") or path))
        if key not in newest or changed >= newest[key][0]:
            newest[key] = (changed, record)
    return sorted((record for _, record in newest.values()), key=lambda record: record["path"])


def tts_body(page: str) -> str:
    """The ad's own HTML on a published page: the content of the prose column, as served."""
    start = page.index(TTS_BODY_START) + len(TTS_BODY_START)
    depth = 1
    for tag in re.finditer(r"<div\b|</div>", page[start:]):
        depth += 1 if tag.group() == "<div" else -1
        if depth == 0:
            return page[start : start + tag.start()]
    raise ValueError("unclosed prose column")


def tts(repo: Path) -> list[dict[str, Any]]:
    records = []
    head = resolve(repo, "HEAD")
    for path, (_, added, _) in sorted(history(repo, "archive/*/index.html").items()):
        listing = git(repo, "ls-tree", "-r", "--name-only", head, "--", path).decode()
        if not listing.strip() or "performance-profiles" in path:
            continue  # only the pages still published at the snapshot
        page = git(repo, "show", f"{head}:{path}").decode("utf-8")
        title = re.search(r"<h1>(.*?)</h1>", page, re.S)
        if title is None or TTS_BODY_START not in page:
            continue
        records.append({"path": path, "commit": head, "added": added, "title": title.group(1), "body": tts_body(page)})
    return records[::2]  # every other page, in path order: these pages are long, and the corpus stays small


def write(name: str, records: list[dict[str, Any]]) -> None:
    folder = HERE / "sources" / name
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(records, ensure_ascii=False, indent=1, sort_keys=True)
    (folder / "ads.json").write_text(text + "\n", encoding="utf-8")
    print(f"{name}: {len(records)} ads")


def main(argv: list[str]) -> None:
    numfocus_git, cds_git, tts_git = (Path(arg) for arg in argv)
    write("numfocus-jobs-board", numfocus(numfocus_git))
    write("cds-snc-digital-canada-ca", cds(cds_git))
    write("18f-join-tts-gsa-gov", tts(tts_git))


if __name__ == "__main__":
    main(sys.argv[1:])
