"""Issue 7: no single posting file (at most 64 KiB) can make validating it, and rendering its
description, take more than a second or 200 MB. Each worst case we can build runs in a fresh
interpreter; the figures are printed (pytest -s) and written to FIGURES.

A case that breaks the bound is a defence gap: it is marked xfail with what goes wrong, and stays
in the table so its cost is on record.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT, edited

FIGURES = Path("/tmp/stint-bounded-cost.txt")
SECONDS, MEGABYTES = 1.0, 200
# The bounds are on CPU time (the worker's own), so a loaded machine does not fail them; the wall
# clock only stops a runaway case: one still running then is far over the bound, and waiting
# longer only costs time. STINT_COST_TIMEOUT=600 measures the gaps in full.
TIMEOUT = float(os.environ.get("STINT_COST_TIMEOUT", 10 * SECONDS))
DESCRIPTION = EXAMPLE[EXAMPLE.index("description: |\n") : EXAMPLE.index("duration_weeks:")]
TITLE = "title: Customer interview sprint for a budgeting app"
SUMMARY = "summary: Run and synthesise twelve customer interviews for a student budgeting app."

# Runs in a fresh interpreter: builds the validators first (a once-per-run cost), then times
# check_paths on the folder and says what it found, then times render_description on every
# accepted posting. One JSON line per phase, so a render stopped by the timeout still has figures.
WORKER = Path(__file__).parent / "workers" / "validate_and_render.py"


def with_description(body: str) -> str:
    """The example with ``body`` as its whole description (a literal block, one line per line)."""
    lines = "".join(f"  {line}\n" if line else "\n" for line in body.split("\n"))
    return edited(DESCRIPTION, f"description: |\n{lines}")


def anagram_set(count: int) -> dict[str, str]:
    """``count`` postings of one organisation whose titles share every letter in a different order:
    each pair passes the cheap duplicate filters and pays for a full difflib ratio."""
    words = ["customer", "interview", "sprint", "for", "budgeting", "app", "with", "students", "mentors", "research"]
    postings = {}
    for index in range(count):
        shuffled = sorted(words, key=lambda word: hash((word, index)) % 997)
        title = f"title: {' '.join(shuffled)}"
        postings[f"anagram-{index:04d}.yaml"] = edited(TITLE, title, edited("interview-sprint}", f"interview-sprint-{index}}}"))
    return postings


def alias_chain(levels: int) -> str:
    """Each anchor aliases the previous one twice: 2**levels strings if anything expanded it."""
    lines = ['a0: &a0 ["lol"]'] + [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def unknown_keys(count: int) -> str:
    return EXAMPLE + "".join(f"k{index:05d}: v\n" for index in range(count))


@dataclass(frozen=True)
class Worst:
    name: str
    postings: Callable[[], dict[str, str]]
    gap: str = ""

    def param(self) -> object:
        marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason=f"gap: {self.gap}")] if self.gap else []
        return pytest.param(self, id=self.name, marks=marks)


def one(text: str) -> Callable[[], dict[str, str]]:
    return lambda: {"worst-case.yaml": text}


# Python-Markdown took 13 s on 9,990 "[" and was cubic on backtick runs (about 30 min for
# 9,990); descriptions are now rendered by cmark-gfm, whose parser is linear.
LONGEST = 19_990  # characters of Markdown: the literal block adds a newline, and a description holds at most 20,000


def repeated(unit: str) -> str:
    return unit * (LONGEST // len(unit))


CASES = [
    Worst("unclosed-brackets", one(with_description(repeated("[")))),
    Worst("backtick-run", one(with_description(repeated("`")))),
    Worst("code-brackets", one(with_description(repeated("`[")))),
    Worst("image-openers", one(with_description(repeated("![")))),
    Worst("reference-openers", one(with_description(repeated("[a][")))),
    Worst("angle-brackets", one(with_description(repeated("<")))),
    Worst("emphasis", one(with_description(repeated("*a_")))),
    Worst("nested-quotes", one(with_description(repeated("> ")))),
    Worst("links", one(with_description(repeated("[a](https://a.example/) ")))),
    Worst("deep-nesting", one("title: " + "[" * 32_000 + "]" * 32_000 + "\n")),
    Worst("one-64k-line", one(edited(SUMMARY, "summary: " + "x" * 64_000))),
    Worst("thousands-of-keys", one(unknown_keys(6_000))),
    Worst("thousands-of-items", one(edited("tags: [interviews, fintech]", "tags: [" + ", ".join(["ab"] * 15_000) + "]"))),
    Worst("invisible-characters", one(with_description(repeated("\u200b\u202e\ufeff")))),
    Worst("escaped-controls", one(edited(TITLE, 'title: "' + "\\a" * 30_000 + '"'))),
    Worst("alias-bomb", one(alias_chain(2_000))),
    Worst("long-key", one(EXAMPLE + "k" * 60_000 + ": v\n")),
    # Was 3.2 s for 300 postings, 20 s for 399: every pair of one organisation's anagram titles
    # got difflib's full ratio. Each posting is now compared with at most 20 of its organisation's.
    Worst("duplicate-titles-set", lambda: anagram_set(300)),
    # Issue 15: "<" then a run of blanks was quadratic in the tag pattern (0.6 s at 10,000);
    # a 1,250-column table rendered for 4 s into 2.7 MB; reference links repeat their address.
    Worst("tag-then-spaces", one(with_description("<" + " " * (LONGEST - 1) + "x"))),
    Worst("tag-then-nbsp", one(with_description("<" + "\u00a0" * (LONGEST - 1)))),
    Worst("tag-then-newlines", one(with_description("a <" + "\n" * 3_000 + "b"))),
    Worst("title-tag-then-spaces", one(edited(TITLE, 'title: "<' + " " * 118 + '"'))),
    Worst("wide-table", one(with_description("|" + "a|" * 1_250 + "\n|" + "-|" * 1_250 + "\n" + "|x|\n" * 1_200))),
    Worst("reference-bomb", one(with_description("[a]: https://a.example/" + "x" * 200 + "\n\n" + repeated("[a]")[:9_000]))),
]


@dataclass
class Figures:
    name: str
    size: int
    outcome: str = "stopped while validating"
    validate: float | None = None
    render: float | None = None
    peak_mb: float | None = None

    @property
    def total(self) -> float | None:
        return None if self.validate is None or self.render is None else self.validate + self.render

    def row(self) -> str:
        def seconds(value: float | None) -> str:
            return f"{value:8.3f}" if value is not None else f">{TIMEOUT:7.1f}"

        peak = f"{self.peak_mb:7.1f}" if self.peak_mb is not None else "      ?"
        return (
            f"{self.name:22} {self.size:>9,} {seconds(self.validate)} {seconds(self.render)} {seconds(self.total)} {peak}  {self.outcome}"
        )


HEADER = f"{'case':22} {'bytes':>9} {'valid. s':>8} {'render s':>8} {'total s':>8} {'peak MB':>7}  outcome"
RESULTS: list[Figures] = []


@pytest.fixture(scope="module", autouse=True)
def table() -> Iterator[None]:
    yield
    text = "\n".join([f"bounded cost (limits: {SECONDS:g} s, {MEGABYTES} MB per file)", HEADER, *(r.row() for r in RESULTS)]) + "\n"
    FIGURES.write_text(text, encoding="utf-8")
    print("\n" + text + f"(also in {FIGURES})")


def _run(folder: Path) -> list[dict[str, object]]:
    """The worker's JSON lines: both phases, or only validation when the render outlives the timeout."""
    command = [sys.executable, str(WORKER), str(folder)]
    try:
        output = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT, check=True).stdout
    except subprocess.TimeoutExpired as stopped:
        output = (stopped.stdout or b"").decode()
    return [json.loads(line) for line in output.splitlines()]


