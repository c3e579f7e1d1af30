"""The GitHub workflows: valid, triggered as intended, least privilege, and safe with strangers' pull requests.

A pull_request_target job holds the base repository's token: it must run only the base
branch's code and read the pull request's files as data, and no event text may reach a
shell script except through the environment.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EXAMPLE, ROOT
from stint.commands.pr_comment import MARKER
from stint.contract.loading import load_text

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
        "select": {"pull-requests": "read"},
        "check": {"contents": "read", "pull-requests": "write", "statuses": "write"},
    }
    assert {name: job["permissions"] for name, job in workflow("issue-to-pr.yml")["jobs"].items()} == {
        "open-pull-request": {"contents": "write", "pull-requests": "write", "issues": "write", "actions": "write"},
        "withdraw-approval": {"issues": "write"},
    }
    assert {name: job["permissions"] for name, job in workflow("publish.yml")["jobs"].items()} == {
        "build": {"contents": "read"},
        "deploy": {"pages": "write", "id-token": "write"},
        "report": {"issues": "write"},  # only the job that writes the issue
    }


def test_triggers() -> None:
    check = workflow("validate-postings.yml")["on"]
    assert check["pull_request_target"] == {
        "types": ["opened", "synchronize", "reopened"],
        "branches": ["main"],  # a pull request into another branch gets no run with main's token
        "paths": ["listings/**"],
    }
    # main moved, in the postings or in the rules: check open pull requests again.
    assert check["push"] == {"branches": ["main"], "paths": ["listings/**", "plugins/stint/**", "schema/**"]}
    assert check["workflow_dispatch"]["inputs"]["pull-request"] == {
        "description": "The number of the pull request to check",
        "required": True,
        "type": "number",
    }
    assert set(check) == {"pull_request_target", "push", "workflow_dispatch"}
    issue = workflow("issue-to-pr.yml")
    assert issue["on"] == {"issues": {"types": ["labeled", "edited"]}}
    assert issue["jobs"]["open-pull-request"]["if"] == "github.event.action == 'labeled' && github.event.label.name == 'posting: approved'"
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
    # The pull request's commit is fetched, and only its listings/ blobs are written, as plain files.
    assert 'fetch --no-tags --depth=1 origin "$HEAD_SHA"' in text
    assert 'python .github/scripts/overlay_listings.py "$HEAD_SHA" < "$RUNNER_TEMP/changes.tsv"' in text
    assert re.findall(r"git (?:checkout|switch|restore|reset|merge|pull|rebase|worktree|cherry-pick|am|apply)\b", text) == []
    assert "pip install --quiet -e ." in text
    local = [step["uses"] for step in steps(data) if step.get("uses", "").startswith("./")]
    assert set(local) == {"./.github/actions/sticky-comment"}  # from the base checkout: the pull request's .github is never checked out


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
    assert scope["env"]["AUTHOR_ASSOCIATION"] == "${{ steps.pr.outputs.association }}"  # checked to be [A-Z_]+ when read
    assert "OWNER | MEMBER | COLLABORATOR) exit 0 ;;" in scope["run"]
    assert "$3 !~ /^listings\\//" in scope["run"]  # a rename out of listings/ counts too
    listing = step_script("validate-postings.yml", "List the pull request's changes")
    assert "previous_filename" in listing and '"$listed" -lt "$CHANGED_FILES"' in listing  # an incomplete list fails


def test_issue_body_is_data() -> None:
    data = workflow("issue-to-pr.yml")
    approval = next(step for step in steps(data) if step.get("id") == "approval")
    assert approval["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"  # the body when the label was added
    assert 'printf \'%s\\n\' "$ISSUE_BODY" > "$RUNNER_TEMP/issue.md"' in approval["run"]
    build = next(step for step in steps(data) if step.get("id") == "posting")
    assert "env" not in build and 'stint from-issue "$RUNNER_TEMP/issue.md"' in build["run"]
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
    assert re.search(hooks[0]["files"], "listings/northwind.yaml") and not re.search(hooks[0]["files"], "plugins/stint/commands/cli.py")


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


def fake_gh(folder: Path, answer: str = "") -> dict[str, str]:
    """A `gh` that records its arguments (one call a line) and prints ``answer``: GitHub's side, already through --jq."""
    bin_folder = folder / "bin"
    bin_folder.mkdir(exist_ok=True)
    (folder / "answer").write_text(answer, encoding="utf-8")
    (bin_folder / "gh").write_text('#!/bin/sh\nprintf "%s\\n" "$*" >> "$GH_CALLS"\ncat "$GH_ANSWER"\n', encoding="utf-8")
    (bin_folder / "gh").chmod(0o755)
    python = Path(sys.executable).parent  # `python` and `stint` as the workflow's runner has them
    return {
        "PATH": f"{bin_folder}:{python}:{os.environ['PATH']}",
        "GH_CALLS": str(folder / "calls"),
        "GH_ANSWER": str(folder / "answer"),
        "GH_TOKEN": "x",
        "REPO": "o/r",
        "RUNNER_TEMP": str(folder),
        "GITHUB_OUTPUT": str(folder / "output"),
    }


