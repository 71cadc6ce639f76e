"""The CI files, read as YAML: the pull-request data check and the code tests run on the right
paths, publishing runs after a merge, and every `giaitrinh` command and `make` target they name
exists. The pre-commit hook's entry runs and fails exactly on a broken record."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT

from generator.cli import parser

WORKFLOWS = ROOT / ".github" / "workflows"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def commands(text: str) -> list[list[str]]:
    """Every `giaitrinh …` and `make …` command line in a script."""
    out = []
    for line in text.splitlines():
        for m in re.finditer(r"\b(giaitrinh|make) ([^|&;>]*)", line):
            out.append([m.group(1), *shlex.split(m.group(2).replace("$(", "").replace(")", ""))])
    return out


def all_scripts() -> str:
    """What the CI runs: every step's `run` of the GitHub workflows, every job's `script` on GitLab."""
    runs = [step.get("run", "") for p in sorted(WORKFLOWS.glob("*.yml"))
            for job in workflow(p.name)["jobs"].values() for step in job.get("steps", [])]
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    runs += [line for job in gitlab.values() if isinstance(job, dict) for line in job.get("script", [])]
    return "\n".join(runs)


def test_data_check_runs_on_data_and_content_only_without_a_browser():
    wf = workflow("data-check.yml")
    assert wf["on"] == {"pull_request": {"paths": ["data/**", "content/**"]}}
    assert wf["permissions"] == {"contents": "read", "pull-requests": "write"}
    steps = wf["jobs"]["data-check"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "make test" not in runs and "chromium" not in runs.lower()
    assert 'giaitrinh validate --format github --changed-from "origin/${{ github.base_ref }}"' in runs
    assert "giaitrinh build --out site" in runs
    assert 'cat summary.md >> "$GITHUB_STEP_SUMMARY"' in runs
    uses = {s["uses"].split("@")[0]: s for s in steps if "uses" in s}
    assert uses["actions/upload-artifact"]["with"]["name"] == "preview"
    assert uses["actions/upload-artifact"]["with"]["path"] == "site"
    comment = uses["actions/github-script"]
    assert comment["if"].startswith("always()")
    assert "updateComment" in comment["with"]["script"] and "<!-- giaitrinh-pr-summary -->" in comment["with"]["script"]
    summary = next(s for s in steps if s.get("name") == "giaitrinh pr-summary")
    assert summary["if"] == "always()"  # a red check still explains itself


def test_code_tests_run_only_when_code_changes():
    wf = workflow("tests.yml")
    paths = wf["on"]["pull_request"]["paths"]
    assert "generator/**" in paths and "tests/**" in paths
    assert not any(p.startswith(("data", "content")) for p in paths)
    assert wf["on"]["push"] == {"branches": ["main"], "paths": paths}
    assert [s.get("run") for s in wf["jobs"]["test"]["steps"] if "run" in s] == ["sudo make test"]


def test_publish_after_merge_deploys_pages_and_keeps_a_dated_archive():
    wf = workflow("publish.yml")
    assert wf["on"]["push"] == {"branches": ["main"]}
    build = wf["jobs"]["build"]["steps"]
    uses = [s["uses"].split("@")[0] for s in build if "uses" in s]
    assert "actions/upload-pages-artifact" in uses and "actions/upload-artifact" in uses
    runs = [s["run"] for s in build if "run" in s]
    assert runs.index("giaitrinh validate") < runs.index("giaitrinh build --out site") < runs.index("make archive")
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_gitlab_jobs():
    ci = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    check = ci["data-check"]
    assert check["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"',
                               "changes": ["data/**/*", "content/**/*"]}]
    assert check["artifacts"]["expose_as"] == "Xem trước cổng" and "site/" in check["artifacts"]["paths"]
    script = "\n".join(check["script"])
    assert "GIAITRINH_GITLAB_TOKEN" in script and "Không đăng tóm tắt lên merge request" in script
    assert "giaitrinh pr-summary" in script and "make test" not in script
    assert "generator/**/*" in ci["test"]["rules"][0]["changes"] and ci["test"]["script"][-1] == "make test"
    assert not any(c.startswith(("data", "content")) for c in ci["test"]["rules"][0]["changes"])
    pages = ci["pages"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert "public" in pages["artifacts"]["paths"] and "make archive" in pages["script"]


def test_every_command_named_exists():
    subcommands = set(next(a for a in parser()._actions if a.dest == "command").choices)
    targets = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    named = commands(all_scripts())
    assert len(named) >= 15, named
    assert {c[1] for c in named if c[0] == "giaitrinh"} <= subcommands, named
    assert {c[1] for c in named if c[0] == "make"} <= targets, named
    for c in named:  # and each giaitrinh command line parses
        if c[0] == "giaitrinh":
            parser().parse_args(["REF" if "$" in a else a for a in c[1:]])


def test_our_own_ci_still_runs_make_test():
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip().endswith("make test")


def test_templates_exist():
    for path in (".github/pull_request_template.md", ".gitlab/merge_request_templates/Default.md"):
        assert "- [ ] Mã hồ sơ (`id`) trùng tên tệp" in (ROOT / path).read_text(encoding="utf-8")
    owners = (ROOT / ".github" / "CODEOWNERS.example").read_text(encoding="utf-8")
    units = [line.split(",")[0] for line in (ROOT / "data" / "units.csv").read_text(encoding="utf-8").splitlines()[1:]]
    assert [line.split()[0] for line in owners.splitlines() if line.startswith("/data/") and line.split()[0] != "/data/"] \
        == [f"/data/{u}/" for u in units]


def test_the_pre_commit_hook_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The local hook's entry, as pre-commit runs it (language: system, no file names), in a
    repository whose data has a changed file: green when valid, red on a broken record."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = next(h for r in config["repos"] if r["repo"] == "local" for h in r["hooks"] if h["id"] == "giaitrinh-validate")
    assert hook["pass_filenames"] is False and re.match(hook["files"], "data/xa-a/giai-trinh/x.yaml")
    entry = shlex.split(hook["entry"])
    assert entry[0] == "python"
    entry[0] = sys.executable
    shutil.copytree(FIXTURES / "valid", tmp_path / "data")
    env = {**os.environ, **GIT_ENV, "GIAITRINH_CACHE": str(tmp_path / "cache"),
           "PYTHONPATH": str(ROOT)}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "base"]):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, env=env, capture_output=True)
    record = tmp_path / "data" / "xa-a" / "giai-trinh" / "xa-a-2026-002.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("channel: online", "channel: onlne"), encoding="utf-8")
    run = subprocess.run(entry + ["--as-of", "2026-11-23"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    assert run.stdout.startswith("data/xa-a/giai-trinh/xa-a-2026-002.yaml:4: not-in-list: Giá trị “onlne” "), run.stdout
    assert "Đã kiểm tra 1 tệp thay đổi so với HEAD" in run.stderr
    record.write_text(record.read_text(encoding="utf-8").replace("channel: onlne", "channel: online"), encoding="utf-8")
    run = subprocess.run(entry + ["--as-of", "2026-11-23"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_make_data_check_writes_the_summary_first():
    """The admin guide says `make data-check` gives the pull-request summary: it writes tom-tat.md
    against CHANGED_FROM, or origin/main, or main, before validating and building."""
    dry = subprocess.run(["make", "-n", "-o", "install", "data-check", "CHANGED_FROM=origin/main"], cwd=ROOT,
                         check=True, capture_output=True, text=True).stdout
    steps = [line for line in dry.splitlines() if "giaitrinh" in line]
    assert 'pr-summary --changed-from "$base" --out tom-tat.md' in steps[0], dry
    assert 'base="origin/main"' in dry and "for ref in origin/main main" in dry, dry
    assert steps[1:] == [".venv/bin/giaitrinh validate --changed-from origin/main", ".venv/bin/giaitrinh build --out site"]
