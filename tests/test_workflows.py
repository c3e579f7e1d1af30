"""The GitHub workflows: valid, triggered as intended, least privilege, and safe with strangers' pull requests.

A pull_request_target job holds the base repository's token: it must run only the base
branch's code and read the pull request's files as data, and no event text may reach a
shell script except through the environment.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from stint.cli import MARKER
from stint.loading import load_text

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ACTIONS = sorted((GITHUB / "actions").glob("*/action.yml"))


def load(path: Path) -> dict[str, Any]:
    """YAML 1.2, as GitHub reads it (``on`` is a key, not true); duplicate keys refused."""
    document = load_text(path.read_text(encoding="utf-8"), path.name)
    assert document.problems == [], document.problems
    return document.data


def workflow(name: str) -> dict[str, Any]:
    return load(GITHUB / "workflows" / name)


def steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    if "runs" in data:
        return data["runs"]["steps"]
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def scripts(data: dict[str, Any]) -> list[str]:
    return [step["run"] for step in steps(data) if "run" in step]


def test_the_workflows_are_there() -> None:
    assert [path.name for path in WORKFLOWS] == ["check-links.yml", "issue-to-pr.yml", "publish.yml", "validate-postings.yml"]


@pytest.mark.parametrize("path", [*WORKFLOWS, *ACTIONS], ids=lambda path: path.parent.name + "/" + path.name)
def test_valid_for_github(path: Path) -> None:
    vendor = pytest.importorskip("check_jsonschema.builtin_schemas.vendor")
    from jsonschema import Draft7Validator

    schema = "github-actions.json" if path.name == "action.yml" else "github-workflows.json"
    validator = Draft7Validator(json.loads(files(vendor).joinpath(schema).read_text(encoding="utf-8")))
    assert [error.message for error in validator.iter_errors(load(path))] == []


@pytest.mark.parametrize("path", [*WORKFLOWS, *ACTIONS], ids=lambda path: path.parent.name + "/" + path.name)
def test_no_expression_inside_a_script(path: Path) -> None:
    """Event text (titles, bodies, branch names) would be pasted into the shell: values go through env."""
    for script in scripts(load(path)):
        assert "${{" not in script


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_least_privilege(path: Path) -> None:
    data = load(path)
    assert data["permissions"] == {}  # nothing by default: each job asks for what it needs
    assert "secrets." not in path.read_text(encoding="utf-8")


def test_permissions_of_each_job() -> None:
    assert {name: job["permissions"] for name, job in workflow("validate-postings.yml")["jobs"].items()} == {
        "check": {"contents": "read", "pull-requests": "write"}
    }
    assert {name: job["permissions"] for name, job in workflow("issue-to-pr.yml")["jobs"].items()} == {
        "open-pull-request": {"contents": "write", "pull-requests": "write", "issues": "write"}
    }
    assert {name: job["permissions"] for name, job in workflow("publish.yml")["jobs"].items()} == {
        "build": {"contents": "read"},
        "deploy": {"pages": "write", "id-token": "write"},
    }


def test_triggers() -> None:
    assert workflow("validate-postings.yml")["on"] == {
        "pull_request_target": {"types": ["opened", "synchronize", "reopened"], "paths": ["listings/**"]}
    }
    issue = workflow("issue-to-pr.yml")
    assert issue["on"] == {"issues": {"types": ["labeled"]}}
    assert issue["jobs"]["open-pull-request"]["if"] == "github.event.label.name == 'posting: approved'"
    publish = workflow("publish.yml")["on"]
    assert set(publish) == {"push", "schedule", "workflow_dispatch"}
    assert publish["push"] == {"branches": ["main"]}
    assert len(publish["schedule"]) == 1 and re.fullmatch(r"\d+ \d+ \* \* \*", publish["schedule"][0]["cron"])  # daily


def test_pull_requests_run_only_the_base_branchs_code() -> None:
    data = workflow("validate-postings.yml")
    checkouts = [step for step in steps(data) if step.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == 1
    assert checkouts[0]["with"] == {"persist-credentials": False}  # no ref, no repository: the base branch
    text = "\n".join(scripts(data))
    # The pull request's commit is fetched, and only its listings/ files come into the working tree.
    assert 'fetch --no-tags --depth=1 origin "$HEAD_SHA"' in text
    assert re.findall(r"git (?:checkout|switch|restore|reset|merge|pull|rebase|worktree|cherry-pick|am|apply)\b[^\n]*", text) == [
        "git checkout FETCH_HEAD -- listings/ ;; # files only: HEAD, the code and .github stay the base branch's"
    ]
    assert "pip install --quiet -e ." in text
    local = [step["uses"] for step in steps(data) if step.get("uses", "").startswith("./")]
    assert local == ["./.github/actions/sticky-comment"]  # from the base checkout: the pull request's .github is never checked out


def test_pull_request_check_annotates_and_comments_once() -> None:
    data = workflow("validate-postings.yml")
    text = "\n".join(scripts(data))
    assert "stint validate --format github listings" in text  # escaped annotations (see test_cli)
    assert "stint validate --format markdown listings" in text  # the comment, which starts with the marker
    assert f"echo '{MARKER}'" in text  # the refusal comment replaces the same comment
    sticky = load(GITHUB / "actions" / "sticky-comment" / "action.yml")
    script = scripts(sticky)[0]
    assert 'select(.user.login == "github-actions[bot]")' in script and "--method PATCH" in script


def test_outside_contributors_may_change_postings_only() -> None:
    scope = next(step for step in steps(workflow("validate-postings.yml")) if step.get("id") == "scope")
    assert scope["env"]["AUTHOR_ASSOCIATION"] == "${{ github.event.pull_request.author_association }}"
    assert "OWNER | MEMBER | COLLABORATOR) exit 0 ;;" in scope["run"]
    assert "previous_filename" in scope["run"]  # a rename out of listings/ counts too
    assert "/^listings\\//" in scope["run"]


def test_issue_body_is_data() -> None:
    data = workflow("issue-to-pr.yml")
    build = next(step for step in steps(data) if step.get("id") == "posting")
    assert build["env"] == {"ISSUE_BODY": "${{ github.event.issue.body }}"}
    assert 'printf \'%s\\n\' "$ISSUE_BODY" > "$RUNNER_TEMP/issue.md"' in build["run"]
    assert 'stint from-issue "$RUNNER_TEMP/issue.md"' in build["run"]
    checkout = next(step for step in steps(data) if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"persist-credentials": False}  # the default branch; the token only for the push


def test_publish_builds_with_publishconf_and_deploys_to_pages() -> None:
    data = workflow("publish.yml")
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    make = next(step for step in build["steps"] if step.get("run") == "make publish")
    assert make["env"] == {"STINT_SITEURL": "${{ steps.pages.outputs.base_url }}"}
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"] + deploy["steps"]]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\npublish:", 1)[1].split("\n\n")[0]
    assert "-s $(PUBLISHCONF)" in recipe


def test_pre_commit_hook() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))  # as pre-commit reads it
    assert hooks == [
        {
            "id": "stint-validate",
            "name": "stint validate (every posting in listings/)",
            "description": "Check every posting against the posting contract, as the pull-request check does.",
            "entry": "stint validate",
            "language": "python",
            "files": "^listings/",
            "pass_filenames": False,
        }
    ]
    assert re.search(hooks[0]["files"], "listings/northwind.yaml") and not re.search(hooks[0]["files"], "plugins/stint/cli.py")


# The pull-request check's shell steps, run for real against local repositories.


def step_script(name: str, step_id_or_name: str) -> str:
    return next(step["run"] for step in steps(workflow(name)) if step_id_or_name in (step.get("id"), step.get("name")))


def bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-e", "-c", script], cwd=cwd, env={"PATH": os.environ["PATH"], **env}, capture_output=True, text=True)


def git(cwd: Path, *args: str) -> str:
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"]
    return subprocess.run(["git", *identity, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_pull_requests_listings_arrive_as_data_only(tmp_path: Path) -> None:
    """Base checkout, then the step: listings/ becomes the pull request's, everything else stays the base's."""
    author = tmp_path / "author"
    author.mkdir()
    git(author, "init", "--quiet")
    write(
        author, {"listings/kept.yaml": "base\n", "listings/removed.yaml": "base\n", "plugins/code.py": "base\n", ".github/x.yml": "base\n"}
    )
    git(author, "add", "-A")
    git(author, "commit", "--quiet", "-m", "base")
    (author / "listings" / "removed.yaml").unlink()
    write(author, {"listings/kept.yaml": "pull request\n", "listings/added.yaml": "pull request\n", "plugins/code.py": "evil\n"})
    write(author, {".github/x.yml": "evil\n"})
    git(author, "add", "-A")
    git(author, "commit", "--quiet", "-m", "pull request")
    head = git(author, "rev-parse", "HEAD")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(author), str(origin))
    git(origin, "update-ref", "refs/pull/1/head", head)  # as GitHub keeps a fork's commits
    git(origin, "update-ref", "refs/heads/main", f"{head}~1")
    git(origin, "config", "uploadpack.allowReachableSHA1InWant", "true")
    base = tmp_path / "base"
    git(tmp_path, "clone", "--quiet", f"file://{origin}", str(base))
    result = bash(
        step_script("validate-postings.yml", "Take the pull request's listings/ as data"), base, {"HEAD_SHA": head, "GH_TOKEN": "x"}
    )
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in (base / "listings").iterdir()) == ["added.yaml", "kept.yaml"]
    assert (base / "listings" / "kept.yaml").read_text(encoding="utf-8") == "pull request\n"
    assert (base / "plugins" / "code.py").read_text(encoding="utf-8") == "base\n"
    assert (base / ".github" / "x.yml").read_text(encoding="utf-8") == "base\n"
    assert git(base, "rev-parse", "HEAD") == git(origin, "rev-parse", "main")


@pytest.mark.parametrize(
    ("association", "files", "changed", "refused"),
    [
        ("MEMBER", ["plugins/code.py\tlistings/"], 1, False),
        ("NONE", ["listings/a.yaml\tlistings/", "listings/b.yaml\tlistings/"], 2, False),
        ("FIRST_TIME_CONTRIBUTOR", ["listings/a.yaml\tlistings/", ".github/workflows/x.yml\tlistings/"], 2, True),
        ("CONTRIBUTOR", ["listings/a.yaml\tplugins/stint/cli.py"], 1, True),  # a file moved into listings/
        ("NONE", ["listings/a.yaml\tlistings/"], 3001, True),  # more files than the API lists: cannot be checked
    ],
)
def test_outside_contributors_are_refused_when_they_change_more_than_postings(
    tmp_path: Path, association: str, files: list[str], changed: int, refused: bool
) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "gh").write_text('#!/bin/sh\ncat "$FAKE_FILES"\n', encoding="utf-8")  # GitHub's answer, already through --jq
    (fake / "gh").chmod(0o755)
    (tmp_path / "answer.tsv").write_text("".join(f"{line}\n" for line in files), encoding="utf-8")
    env = {"AUTHOR_ASSOCIATION": association, "CHANGED_FILES": str(changed), "REPO": "o/r", "PR_NUMBER": "1", "GH_TOKEN": "x"}
    env |= {"RUNNER_TEMP": str(tmp_path), "GITHUB_OUTPUT": str(tmp_path / "output"), "FAKE_FILES": str(tmp_path / "answer.tsv")}
    env["PATH"] = f"{fake}:{os.environ['PATH']}"
    result = bash(step_script("validate-postings.yml", "scope"), tmp_path, env)
    assert result.returncode == 0, result.stderr
    output = (tmp_path / "output").read_text(encoding="utf-8") if (tmp_path / "output").exists() else ""
    assert ("refused=true" in output) is refused
    if refused:
        assert (tmp_path / "comment.md").read_text(encoding="utf-8").startswith(MARKER + "\n")