def calls(folder: Path) -> list[str]:
    path = folder / "calls"
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def outputs(folder: Path) -> dict[str, str]:
    path = folder / "output"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return dict(line.split("=", 1) for line in lines if "=" in line)


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def api_changes(repo: Path, base: str, head: str) -> str:
    """The pull request's files as GitHub's API lists them (against the merge base), as the step's --jq prints them."""
    status = {"A": "added", "M": "modified", "D": "removed", "R": "renamed", "T": "changed"}
    lines = []
    for line in git(repo, "diff", "--name-status", "-M", f"{base}...{head}").splitlines():
        kind, *names = line.split("\t")
        previous, name = (names[0], names[1]) if kind.startswith("R") else ("", names[0])
        lines.append(f"{status[kind[0]]}\t{name}\t{previous}\n")
    return "".join(lines)


@pytest.fixture
def moved_main(tmp_path: Path) -> dict[str, Any]:
    """A repository where main moved on after a pull request branched off, served as GitHub serves a fork's commits."""
    author = tmp_path / "author"
    author.mkdir()
    git(author, "init", "--quiet")
    overlay = (GITHUB / "scripts" / "overlay_listings.py").read_text(encoding="utf-8")
    base_files = {name: "base\n" for name in ("kept", "removed", "old-name", "untouched")}
    write(author, {f"listings/{name}.yaml": text for name, text in base_files.items()})
    write(author, {"plugins/code.py": "base\n", ".github/x.yml": "base\n", ".github/scripts/overlay_listings.py": overlay})
    base = commit_all(author, "base")
    git(author, "switch", "--quiet", "--create", "pull-request")
    (author / "listings" / "removed.yaml").unlink()
    git(author, "mv", "listings/old-name.yaml", "listings/new-name.yaml")
    write(author, {"listings/kept.yaml": "pull request\n", "listings/added.yaml": "pull request\n", "plugins/code.py": "evil\n"})
    write(author, {".github/x.yml": "evil\n", ".github/scripts/overlay_listings.py": "raise SystemExit('evil')\n"})
    head = commit_all(author, "pull request")
    git(author, "switch", "--quiet", "main")
    write(author, {"listings/merged-since.yaml": "main\n", "listings/untouched.yaml": "main, later\n"})
    main = commit_all(author, "main moves on")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(author), str(origin))
    git(origin, "update-ref", "refs/pull/1/head", head)
    git(origin, "branch", "--quiet", "-D", "pull-request")
    git(origin, "config", "uploadpack.allowReachableSHA1InWant", "true")
    checkout = tmp_path / "base"
    git(tmp_path, "clone", "--quiet", f"file://{origin}", str(checkout))
    temp = tmp_path / "temp"
    temp.mkdir()
    (temp / "changes.tsv").write_text(api_changes(author, "main~1", head), encoding="utf-8")
    return {"author": author, "origin": origin, "checkout": checkout, "head": head, "main": main, "base": base, "temp": temp}


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_pull_requests_postings_go_over_the_current_main_as_data(moved_main: dict[str, Any]) -> None:
    """Issue 12: main's listings/ now, with the pull request's changes; the code and .github stay main's."""
    checkout, temp = moved_main["checkout"], moved_main["temp"]
    env = fake_gh(temp) | {"HEAD_SHA": moved_main["head"]}
    result = bash(step_script("validate-postings.yml", "Put the pull request's postings over main's, as data"), checkout, env)
    assert result.returncode == 0, result.stderr
    listings = {path.name: path.read_text(encoding="utf-8") for path in (checkout / "listings").iterdir()}
    assert listings == {
        "added.yaml": "pull request\n",
        "kept.yaml": "pull request\n",
        "new-name.yaml": "base\n",  # renamed: the old name is gone
        "merged-since.yaml": "main\n",  # merged into main after the branch was made: checked together
        "untouched.yaml": "main, later\n",
    }
    assert (checkout / "plugins" / "code.py").read_text(encoding="utf-8") == "base\n"
    assert (checkout / ".github" / "x.yml").read_text(encoding="utf-8") == "base\n"
    assert git(checkout, "rev-parse", "HEAD") == moved_main["main"]
    assert git(checkout, "status", "--porcelain", "--", ".github", "plugins") == ""


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_link_in_the_pull_request_is_refused_not_followed(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "--quiet")
    write(repo, {"listings/a.yaml": "main\n"})
    commit_all(repo, "base")
    (repo / "listings" / "secret.yaml").symlink_to("/etc/passwd")
    head = commit_all(repo, "a link")
    git(repo, "reset", "--quiet", "--hard", "HEAD~1")
    overlay = [sys.executable, str(GITHUB / "scripts" / "overlay_listings.py"), head]
    result = subprocess.run(
        overlay, cwd=repo, input="added\tlisting/../x\t\nadded\tlistings/secret.yaml\t\n", capture_output=True, text=True
    )
    assert result.returncode == 1 and "listings/secret.yaml is not a plain file" in result.stderr
    assert not (repo / "listings" / "secret.yaml").exists() and not (repo / "x").exists()


