"""The daily link-check workflow: least privilege, memory in the cache, page text only in files,
and one closing pull request on its own branch, never a push to main. Its shell step is run for
real against a local repository, with a stand-in for the gh command line."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from test_workflows import bash, git, scripts, step_script, steps, workflow, write

NAME = "check-links.yml"
BRANCH = "stint/close-dead-links"


def test_runs_daily_with_least_privilege() -> None:
    data = workflow(NAME)
    assert set(data["on"]) == {"schedule", "workflow_dispatch"}  # never on a pull request: no stranger's code or text
    assert len(data["on"]["schedule"]) == 1 and re.fullmatch(r"\d+ \d+ \* \* \*", data["on"]["schedule"][0]["cron"])
    assert data["permissions"] == {}
    assert {name: job["permissions"] for name, job in data["jobs"].items()} == {
        "check-links": {"contents": "write", "pull-requests": "write"}
    }
    checkout = next(step for step in steps(data) if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"persist-credentials": False}


def test_the_memory_is_kept_in_the_actions_cache_not_in_a_commit() -> None:
    data = workflow(NAME)
    restore = next(step for step in steps(data) if step.get("uses", "").startswith("actions/cache/restore@"))
    save = next(step for step in steps(data) if step.get("uses", "").startswith("actions/cache/save@"))
    assert restore["with"]["path"] == save["with"]["path"] == ".stint-links"
    assert restore["with"]["key"] == save["with"]["key"] == "stint-links-${{ github.run_id }}"  # a new entry each run
    assert restore["with"]["restore-keys"] == "stint-links-"  # the newest earlier one
    assert "--state .stint-links/state.json" in step_script(NAME, "check")
    assert ".stint-links" not in step_script(NAME, "pull-request")  # never committed
    assert re.fullmatch(r"[0-9a-f]{40}", restore["uses"].split("@")[1])  # actions pinned by commit


def test_page_text_reaches_only_files() -> None:
    text = "\n".join(scripts(workflow(NAME)))
    assert "${{" not in text
    assert '--format markdown > "$RUNNER_TEMP/body.md"' in text
    uses_of_body = re.findall(r"[^\n]*body\.md[^\n]*", text)
    assert all('> "$RUNNER_TEMP/body.md"' in line or '--body-file "$RUNNER_TEMP/body.md"' in line for line in uses_of_body)
    assert "links.json" not in step_script(NAME, "pull-request")  # the report (page text) is never read by the shell


def fake_gh(tmp_path: Path, open_pull_requests: int) -> dict[str, str]:
    """A gh that records its arguments and answers `pr list` with the number of open pull requests."""
    fake = tmp_path / "bin"
    fake.mkdir()
    script = f'#!/bin/sh\necho "$*" >> "{tmp_path}/gh.log"\ncase "$*" in "pr list"*) echo {open_pull_requests} ;; esac\n'
    (fake / "gh").write_text(script, encoding="utf-8")
    (fake / "gh").chmod(0o755)
    return {"PATH": f"{fake}:{os.environ['PATH']}"}


def repository(tmp_path: Path) -> tuple[Path, Path]:
    """An origin with main, and a checkout of it as the workflow has."""
    author = tmp_path / "author"
    author.mkdir()
    git(author, "init", "--quiet")
    write(author, {"listings/a.yaml": "title: a\n", "listings/b.yaml": "title: b\n"})
    git(author, "add", "-A")
    git(author, "commit", "--quiet", "-m", "base")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(author), str(origin))
    work = tmp_path / "work"
    git(tmp_path, "clone", "--quiet", f"file://{origin}", str(work))
    return origin, work


def environment(tmp_path: Path, open_pull_requests: int) -> dict[str, str]:
    (tmp_path / "temp").mkdir(exist_ok=True)
    (tmp_path / "temp" / "body.md").write_text("<!-- stint-check-links -->\n", encoding="utf-8")
    return {"GH_TOKEN": "x", "DEFAULT_BRANCH": "main", "RUNNER_TEMP": str(tmp_path / "temp"), "HOME": str(tmp_path)} | fake_gh(
        tmp_path, open_pull_requests
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_closures_go_to_one_branch_and_one_new_pull_request(tmp_path: Path) -> None:
    origin, work = repository(tmp_path)
    (work / "listings" / "a.yaml").write_text("title: a\nclosed: true\nclosed_reason: link-dead\n", encoding="utf-8")
    result = bash(step_script(NAME, "pull-request"), work, environment(tmp_path, open_pull_requests=0))
    assert result.returncode == 0, result.stderr
    assert git(origin, "log", "--format=%s", "main") == "base"  # main untouched
    assert git(origin, "show", f"{BRANCH}:listings/a.yaml").endswith("closed_reason: link-dead")
    assert git(origin, "log", "--format=%s", "-1", BRANCH) == "Close 1 posting(s) whose apply link failed on two checks a day apart"
    calls = (tmp_path / "gh.log").read_text(encoding="utf-8")
    assert f"pr create --base main --head {BRANCH}" in calls and f"--body-file {tmp_path}/temp/body.md" in calls


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_an_open_pull_request_is_updated_not_duplicated(tmp_path: Path) -> None:
    _origin, work = repository(tmp_path)
    (work / "listings" / "b.yaml").write_text("title: b\nclosed: true\nclosed_reason: filled\n", encoding="utf-8")
    result = bash(step_script(NAME, "pull-request"), work, environment(tmp_path, open_pull_requests=1))
    assert result.returncode == 0, result.stderr
    calls = (tmp_path / "gh.log").read_text(encoding="utf-8")
    assert "pr create" not in calls and f"pr edit {BRANCH}" in calls and "--body-file" in calls


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_nothing_confirmed_closes_the_stale_pull_request(tmp_path: Path) -> None:
    origin, work = repository(tmp_path)
    result = bash(step_script(NAME, "pull-request"), work, environment(tmp_path, open_pull_requests=1))
    assert result.returncode == 0, result.stderr
    assert f"pr close {BRANCH} --delete-branch" in (tmp_path / "gh.log").read_text(encoding="utf-8")
    assert git(origin, "branch", "--list", BRANCH) == ""
