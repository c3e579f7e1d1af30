"""A build either publishes a whole, valid site or leaves the old one untouched."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT, edited
from sitebuild import build, built, read, tree

NU_CHECKER = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_invalid_posting_fails_the_build_and_keeps_the_old_site(tmp_path: Path) -> None:
    listings, output = tmp_path / "listings", tmp_path / "output"
    listings.mkdir()
    (listings / "good-posting.yaml").write_text(EXAMPLE, encoding="utf-8")
    assert build(listings, output, "2026-12-01").returncode == 0
    before = tree(output)

    (listings / "broken-posting.yaml").write_text(edited("hours_per_week: 15", "hours_per_week: 50"), encoding="utf-8")
    result = build(listings, output, "2026-12-02")
    assert result.returncode != 0
    assert (
        "broken-posting.yaml:13:17: hours_per_week: 50 is out of range: must be at most 40 [out-of-range]" in result.stdout + result.stderr
    )
    assert tree(output) == before, "the previous output stays byte for byte"
    assert sorted(path.name for path in tmp_path.iterdir()) == [".output-cache", "listings", "output"], "no staging folder is left behind"


def test_a_second_build_replaces_the_output_whole(tmp_path: Path) -> None:
    listings, output = tmp_path / "listings", tmp_path / "output"
    listings.mkdir()
    (listings / "first-posting.yaml").write_text(EXAMPLE, encoding="utf-8")
    assert build(listings, output, "2026-12-01").returncode == 0
    (listings / "first-posting.yaml").rename(listings / "second-posting.yaml")
    assert build(listings, output, "2026-12-01").returncode == 0
    assert (output / "internships" / "second-posting" / "index.html").exists()
    assert not (output / "internships" / "first-posting").exists(), "nothing stale survives"


# What `pelican -r` does: one Pelican instance runs again after a failed run.
AUTORELOAD = Path(__file__).parent / "workers" / "failed_then_good_run.py"


def test_a_failed_run_leaves_nothing_for_the_next_one(tmp_path: Path) -> None:
    """Under the devserver a run that fails half-way (after the guides are written) must not
    leave its files in the staging folder for the next run to publish."""
    content, theme, output = tmp_path / "content", tmp_path / "theme", tmp_path / "output"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(ROOT / "theme", theme)
    built(ROOT / "tests" / "fixtures" / "board", output, "2026-12-01")
    env = {
        "STINT_LISTINGS": str(ROOT / "tests" / "fixtures" / "board"),
        "STINT_TODAY": "2026-12-01",
        "STINT_CACHE": str(tmp_path / "cache"),
    }
    script = [sys.executable, str(AUTORELOAD), str(ROOT / "pelicanconf.py"), str(content), str(theme), str(output)]
    result = subprocess.run(script, cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "first run failed: TemplateSyntaxError" in result.stdout
    assert not (output / "guides" / "earning-academic-credit").exists()
    assert (output / "guides" / "what-is-a-micro-internship" / "index.html").exists()


def test_drafts_are_not_published(tmp_path: Path) -> None:
    output = tmp_path / "output"
    assert build(ROOT / "listings", output, "2026-12-01").returncode == 0
    assert not list(output.rglob("*finding-your-first*")), "the draft guide is nowhere in the output"
    assert "finding-your-first" not in read(output, "guides/")


def test_text_cannot_break_out_of_markup_or_json_ld(tmp_path: Path) -> None:
    listings, output = tmp_path / "listings", tmp_path / "output"
    listings.mkdir()
    posting = edited("title: Customer interview sprint for a budgeting app", "title: Quotes \" and ' and & and 2 < 3 ok")
    posting = edited(
        "  A mentor from our product team meets you twice a week.",
        "  Code: `</script><script>alert(1)</script>` and `<!--` stay text.",
        posting,
    )
    (listings / "tricky-text.yaml").write_text(posting, encoding="utf-8")
    page = read(built(listings, output, "2026-12-01"), "internships/tricky-text/")
    assert "<script>alert(1)</script>" not in page
    assert "<title>Quotes &#34; and &#39; and &amp; and 2 &lt; 3 ok at Northwind Ledger | stint</title>" in page
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and ">" not in block
    assert json.loads(block)["title"] == "Quotes \" and ' and & and 2 < 3 ok"


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(ROOT / "listings", tmp_path_factory.mktemp("sample") / "output", "2026-11-29")


@pytest.mark.skipif(
    not shutil.which("java") or not NU_CHECKER.exists(), reason="needs Java and node_modules/vnu-jar (make test installs it)"
)
def test_every_page_is_valid_html(sample_site: Path) -> None:
    result = subprocess.run(
        ["java", "-jar", str(NU_CHECKER), "--errors-only", "--skip-non-html", "--format", "gnu", str(sample_site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-5000:]