@pytest.mark.parametrize(
    ("association", "changes", "refused"),
    [
        ("MEMBER", ["modified\tplugins/code.py\t"], False),
        ("NONE", ["added\tlistings/a.yaml\t", "modified\tlistings/b.yaml\t"], False),
        ("FIRST_TIME_CONTRIBUTOR", ["added\tlistings/a.yaml\t", "modified\t.github/workflows/x.yml\t"], True),
        ("CONTRIBUTOR", ["renamed\tlistings/a.yaml\tplugins/stint/cli.py"], True),  # a file moved into listings/
        ("NONE", ["renamed\tplugins/a.py\tlistings/a.yaml"], True),  # and out of it
    ],
)
def test_outside_contributors_are_refused_when_they_change_more_than_postings(
    tmp_path: Path, association: str, changes: list[str], refused: bool
) -> None:
    (tmp_path / "changes.tsv").write_text("".join(f"{line}\n" for line in changes), encoding="utf-8")
    env = fake_gh(tmp_path) | {"AUTHOR_ASSOCIATION": association, "HEAD_SHA": "a" * 40}
    result = bash(step_script("validate-postings.yml", "scope"), tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert (outputs(tmp_path).get("refused") == "true") is refused
    if refused:
        comment = (tmp_path / "comment.md").read_text(encoding="utf-8")
        assert comment.startswith(MARKER + "\n") and f"Checked: commit {'a' * 40}." in comment


def test_an_incomplete_file_list_fails_the_check(tmp_path: Path) -> None:
    env = fake_gh(tmp_path, "added\tlistings/a.yaml\t\n") | {"PR_NUMBER": "1", "CHANGED_FILES": "3001"}
    result = bash(step_script("validate-postings.yml", "List the pull request's changes"), tmp_path, env)
    assert result.returncode == 1 and "too large to check" in result.stdout


def test_the_comment_names_the_commit_it_checked(tmp_path: Path) -> None:
    """Item 5: the comment says which commit, over which main, so a stale green is recognisable."""
    (tmp_path / "listings").mkdir()
    (tmp_path / "listings" / "sample.yaml").write_text(EXAMPLE, encoding="utf-8")
    head, main = "1" * 40, "2" * 40
    env = fake_gh(tmp_path) | {"HEAD_SHA": head, "MAIN_SHA": main}
    result = bash(step_script("validate-postings.yml", "check"), tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert outputs(tmp_path)["status"] == "0"
    comment = (tmp_path / "comment.md").read_text(encoding="utf-8").splitlines()
    assert comment[0] == MARKER  # the sticky comment finds it by its first line
    assert f"Checked: commit {head} of this pull request, over `main` at {main}." in comment
    assert any("All postings are valid" in line for line in comment)


def test_a_failure_to_read_the_pull_request_replaces_an_earlier_result(tmp_path: Path) -> None:
    check = workflow("validate-postings.yml")["jobs"]["check"]["steps"]
    names = [step["name"] for step in check]
    say, replace = names.index("Say that the check could not run"), names.index("Replace any earlier result with the failure")
    assert names.index("Comment on the pull request") < say < replace  # it overwrites whatever this run or an earlier one said
    assert check[say]["if"] == "failure()" and check[replace]["if"] == "failure()"
    assert check[replace]["uses"] == "./.github/actions/sticky-comment"
    assert check[replace]["with"]["body-file"] == "${{ runner.temp }}/comment.md"
    env = fake_gh(tmp_path) | {"HEAD_SHA": ""}  # the pull request itself could not be read
    assert bash(step_script("validate-postings.yml", "Say that the check could not run"), tmp_path, env).returncode == 0
    comment = (tmp_path / "comment.md").read_text(encoding="utf-8")
    assert comment.startswith(MARKER + "\n### ❌") and "no result stands" in comment


@pytest.mark.parametrize(
    ("refused", "status", "state"), [("", "0", "success"), ("", "1", "failure"), ("true", "", "failure"), ("", "", "failure")]
)
def test_the_result_is_a_commit_status_on_the_head(tmp_path: Path, refused: str, status: str, state: str) -> None:
    env = fake_gh(tmp_path) | {"HEAD_SHA": "3" * 40, "REFUSED": refused, "STATUS": status, "RUN_URL": "https://example.org/run"}
    assert bash(step_script("validate-postings.yml", "Report the result on the commit"), tmp_path, env).returncode == 0
    (call,) = calls(tmp_path)
    assert call.startswith(f"api --method POST repos/o/r/statuses/{'3' * 40} -f state={state} -f context=stint / postings")


@pytest.mark.parametrize(
    ("event", "values", "answer", "numbers"),
    [
        ("pull_request_target", {"EVENT_PR": "7"}, "", "[7]"),
        ("workflow_dispatch", {"INPUT_PR": "12"}, "", "[12]"),
        ("push", {}, "[3,5]", "[3,5]"),  # every open pull request touching listings/, against the new main
        ("push", {}, "[]", "[]"),
        ("workflow_dispatch", {"INPUT_PR": "1] ; echo x"}, "", None),  # anything but numbers stops the run
    ],
)
def test_which_pull_requests_are_checked(tmp_path: Path, event: str, values: dict[str, str], answer: str, numbers: str | None) -> None:
    env = fake_gh(tmp_path, answer + "\n") | {"EVENT": event, **values}
    result = bash(step_script("validate-postings.yml", "select"), tmp_path, env)
    assert (result.returncode == 0) is (numbers is not None)
    assert outputs(tmp_path).get("numbers") == numbers
    if event == "push":
        assert calls(tmp_path)[0].startswith("pr list --repo o/r --base main --state open")


def test_the_check_job_runs_per_pull_request_with_its_own_concurrency() -> None:
    job = workflow("validate-postings.yml")["jobs"]["check"]
    assert job["strategy"]["matrix"] == {"pull-request": "${{ fromJSON(needs.select.outputs.numbers) }}"}
    assert job["concurrency"] == {"group": "check-postings-${{ matrix.pull-request }}", "cancel-in-progress": True}
    assert job["if"] == "needs.select.outputs.numbers != '[]'"


# Item 5: caches. A workflow running in the default branch's context (pull_request_target,
# issues) can write caches every workflow reads: none of them caches anything. Only the publish
# job keeps one, the build cache and the last site, and only a build of main saves it.


@pytest.mark.parametrize("path", [path for path in WORKFLOWS if path.name != "publish.yml"], ids=lambda path: path.name)
def test_no_other_workflow_reads_or_writes_the_build_cache(path: Path) -> None:
    """The link checker keeps its memory in a cache of its own, under a key the build never restores."""
    for step in steps(load(path)):
        if step.get("uses", "").startswith(("actions/cache@", "actions/cache/")):
            assert path.name == "check-links.yml", step
            assert step["with"]["key"].startswith("stint-links-") and step["with"].get("restore-keys", "stint-links-") == "stint-links-"
        assert "cache" not in step.get("with", {}), step  # setup-python's pip cache included


def test_only_the_publish_build_of_main_keeps_the_build_cache() -> None:
    jobs = workflow("publish.yml")["jobs"]
    cached = {
        name: [step for step in job.get("steps", []) if step.get("uses", "").startswith("actions/cache")] for name, job in jobs.items()
    }
    restore, save = cached.pop("build")
    assert all(found == [] for found in cached.values())
    assert restore["uses"].startswith("actions/cache/restore@") and save["uses"].startswith("actions/cache/save@")
    assert save["if"] == "github.ref == 'refs/heads/main'"
    for step in (restore, save):
        assert step["with"]["path"].split() == [".stint-cache", "output"]  # the last site is the build's previous output
        for covered in ("plugins/**", "theme/**", "schema/**", "requirements/publish.txt"):
            assert covered in step["with"]["key"]
    assert restore["with"]["restore-keys"].split()[-1] == "stint-build-"  # an older key is safe: entries are keyed by content
    names = [step.get("name") for step in steps(workflow("publish.yml"))]
    assert names.index(restore["name"]) < names.index("Build with publishconf.py") < names.index(save["name"])
    assert all("cache" not in step.get("with", {}) for step in steps(workflow("publish.yml")))


# Item 4: the approval holds for the text the editor approved.


@pytest.mark.parametrize(("current", "edited"), [("Title\nbody\n", "false"), ("Title\nbody, edited after approval\n", "true")])
def test_the_approval_is_bound_to_the_body_the_label_event_carried(tmp_path: Path, current: str, edited: str) -> None:
    env = fake_gh(tmp_path, current) | {"ISSUE_BODY": "Title\nbody", "ISSUE_NUMBER": "4"}
    result = bash(step_script("issue-to-pr.yml", "approval"), ROOT, env)  # the default branch's checkout
    assert result.returncode == 0, result.stderr
    assert calls(tmp_path) == ['api repos/o/r/issues/4 --jq .body // ""']  # read again, after the label
    assert outputs(tmp_path) == {"digest": hashlib.sha256(b"Title\nbody\n").hexdigest(), "edited": edited}


def test_an_edited_issue_builds_nothing_and_loses_its_label() -> None:
    job = workflow("issue-to-pr.yml")["jobs"]["open-pull-request"]
    by_id = {step.get("id") or step["name"]: step for step in job["steps"]}
    assert by_id["posting"]["if"] == "steps.approval.outputs.edited == 'false'"
    assert by_id["open"]["if"].startswith("steps.approval.outputs.edited == 'false'")
    label = by_id["Take the label off until the issue is fixed"]
    assert label["if"].startswith("steps.approval.outputs.edited == 'true'") and "--remove-label" in label["run"]
    # The pull request names the text it was built from.
    assert by_id["open"]["env"]["BODY_SHA256"] == "${{ steps.approval.outputs.digest }}"
    assert "SHA-256 \\`$BODY_SHA256\\`" in by_id["open"]["run"]


def test_an_edit_after_approval_withdraws_it() -> None:
    job = workflow("issue-to-pr.yml")["jobs"]["withdraw-approval"]
    assert job["if"] == (
        "github.event.action == 'edited' && github.event.changes.body && contains(github.event.issue.labels.*.name, 'posting: approved')"
    )
    script = job["steps"][0]["run"]
    assert 'gh issue edit "$ISSUE_NUMBER" --repo "$REPO" --remove-label "posting: approved"' in script


def test_pull_requests_opened_by_the_workflow_get_the_check() -> None:
    """A pull request opened with the workflow token starts no workflow; a workflow_dispatch does (no PAT needed)."""
    script = step_script("issue-to-pr.yml", "open")
    assert 'gh workflow run validate-postings.yml --repo "$REPO" --ref "$DEFAULT_BRANCH" -f pull-request="$number"' in script
    assert "workflow_dispatch" in workflow("validate-postings.yml")["on"]


# Issue 12: the board never freezes. The build deploys the rest and reports what it left out.

REPORT_SCRIPT = GITHUB / "scripts" / "build_report_issue.py"


def run_report(tmp_path: Path, report: object) -> tuple[subprocess.CompletedProcess[str], str]:
    (tmp_path / "build-report.json").write_text(json.dumps(report), encoding="utf-8")
    command = [sys.executable, str(REPORT_SCRIPT), str(tmp_path / "build-report.json"), str(tmp_path / "body.md")]
    result = subprocess.run(command, capture_output=True, text=True)
    body = (tmp_path / "body.md").read_text(encoding="utf-8") if (tmp_path / "body.md").exists() else ""
    return result, body


def test_the_report_issue_escapes_posting_text(tmp_path: Path) -> None:
    problem = {"file": "listings/x.yaml", "line": 3, "column": 9, "field": "title", "code": "html-in-text", "severity": "error"}
    problem["message"] = "<img src=x onerror=alert(1)> @maintainers [win](javascript:alert(1)) **bold**"
    report = {"version": 1, "left_out": [{"file": "listings/<b>x</b>.yaml", "problems": [problem]}]}
    result, body = run_report(tmp_path, report)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "left_out=1\n"
    assert body.startswith("<!-- stint-build-report -->\n### 1 posting left out of the site\n")
    for escaped in ("\\<b\\>x\\</b\\>", "\\<img src=x onerror=alert\\(1\\)\\>", "\\[win\\]\\(javascript\\:", "\\*\\*bold\\*\\*"):
        assert escaped in body  # shown as the characters written
    assert "<b>" not in body and re.search(r"(?<!\\)<img", body) is None and "[win](" not in body and " **bold**" not in body
    assert "@\u2060maintainers" in body and "@maintainers" not in body
    assert "\\<img src=x onerror=alert\\(1\\)\\>" in body


def test_an_empty_report_means_no_issue_and_a_bad_one_fails(tmp_path: Path) -> None:
    result, body = run_report(tmp_path, {"version": 1, "left_out": []})
    assert (result.returncode, result.stdout, body) == (0, "left_out=0\n", "")
    result, _ = run_report(tmp_path, {"version": 2, "left_out": []})
    assert result.returncode == 1 and "cannot be read" in result.stderr


@pytest.mark.parametrize(
    ("body", "existing", "expected", "code"),
    [
        ("listed\n", "", "issue create --repo o/r --title Postings left out of the site --label build: postings left out", 1),
        ("listed\n", "17", "issue edit 17 --repo o/r --body-file", 1),
        ("", "17", "issue close 17 --repo o/r --comment Every posting is on the site again", 0),
        ("", "", None, 0),
    ],
)
def test_the_report_opens_updates_or_closes_one_issue(tmp_path: Path, body: str, existing: str, expected: str | None, code: int) -> None:
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "build-report.md").write_text(body, encoding="utf-8")
    env = fake_gh(tmp_path, existing) | {"RUN_URL": "https://example.org/run"}
    result = bash(step_script("publish.yml", "Open, update or close the issue"), tmp_path, env)
    assert result.returncode == code, result.stderr
    made = calls(tmp_path)
    assert made[0].startswith("issue list --repo o/r --label build: postings left out --author app/github-actions --state open")
    if expected:
        assert any(call.startswith(expected) for call in made), made
    else:
        assert made[1:] == []
    if code:
        assert "::error::" in result.stdout  # the run fails visibly, after the deploy


def test_the_rest_is_deployed_before_the_run_fails() -> None:
    data = workflow("publish.yml")
    report = data["jobs"]["report"]
    assert report["needs"] == ["build", "deploy"] and report["if"] == "always() && needs.build.result == 'success'"
    build = data["jobs"]["build"]["steps"]
    names = [step["name"] for step in build]
    assert names.index("Build with publishconf.py") < names.index("Read the build report") < names.index("Upload the site")
    assert "build_report_issue.py build-report.json" in step_script("publish.yml", "Read the build report")
    # The report's text reaches the issue as a file: no expression anywhere carries it.
    text = (GITHUB / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert "steps.report" not in text and "needs.build.outputs" not in text


GH_FOR_PULL_REQUESTS = """#!/bin/sh
printf '%s\\n' "$*" >> "$GH_CALLS"
case "$*" in
  "pr view posting/issue-4 --json number") [ -f "$GH_STATE" ] ;;  # no pull request until one is created
  "pr create "*) touch "$GH_STATE" ;;
  *"--jq .number") echo 9 ;;
  *"--jq .url") echo https://github.com/o/r/pull/9 ;;
esac
"""


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_pull_request_quotes_the_approved_text_and_starts_its_check(tmp_path: Path) -> None:
    """The step for real: a branch pushed to a real remote, the pull request opened, the check dispatched."""
    author = tmp_path / "author"
    author.mkdir()
    git(author, "init", "--quiet")
    write(author, {"listings/kept.yaml": "main\n"})
    commit_all(author, "main")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(author), str(origin))
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "--quiet", str(origin), str(checkout))
    write(checkout, {"listings/new-posting.yaml": "from the issue\n"})  # what stint from-issue wrote
    env = fake_gh(tmp_path) | {"GH_STATE": str(tmp_path / "pull-request-exists"), "POSTING": "listings/new-posting.yaml"}
    (tmp_path / "bin" / "gh").write_text(GH_FOR_PULL_REQUESTS, encoding="utf-8")
    digest = hashlib.sha256(b"the approved body\n").hexdigest()
    env |= {"ISSUE_NUMBER": "4", "DEFAULT_BRANCH": "main", "APPROVED_BY": "editor", "BODY_SHA256": digest, "HOME": str(tmp_path)}
    result = bash(step_script("issue-to-pr.yml", "open"), checkout, env)
    assert result.returncode == 0, result.stderr
    message = git(origin, "log", "-1", "--format=%B", "posting/issue-4")
    assert f"Built from the issue body with SHA-256 {digest}, as approved by @editor." in message
    assert git(origin, "show", "posting/issue-4:listings/new-posting.yaml") == "from the issue"
    made = calls(tmp_path)
    create = "\n".join(made).split("pr create --base main --head posting/issue-4", 1)[1].split("\npr view", 1)[0]  # the body spans lines
    assert f"SHA-256 `{digest}`" in create and "@editor added the label" in create
    assert made[-1] == "workflow run validate-postings.yml --repo o/r --ref main -f pull-request=9"  # its check starts
    assert (tmp_path / "comment.md").read_text(encoding="utf-8").startswith("<!-- stint-from-issue -->\n### ✅ Pull request opened")