def measure(worst: Worst, folder: Path) -> Figures:
    postings = worst.postings()
    for name, text in postings.items():
        (folder / name).write_text(text, encoding="utf-8")
    figures = Figures(worst.name, sum(len(text.encode()) for text in postings.values()))
    RESULTS.append(figures)
    phases = _run(folder)
    if phases:
        found = phases[0]
        figures.validate, figures.peak_mb = found["validate"], found["peak_mb"]
        figures.outcome = "accepted" if found["accepted"] else f"refused: {', '.join(found['codes'])} ({found['problems']:,})"
    if len(phases) == 2:
        figures.render, figures.peak_mb = phases[1]["render"], phases[1]["peak_mb"]
    return figures


def test_figures_are_measured_in_a_fresh_interpreter(tmp_path: Path) -> None:
    """The control: the contract example itself costs next to nothing."""
    figures = measure(Worst("contract-example", one(EXAMPLE)), tmp_path)
    assert figures.outcome == "accepted" and figures.total < 0.2 and figures.peak_mb < 100


@pytest.mark.parametrize("worst", [worst.param() for worst in CASES])
def test_one_file_costs_at_most_a_second_and_200_mb(tmp_path: Path, worst: Worst) -> None:
    figures = measure(worst, tmp_path)
    assert figures.total is not None, f"still running after {TIMEOUT:g} s: {figures.row()}"
    assert figures.total < SECONDS, figures.row()
    assert figures.peak_mb < MEGABYTES, figures.row()
